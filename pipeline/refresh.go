package pipeline

import (
	"context"
	"errors"
	"fmt"

	"github.com/cubaexports/cubaexports/pipeline/fetch"
	"github.com/cubaexports/cubaexports/pipeline/snapshot"
	"github.com/cubaexports/cubaexports/sources"
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
	var src *sources.Source
	for i := range cat.Sources {
		if cat.Sources[i].ID == sourceID {
			src = &cat.Sources[i]
		}
	}
	switch {
	case src == nil:
		return Refreshed{}, fmt.Errorf("source %s is not in the catalog", sourceID)
	case !Remote(*src):
		return Refreshed{}, fmt.Errorf("source %s is not fetched over the network (url %s)", sourceID, src.URL)
	}
	e, _ := sources.Lookup(src.Kind)
	b := &Built{}
	store, err := b.openStore(cfg)
	if err != nil {
		return Refreshed{}, err
	}
	defer store.Close()
	opts := cfg.Fetch
	if opts.Log == nil {
		opts.Log = cfg.logger()
	}
	docs, err := fetchSource(ctx, fetch.New(store, opts), *src, e)
	if err == nil && len(docs) == 0 {
		err = fmt.Errorf("source %s: %w", src.ID, fetch.ErrNoDocuments)
	}
	if err != nil {
		return Refreshed{}, err
	}
	r := Refreshed{Documents: len(docs)}
	snaps := make([]snapshot.Snapshot, len(docs))
	for i, d := range docs {
		if _, err := extract(ctx, e, *src, d); err != nil {
			return Refreshed{}, fmt.Errorf("source %s: %s does not extract; its last good snapshots stay current: %w", src.ID, d.Name, err)
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
