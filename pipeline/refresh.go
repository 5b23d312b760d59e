package pipeline

import (
	"context"
	"errors"
	"fmt"

	"github.com/cubaexports/cubaexports/sources"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// Refreshed is the outcome of refreshing one source.
type Refreshed struct {
	Documents int
	Bytes     int64 // the documents' total size
	// New is true when the documents differ from the source's previous
	// current ones (or it had none): a release may change.
	New bool
}

// Refresh fetches one network source into the snapshot store, the job the
// scheduler runs on the source's cron spec: it extracts every fetched
// document to check it, and only when all of them extract without error
// commits them as the source's current documents. A failed fetch or a
// document that does not extract is an error and commits nothing, so the
// last good snapshots stay current. It builds no tables and writes no
// release.
func Refresh(ctx context.Context, cfg Config, sourceID string) (Refreshed, error) {
	cat, err := EffectiveCatalog(cfg)
	if err != nil {
		return Refreshed{}, err
	}
	var src *sources.Entry
	for i := range cat.Entries {
		if cat.Entries[i].ID == sourceID {
			src = &cat.Entries[i]
		}
	}
	switch {
	case src == nil:
		return Refreshed{}, fmt.Errorf("source %s is not in the catalog", sourceID)
	case !Remote(*src):
		return Refreshed{}, fmt.Errorf("source %s is not fetched over the network (url %s)", sourceID, src.URL)
	}
	rd := src.Reader()
	l := &live{cfg: cfg, store: newLazyStore(cfg)}
	defer l.store.close()
	store, err := l.store.open()
	if err != nil {
		return Refreshed{}, err
	}
	docs, err := fetchEntry(ctx, l.fetcher(store), *src, rd)
	if err != nil {
		return Refreshed{}, failed(ctx, store, src.ID, err)
	}
	r := Refreshed{Documents: len(docs)}
	snaps := make([]snapshot.Snapshot, len(docs))
	for i, d := range docs {
		if _, err := extract(ctx, *src, rd, d); err != nil {
			err = fmt.Errorf("source %s: %s does not extract; its last good snapshots stay current: %w", src.ID, d.Name, err)
			return Refreshed{}, failed(ctx, store, src.ID, err)
		}
		snaps[i], r.Bytes = d.Snapshot, r.Bytes+d.Size
	}
	cur, _, err := store.Current(ctx, src.ID)
	if err != nil && !errors.Is(err, snapshot.ErrNoSnapshot) {
		return Refreshed{}, err
	}
	r.New = !sameDocuments(cur, docs)
	return r, store.Commit(ctx, src.ID, snaps)
}

// failed records a failed fetch of a source in the store, for status, and
// returns err (unless the run was cancelled: nothing is recorded).
func failed(ctx context.Context, store *snapshot.Store, id string, err error) error {
	if ctx.Err() != nil {
		return err
	}
	if ferr := store.Fail(ctx, id, err); ferr != nil {
		return errors.Join(err, ferr)
	}
	return err
}

// sameDocuments reports two document lists with the same names and bytes.
func sameDocuments(a, b []snapshot.Document) bool {
	if len(a) != len(b) {
		return false
	}
	byName := map[string]string{}
	for _, d := range a {
		byName[d.Name] = d.SHA256
	}
	for _, d := range b {
		if sha, ok := byName[d.Name]; !ok || sha != d.SHA256 {
			return false
		}
	}
	return true
}
