package pipeline

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/pipeline/archive"
	"github.com/cubaexports/cubaexports/pipeline/release"
	"github.com/cubaexports/cubaexports/sources"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// ErrSnapshotMissing is wrapped by the error of a rebuild that cannot find
// the bytes of a recorded input snapshot.
var ErrSnapshotMissing = errors.New("snapshot not available")

// ErrNotRebuildable is wrapped when a published version does not record
// enough to be rebuilt (released before its catalog was recorded).
var ErrNotRebuildable = errors.New("cannot be rebuilt")

// RebuildResult is what Rebuild did and found.
type RebuildResult struct {
	Version    string              // the version rebuilt
	Published  string              // OUT/releases/VERSION
	Provenance *release.Provenance // the published provenance.json
	// SameProgram: the published version was built by this very program
	// (name, version, commit and Go toolchain), so every file must be
	// byte-identical.
	SameProgram bool
	Release     release.Result // the rebuild, written under INTO/releases
	// Differences are the files of the version that differ, by path;
	// Files is how many files were compared.
	Differences []release.FileDifference
	Files       int
	// Unsigned: the published version has SHA256SUMS.sig and the rebuild
	// had no signing key, so the signature was not compared (SHA256SUMS,
	// which it signs, was).
	Unsigned bool
	// Entry is the published index.json entry; Rebuilt the rebuild's.
	Entry, Rebuilt release.Entry
	// Copies says where the bytes of each recorded input were found, in
	// the order they were looked up.
	Copies []InputCopy
}

// InputCopy is where a rebuild found a recorded input's bytes.
type InputCopy struct {
	SourceID, Name, SHA256 string
	From                   string // e.g. "the snapshot store DATA", "at PATH"
	// StoreBad: the snapshot store holds the object with other bytes (or
	// cannot read it), so another copy was used; run `snapshots verify`.
	StoreBad bool
}

// Identical reports whether the rebuild reproduced the published version
// exactly: same version number, index entry and bytes of every file.
func (r *RebuildResult) Identical() bool {
	return r.Release.Version == r.Version && len(r.Differences) == 0 && sameEntry(r.Entry, r.Rebuilt)
}

func sameEntry(a, b release.Entry) bool {
	if a.Version != b.Version || a.Date != b.Date || a.Fingerprint != b.Fingerprint || len(a.Rows) != len(b.Rows) {
		return false
	}
	for k, v := range a.Rows {
		if b.Rows[k] != v {
			return false
		}
	}
	return true
}

// Rebuild rebuilds the published version of out into the fresh directory
// into, from exactly what its provenance.json records: the catalog (not
// today's), the release date, the reason regressions were accepted, the
// stale sources, and every input snapshot, found by its SHA-256 in the
// snapshot store (cfg.DataDir), among the kind's embedded documents, or
// as a local file still at its recorded URL (relative to cfg.File.Dir)
// with the same bytes. The citation check searches only the snapshots
// recorded with kind citation (found the same way), so the page column
// of curated rows comes out as published. The versions before it are copied into
// into/releases first (release.Seed) so the version number and
// changelog come out as they did. It then compares every file of the two
// version directories byte by byte. cfg.Date, cfg.Offline and the
// configuration's catalog overrides are not used; the rebuild records
// cfg.Program in its provenance.json. A snapshot that cannot be found
// is an error wrapping ErrSnapshotMissing naming the source, document and
// SHA-256.
func Rebuild(ctx context.Context, cfg Config, out, version, into string) (*RebuildResult, error) {
	p, err := release.ReadProvenance(out, version)
	if err != nil {
		return nil, err
	}
	if p.Catalog == nil {
		return nil, fmt.Errorf("%s: %w: its provenance.json records no catalog (it was built by %s %s before rebuilds were supported)",
			version, ErrNotRebuildable, p.Program.Name, p.Program.Version)
	}
	if h := configHash(p.Catalog); h != p.ConfigSHA256 {
		return nil, fmt.Errorf("%s: %w: the recorded catalog hashes to %s, config_sha256 says %s", version, ErrNotRebuildable, h, p.ConfigSHA256)
	}
	cat, err := catalogFromJSON(p.Catalog)
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %w", version, ErrNotRebuildable, err)
	}
	entry, ok, err := release.IndexEntry(out, version)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("%s: not in %s", version, filepath.Join(out, "releases", "index.json"))
	}
	if err := release.Seed(out, into, version); err != nil {
		return nil, err
	}
	inputs, cited := map[string][]release.InputFile{}, map[string][]release.InputFile{}
	var manifest *release.InputFile
	for _, in := range p.Inputs {
		switch in.Kind {
		case citedKind:
			cited[in.SourceID] = append(cited[in.SourceID], in)
			continue
		case archiveKind:
			manifest = &in
			continue
		}
		inputs[in.SourceID] = append(inputs[in.SourceID], in)
	}
	rcfg := cfg
	rcfg.Date, rcfg.DryRun, rcfg.AcceptRegressions = p.Date, false, p.AcceptRegressions
	store := newLazyStore(cfg)
	defer store.close()
	res := &recorded{baseDir: cfg.File.Dir, store: store, inputs: inputs, citedInputs: cited, manifestInput: manifest}
	b, err := build(ctx, rcfg, buildInput{catalog: cat, resolver: res, store: store, checkCitations: true})
	if err == nil {
		err = res.err
	}
	if err != nil {
		return nil, fmt.Errorf("rebuilding %s: %w", version, err)
	}
	rel, err := release.Write(ctx, into, release.Input{Rows: b.Rows, Meta: datasets.Default(), Inputs: b.Inputs,
		ConfigSHA256: b.Config, Catalog: b.Catalog, Program: cfg.Program, Date: p.Date,
		AcceptRegressions: p.AcceptRegressions, Stale: p.Stale, CrossChecks: b.CrossChecks, SignKey: cfg.SignKey})
	if err != nil {
		return nil, fmt.Errorf("rebuilding %s: %w", version, err)
	}
	if !rel.Changed {
		return nil, fmt.Errorf("rebuilding %s: the rebuilt tables equal those of %s, so nothing was released", version, rel.Version)
	}
	r := &RebuildResult{Version: version, Published: filepath.Join(out, "releases", version), Provenance: p,
		SameProgram: p.Program == cfg.Program, Release: rel, Entry: entry, Copies: res.copies}
	if e, ok, err := release.IndexEntry(into, rel.Version); err != nil {
		return nil, err
	} else if ok {
		r.Rebuilt = e
	}
	var skip []string
	if exists(filepath.Join(r.Published, "SHA256SUMS.sig")) && !exists(filepath.Join(rel.Dir, "SHA256SUMS.sig")) {
		r.Unsigned, skip = true, []string{"SHA256SUMS.sig"}
	}
	if r.Differences, r.Files, err = release.CompareDirs(r.Published, rel.Dir, skip...); err != nil {
		return nil, err
	}
	return r, nil
}

// recorded resolves the documents of a rebuild: each entry's inputs as
// provenance.json records them, and for the citation check the snapshots
// it records as searched (kind citation) for each source_id, all found by
// their SHA-256 (findInput). An entry with no recorded input is skipped;
// a source_id with none recorded has no snapshot.
type recorded struct {
	baseDir             string
	store               *lazyStore
	inputs, citedInputs map[string][]release.InputFile // by source id
	manifestInput       *release.InputFile             // the archive manifest, when one was used
	// err is the first cited snapshot that could not be found: the build
	// logs a citation check that fails and goes on, the rebuild fails with
	// it.
	err error

	mu     sync.Mutex
	copies []InputCopy // where each input was found
}

// find is findInput, recording where the bytes came from.
func (r *recorded) find(store *snapshot.Store, k *sources.Kind, in release.InputFile) (snapshot.Document, error) {
	d, c, err := findInput(store, r.baseDir, k, in)
	if err == nil {
		r.mu.Lock()
		r.copies = append(r.copies, c)
		r.mu.Unlock()
	}
	return d, err
}

func (r *recorded) resolve(_ context.Context, src sources.Entry, rd *sources.Reader) (resolved, error) {
	ins := r.inputs[src.ID]
	if len(ins) == 0 {
		return resolved{Skip: "no input recorded in provenance.json"}, nil
	}
	store, err := r.store.existing() // a rebuild reads; nil: no store, other copies are tried

	if err != nil {
		return resolved{}, err
	}
	var docs []snapshot.Document
	for _, in := range ins {
		d, err := r.find(store, rd.Kind, in)
		if err != nil {
			return resolved{}, err
		}
		docs = append(docs, d)
	}
	return resolved{Documents: docs}, nil
}

func (r *recorded) cited(_ context.Context, id string, _ []string) ([]snapshot.Document, error) {
	var docs []snapshot.Document
	for _, in := range r.citedInputs[id] {
		store, err := r.store.existing()
		if err != nil {
			r.err = err
			return nil, r.err
		}
		d, err := r.find(store, nil, in)
		if err != nil {
			r.err = cmp.Or(r.err, err)
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// manifest is the archive manifest the version recorded, found by its
// SHA-256 like every input.
func (r *recorded) manifest(_ context.Context) (*archive.Manifest, snapshot.Document, bool, error) {
	if r.manifestInput == nil {
		return nil, snapshot.Document{}, false, nil
	}
	store, err := r.store.open()
	if err != nil {
		return nil, snapshot.Document{}, false, err
	}
	d, err := r.find(store, nil, *r.manifestInput)
	if err != nil {
		return nil, snapshot.Document{}, false, err
	}
	m, err := archive.Read(d)
	return m, d, err == nil, err
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// findInput finds the bytes of a recorded input by their SHA-256: in the
// snapshot store, among the embedded documents of kind k (an embed: URL;
// nil: none), or in the local file at its recorded URL. Every candidate
// is hashed; the InputCopy says which was used and whether the store's
// copy was bad.
func findInput(store *snapshot.Store, baseDir string, k *sources.Kind, in release.InputFile) (snapshot.Document, InputCopy, error) {
	name := in.Name
	if name == "" {
		name = path.Base(in.URL)
	}
	snap := snapshot.Snapshot{SourceID: in.SourceID, Name: name, URL: in.URL, SHA256: in.SHA256, Size: in.Bytes,
		MediaType: snapshot.MediaType(name), RetrievedAt: in.RetrievedAt}
	var tried []string
	c := InputCopy{SourceID: in.SourceID, Name: name, SHA256: in.SHA256}
	try := func(where string, open func() (io.ReadCloser, error)) (bool, error) {
		ok, err := hashes(open, in.SHA256)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			tried = append(tried, "not "+where)
		case err != nil:
			return false, fmt.Errorf("source %s: document %s (sha256 %s): %s: %w", in.SourceID, name, in.SHA256, where, err)
		case !ok:
			tried = append(tried, "other bytes "+where)
		}
		c.From = where
		return ok, nil
	}
	if store != nil {
		d := store.Document(snap)
		ok, err := try("in the snapshot store "+store.Dir(), d.Open)
		if err != nil || ok {
			return d, c, err
		}
		c.StoreBad = len(tried) > 0 && strings.HasPrefix(tried[len(tried)-1], "other bytes")
	}
	if k != nil && k.Embedded != nil {
		if rel, ok := strings.CutPrefix(in.URL, "embed:"+k.Name+"/"); ok {
			open := func() (io.ReadCloser, error) { return k.Embedded.Open(rel) }
			if ok, err := try("among the embedded documents of kind "+k.Name, open); err != nil || ok {
				return snapshot.NewDocument(snap, open), c, err
			}
		}
	}
	if p, ok := localPath(in.URL, baseDir); ok {
		open := func() (io.ReadCloser, error) { return os.Open(p) }
		if ok, err := try("at "+p, open); err != nil || ok {
			return snapshot.NewDocument(snap, open), c, err
		}
	}
	return snapshot.Document{}, c, fmt.Errorf("source %s: document %s (%s, sha256 %s): %w: %s", in.SourceID, name, in.URL, in.SHA256,
		ErrSnapshotMissing, strings.Join(tried, "; "))
}

// hashes reports whether the bytes open gives hash to sum.
func hashes(open func() (io.ReadCloser, error), sum string) (bool, error) {
	r, err := open()
	if err != nil {
		return false, err
	}
	defer r.Close()
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return false, err
	}
	return hex.EncodeToString(h.Sum(nil)) == sum, nil
}

// localPath is the file a recorded file:// URL or path names, relative
// paths against baseDir.
func localPath(raw, baseDir string) (string, bool) {
	p := raw
	if u, err := url.Parse(raw); err == nil && u.Scheme == "file" {
		p = u.Path
	} else if strings.Contains(raw, "://") || strings.HasPrefix(raw, "embed:") {
		return "", false
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(baseDir, p)
	}
	return p, true
}

// keeping stores the bytes of every extracted document that is not in
// the snapshot store yet (embedded and local files), so that the release
// can be rebuilt after they change or the binary no longer embeds them.
// The documents are staged (copied, hashed, fsynced) on a goroutine of
// their own while the build derives and validates its rows, and become
// objects only when the build succeeds (commit); a build that fails
// leaves nothing (discard).
type keeping struct {
	done   chan struct{} // closed when staging has ended
	stop   func()        // ends the staging early (a build that failed)
	staged []stagedDoc
	err    error // the first document that could not be staged
}

type stagedDoc struct {
	d  snapshot.Document
	st *snapshot.Staged // nil once committed
}

// startKeep starts staging the documents extracted so far.
func (b *builder) startKeep(ctx context.Context) *keeping {
	ctx, stop := context.WithCancel(ctx)
	k := &keeping{done: make(chan struct{}), stop: stop}
	if len(b.used) == 0 {
		close(k.done)
		return k
	}
	// Opened here, not on the goroutine: the citation check opens the
	// same lazy store meanwhile.
	store, err := b.in.store.open()
	if err != nil {
		k.err = err
		close(k.done)
		return k
	}
	used := b.used
	go func() {
		defer close(k.done)
		for _, d := range used {
			if store.Has(d.SHA256) {
				continue
			}
			r, err := d.Open()
			if err != nil {
				k.err = fmt.Errorf("source %s: keeping %s in the snapshot store: %w", d.SourceID, d.Name, err)
				return
			}
			st, err := store.Stage(ctx, r)
			r.Close()
			if err != nil {
				k.err = fmt.Errorf("source %s: keeping %s in the snapshot store: %w", d.SourceID, d.Name, err)
				return
			}
			k.staged = append(k.staged, stagedDoc{d, st})
		}
	}()
	return k
}

// commit waits for the staging to end and makes every staged document
// an object of the store. A document whose bytes are not the ones the
// rows were extracted from fails the build.
func (k *keeping) commit() error {
	<-k.done
	if k.err != nil {
		return k.err
	}
	for _, s := range k.staged {
		if s.st.SHA256 != s.d.SHA256 {
			return fmt.Errorf("source %s: %s changed while the release was built (sha256 %s, now %s)", s.d.SourceID, s.d.Name, s.d.SHA256, s.st.SHA256)
		}
	}
	for i := range k.staged {
		s := &k.staged[i]
		if err := s.st.Commit(); err != nil {
			return fmt.Errorf("source %s: keeping %s in the snapshot store: %w", s.d.SourceID, s.d.Name, err)
		}
		s.st = nil
	}
	return nil
}

// discard ends the staging and removes whatever was staged and not
// committed.
func (k *keeping) discard() {
	k.stop()
	<-k.done
	for _, s := range k.staged {
		if s.st != nil {
			s.st.Discard()
		}
	}
}
