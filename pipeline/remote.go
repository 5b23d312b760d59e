package pipeline

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/cubaexports/cubaexports/pipeline/fetch"
	"github.com/cubaexports/cubaexports/sources"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// Remote reports whether a catalog entry's documents come over the
// network and so through the fetcher and the snapshot store.
func Remote(src sources.Entry) bool {
	return strings.HasPrefix(src.URL, "http://") || strings.HasPrefix(src.URL, "https://")
}

// fetched resolves the documents of a network entry under the failure
// policy: fetch (unless offline); on a failed fetch keep the last good
// snapshots and mark the entry stale; with none, use the catalog's
// bootstrap documents, or skip the entry saying why. Freshly fetched
// documents come with their Commit (see resolved).
func (l *live) fetched(ctx context.Context, src sources.Entry, r *sources.Reader) (resolved, error) {
	store, err := l.store.open()
	if err != nil {
		return resolved{}, err
	}
	if !l.cfg.Offline {
		failing, err := failingSince(ctx, store, src.ID)
		if err != nil {
			return resolved{}, err
		}
		var docs []snapshot.Document
		docs, err = fetchEntry(ctx, l.fetcher(store), src, r)
		fail := func(err error) error { return store.Fail(ctx, src.ID, err) }
		if err == nil {
			snaps := make([]snapshot.Snapshot, len(docs))
			for i, d := range docs {
				snaps[i] = d.Snapshot
			}
			return resolved{Documents: docs, Commit: func() error { return store.Commit(ctx, src.ID, snaps) },
				Fail: fail, FailingSince: failing}, nil
		}
		if ctx.Err() != nil {
			return resolved{}, ctx.Err()
		}
		l.cfg.logger().Warn("fetch failed: using the last good snapshots", "source", src.ID, "err", err)
		if ferr := fail(err); ferr != nil {
			return resolved{}, ferr
		}
		return l.lastGood(ctx, store, src, r, err)
	}
	return l.lastGood(ctx, store, src, r, nil)
}

// failingSince is when a source's fetches started failing, zero when its
// last fetch did not fail.
func failingSince(ctx context.Context, store *snapshot.Store, id string) (time.Time, error) {
	sts, err := store.Status(ctx)
	if err != nil {
		return time.Time{}, err
	}
	for _, st := range sts {
		if st.SourceID == id && st.Failing {
			return st.StaleSince, nil
		}
	}
	return time.Time{}, nil
}

// lastGood resolves an entry that was not fetched (offline) or whose fetch
// failed with err: its current documents, stale since then when the fetch
// failed; with none, its bootstrap documents or a reason to skip it.
func (l *live) lastGood(ctx context.Context, store *snapshot.Store, src sources.Entry, r *sources.Reader, err error) (resolved, error) {
	docs, since, cerr := store.Current(ctx, src.ID)
	if errors.Is(cerr, snapshot.ErrNoSnapshot) {
		res, berr := bootstrap(ctx, src, r, l.cfg.Offline)
		if err != nil && res.Skip != "" {
			res.Skip += "; the fetch failed: " + err.Error()
		}
		return res, berr
	}
	res := resolved{Documents: docs}
	if cerr == nil && err != nil {
		res.StaleSince, res.FetchErr = since, err
	}
	return res, cerr
}

// fetcher is the fetcher of a run, logging as the run does.
func (l *live) fetcher(store *snapshot.Store) *fetch.Fetcher {
	opts := l.cfg.Fetch
	if opts.Log == nil {
		opts.Log = l.cfg.logger()
	}
	return fetch.New(store, opts)
}

// fetchEntry fetches every document of a catalog entry: through the
// entry's lister when its kind gives one, else the entry's URL as one
// document. No document at all is an error (fetch.ErrNoDocuments).
func fetchEntry(ctx context.Context, f *fetch.Fetcher, src sources.Entry, r *sources.Reader) ([]snapshot.Document, error) {
	get := f.Source(src.ID, r.Format, 0)
	var docs []snapshot.Document
	if r.List != nil {
		var err error
		if docs, err = r.List(ctx, get); err != nil {
			return nil, err
		}
	} else {
		d, err := get.Get(ctx, documentName(src.URL), src.URL)
		if err != nil {
			return nil, err
		}
		docs = []snapshot.Document{d}
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("source %s: %w", src.ID, fetch.ErrNoDocuments)
	}
	return docs, nil
}

// documentName is the last element of a URL's path ("8.3.xlsx").
func documentName(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || path.Base(u.Path) == "/" || path.Base(u.Path) == "." {
		return "document"
	}
	return path.Base(u.Path)
}

// bootstrap gives a never-fetched entry its embedded bootstrap
// documents, or a reason to skip it.
func bootstrap(ctx context.Context, src sources.Entry, r *sources.Reader, offline bool) (resolved, error) {
	if src.Bootstrap != "embed:" || r.Embedded == nil {
		why := "never fetched"
		if offline {
			why += " (offline run)"
		}
		return resolved{Skip: fmt.Sprintf("%s: no stored snapshot and no bootstrap documents", why)}, nil
	}
	docs, err := embeddedDocuments(ctx, src, r)
	if err != nil {
		return resolved{}, err
	}
	return resolved{Documents: docs, Bootstrapped: true}, nil
}
