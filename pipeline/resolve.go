package pipeline

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"time"

	"github.com/cubaexports/cubaexports/pipeline/archive"
	"github.com/cubaexports/cubaexports/sources"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// resolved is where one catalog entry's documents come from in a build.
type resolved struct {
	// Documents are the entry's documents, in the order they are read.
	Documents []snapshot.Document
	// Skip says why the entry is skipped ("": it is not); then there are
	// no documents.
	Skip string
	// Commit makes freshly fetched documents the entry's current ones. The
	// build calls it only once every document extracted without error, so
	// an entry serving garbage keeps its last good documents. nil: nothing
	// to commit.
	Commit func() error
	// Fail records that the entry's fetch failed as a whole (the build
	// calls it when a freshly fetched document does not extract), so that
	// status reports it. nil: nothing fetched, nothing to record.
	Fail func(error) error
	// StaleSince is set when the fetch failed: the documents are the last
	// good ones, current since then; FetchErr says why it failed.
	StaleSince time.Time
	FetchErr   error
	// FailingSince is when the entry's fetches started failing, when the
	// attempt before this one failed: a commit now is a recovery.
	FailingSince time.Time
	// Bootstrapped: the documents are the catalog's bootstrap documents
	// (embedded in the binary), since the store holds none of the entry's.
	Bootstrapped bool
}

// resolver says where a build's documents come from: live (embedded or
// local files, and fetches through the snapshot store) or recorded (the
// snapshots a published version's provenance.json names, for a rebuild).
type resolver interface {
	// resolve finds a catalog entry's documents; r is the entry opened by
	// its kind.
	resolve(ctx context.Context, e sources.Entry, r *sources.Reader) (resolved, error)
	// cited gives the stored documents the citation check searches for a
	// source_id; holders are the catalog entries whose documents carry
	// that source_id besides an entry of that id. None: not checked.
	cited(ctx context.Context, sourceID string, holders []string) ([]snapshot.Document, error)
	// manifest gives the archive manifest the build publishes from
	// (the latest in the store, or the one a rebuilt version recorded);
	// ok is false when there is none.
	manifest(ctx context.Context) (m *archive.Manifest, doc snapshot.Document, ok bool, err error)
}

// lazyStore is a build's snapshot store, opened when first needed and
// closed when the build ends.
type lazyStore struct {
	dir string
	s   *snapshot.Store
}

func newLazyStore(cfg Config) *lazyStore {
	return &lazyStore{dir: cfg.dataDir()}
}

// open opens (and creates) the store.
func (l *lazyStore) open() (*snapshot.Store, error) {
	if l.s == nil {
		s, err := snapshot.OpenStore(l.dir)
		if err != nil {
			return nil, fmt.Errorf("snapshot store: %w", err)
		}
		l.s = s
	}
	return l.s, nil
}

// existing opens the store only when its directory exists: nil, nil
// when there is none (reading documents never creates a store).
func (l *lazyStore) existing() (*snapshot.Store, error) {
	if l.s == nil {
		if _, err := os.Stat(l.dir); err != nil {
			return nil, nil
		}
	}
	return l.open()
}

func (l *lazyStore) close() {
	if l.s != nil {
		l.s.Close()
		l.s = nil
	}
}

// live resolves documents as a run finds them today: embedded documents
// ("embed:") and local files or directories as they are; network entries
// fetched into the snapshot store under the failure policy (see fetched).
type live struct {
	cfg      Config
	store    *lazyStore
	archived *archive.Manifest // the manifest manifest gave, for cited
}

func (l *live) resolve(ctx context.Context, e sources.Entry, r *sources.Reader) (resolved, error) {
	if Remote(e) {
		return l.fetched(ctx, e, r)
	}
	docs, err := gather(ctx, e, r, cmp.Or(e.Dir, l.cfg.File.Dir))
	return resolved{Documents: docs}, err
}

// cited is the current documents of the entry whose id is the source_id,
// else of the first holder that has some, else the copies the archive
// manifest lists for the source_id.
func (l *live) cited(ctx context.Context, sourceID string, holders []string) ([]snapshot.Document, error) {
	store, err := l.store.existing()
	if err != nil || store == nil {
		return nil, err
	}
	docs, err := currentDocuments(ctx, store, append([]string{sourceID}, holders...))
	if err != nil || len(docs) > 0 {
		return docs, err
	}
	return archivedDocuments(store, l.archived, sourceID), nil
}

// manifest is the store's latest archive manifest.
func (l *live) manifest(ctx context.Context) (*archive.Manifest, snapshot.Document, bool, error) {
	store, err := l.store.existing()
	if err != nil || store == nil {
		return nil, snapshot.Document{}, false, err
	}
	m, doc, ok, err := archive.Latest(ctx, store)
	l.archived = m
	return m, doc, ok, err
}
