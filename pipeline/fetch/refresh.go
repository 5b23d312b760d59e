package fetch

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// ErrNoDocuments means a source's fetch succeeded but gave no document;
// Refresh treats it as a failure rather than commit an empty source.
var ErrNoDocuments = errors.New("the fetch gave no documents")

// Refresh is the failure policy of a run for one source. It calls fetch
// (typically Gets through Source, or a kind's Lister) and:
//
//   - on success, commits the documents as the source's current ones and
//     returns them, stale=false, since=the commit time;
//   - on failure, logs a warning and falls back to the source's last
//     commit: its documents, stale=true, since=when that commit was made,
//     and a nil error (the failure is in the log and the store's index);
//   - on failure of a source never committed, returns an error wrapping
//     both the fetch error and snapshot.ErrNoSnapshot, so the caller can
//     skip the source with a clear message;
//   - when ctx is cancelled, returns ctx's error: an interrupted run does
//     not quietly use old documents.
func (f *Fetcher) Refresh(ctx context.Context, sourceID string, fetch func(context.Context) ([]snapshot.Document, error)) (docs []snapshot.Document, stale bool, since time.Time, err error) {
	docs, err = fetch(ctx)
	if err == nil && len(docs) == 0 {
		err = fmt.Errorf("source %s: %w", sourceID, ErrNoDocuments)
	}
	if err == nil {
		snaps := make([]snapshot.Snapshot, len(docs))
		for i, d := range docs {
			snaps[i] = d.Snapshot
		}
		if err = f.store.Commit(ctx, sourceID, snaps); err == nil {
			docs, since, err = f.store.Current(ctx, sourceID)
			return docs, false, since, err
		}
	}
	if cerr := ctx.Err(); cerr != nil {
		return nil, false, time.Time{}, fmt.Errorf("source %s: %w", sourceID, cerr)
	}
	docs, since, cerr := f.store.Current(ctx, sourceID)
	if cerr != nil {
		return nil, false, time.Time{}, fmt.Errorf("source %s: fetch failed and %w: %w", sourceID, cerr, err)
	}
	f.opts.Log.Warn("fetch failed: using the last good documents", "source", sourceID,
		"since", since.UTC().Format(time.RFC3339), "err", err)
	return docs, true, since, nil
}
