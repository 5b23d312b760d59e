package release

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// Provenance is what a published version's provenance.json records about
// how it was built: enough to rebuild it (see pipeline.Rebuild).
type Provenance struct {
	Version           string
	Date              time.Time
	Program           Program
	ConfigSHA256      string
	Catalog           []byte // the effective catalog as JSON; nil in releases made before it was recorded
	AcceptRegressions string
	Stale             map[string]time.Time
	Inputs            []InputFile // in the order provenance.json lists them
}

// provenanceIn is provenance.json as read back (the tables are left out).
type provenanceIn struct {
	Version           string            `json:"version"`
	Date              string            `json:"date"`
	Program           programJSON       `json:"program"`
	ConfigSHA256      string            `json:"config_sha256"`
	Catalog           json.RawMessage   `json:"catalog"`
	AcceptRegressions string            `json:"accept_regressions"`
	Stale             map[string]string `json:"stale"`
	Inputs            []inputJSON       `json:"inputs"`
}

// ReadProvenance reads OUT/releases/VERSION/provenance.json.
func ReadProvenance(out, version string) (*Provenance, error) {
	if _, err := parseVersion(version); err != nil {
		return nil, fmt.Errorf("release: %w", err)
	}
	path := filepath.Join(releasesDir(out), version, "provenance.json")
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("release: %s: no such release (%s is missing)", version, path)
	}
	if err != nil {
		return nil, fmt.Errorf("release: %w", err)
	}
	var in provenanceIn
	if err := json.Unmarshal(b, &in); err != nil {
		return nil, fmt.Errorf("release: %s: %w", path, err)
	}
	bad := func(what string, err error) error { return fmt.Errorf("release: %s: %s: %w", path, what, err) }
	p := &Provenance{Version: in.Version, ConfigSHA256: in.ConfigSHA256, AcceptRegressions: in.AcceptRegressions,
		Program: Program{Name: in.Program.Name, Version: in.Program.Version, Commit: in.Program.Commit, GoVersion: in.Program.Go}}
	if p.Date, err = time.Parse(time.RFC3339, in.Date); err != nil {
		return nil, bad("date", err)
	}
	if len(in.Catalog) > 0 && !bytes.Equal(in.Catalog, []byte("null")) {
		var c bytes.Buffer
		if err := json.Compact(&c, in.Catalog); err != nil {
			return nil, bad("catalog", err)
		}
		p.Catalog = c.Bytes()
	}
	for id, s := range in.Stale {
		at, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return nil, bad("stale "+id, err)
		}
		if p.Stale == nil {
			p.Stale = map[string]time.Time{}
		}
		p.Stale[id] = at
	}
	for _, f := range in.Inputs {
		at, err := time.Parse(time.RFC3339, f.RetrievedAt)
		if err != nil {
			return nil, bad("input "+f.SHA256, err)
		}
		p.Inputs = append(p.Inputs, InputFile{SourceID: f.SourceID, Kind: f.Kind, Name: f.Name, URL: f.URL,
			SHA256: f.SHA256, Bytes: f.Bytes, RetrievedAt: at})
	}
	return p, nil
}

// Seed prepares into (which must not exist or be empty) to rebuild the
// published version of out: it copies every version of out's index.json
// older than version into into/releases, with their index entries and
// latest, so that Write there computes the same version number and
// changelog as when version was released.
func Seed(out, into, version string) error {
	if _, err := parseVersion(version); err != nil {
		return fmt.Errorf("release: %w", err)
	}
	if ents, err := os.ReadDir(into); err == nil && len(ents) > 0 {
		return fmt.Errorf("release: %s is not empty; a rebuild needs a fresh directory", into)
	}
	entries, err := Index(out)
	if err != nil {
		return err
	}
	var older []Entry
	found := false
	for _, e := range entries {
		switch c := compareVersions(e.Version, version); {
		case c < 0:
			older = append(older, e)
		case c == 0:
			found = true
		}
	}
	if !found {
		return fmt.Errorf("release: %s: %s is not in %s", version, version, filepath.Join(releasesDir(out), indexFile))
	}
	root := releasesDir(into)
	if err := os.MkdirAll(root, 0o755); err != nil {
		return err
	}
	for _, e := range older {
		if err := os.CopyFS(filepath.Join(root, e.Version), os.DirFS(filepath.Join(releasesDir(out), e.Version))); err != nil {
			return fmt.Errorf("release: copying %s: %w", e.Version, err)
		}
	}
	if len(older) == 0 {
		return nil
	}
	b, err := marshalJSON(older)
	if err != nil {
		return err
	}
	if err := writeAtomic(filepath.Join(root, indexFile), b); err != nil {
		return err
	}
	return writeAtomic(filepath.Join(root, latestFile), []byte(older[len(older)-1].Version+"\n"))
}

// FileDifference is a file that is not the same in two release directories.
type FileDifference struct {
	Path string // relative to the version directory, slash-separated
	Want string // hex SHA-256 in the first directory; "" when missing there
	Got  string // hex SHA-256 in the second directory; "" when missing there
}

// String reads like "data/revenue.csv: sha256 ab... published, cd... rebuilt".
func (f FileDifference) String() string {
	switch {
	case f.Want == "":
		return f.Path + ": only in the rebuild"
	case f.Got == "":
		return f.Path + ": missing from the rebuild"
	}
	return fmt.Sprintf("%s: sha256 %s published, %s rebuilt", f.Path, f.Want, f.Got)
}

// CompareDirs compares every file under the directories want and got byte
// by byte and returns the files that differ, sorted by path. Files named
// in skip are left out, and so is the number of files compared.
func CompareDirs(want, got string, skip ...string) ([]FileDifference, int, error) {
	a, err := hashTree(want)
	if err != nil {
		return nil, 0, err
	}
	b, err := hashTree(got)
	if err != nil {
		return nil, 0, err
	}
	var diffs []FileDifference
	n := 0
	names := map[string]bool{}
	for k := range a {
		names[k] = true
	}
	for k := range b {
		names[k] = true
	}
	for _, k := range slices.Sorted(maps.Keys(names)) {
		if slices.Contains(skip, k) {
			continue
		}
		n++
		if a[k] != b[k] {
			diffs = append(diffs, FileDifference{Path: k, Want: a[k], Got: b[k]})
		}
	}
	return diffs, n, nil
}

// hashTree returns the hex SHA-256 of every regular file under dir.
func hashTree(dir string) (map[string]string, error) {
	sums := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		h := sha256.Sum256(b)
		sums[filepath.ToSlash(rel)] = hex.EncodeToString(h[:])
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("release: %w", err)
	}
	return sums, nil
}

// IndexEntry returns the entry of version in out's index.json.
func IndexEntry(out, version string) (Entry, bool, error) {
	entries, err := Index(out)
	if err != nil {
		return Entry{}, false, err
	}
	for _, e := range entries {
		if e.Version == version {
			return e, true, nil
		}
	}
	return Entry{}, false, nil
}
