package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/cubaexports/cubaexports/pipeline/fetch"
	"github.com/cubaexports/cubaexports/pipeline/snapshot"
	"github.com/cubaexports/cubaexports/sources"
)

// Remote reports whether a source's documents come over the network and
// so through the fetcher and the snapshot store.
func Remote(src sources.Source) bool {
	return strings.HasPrefix(src.URL, "http://") || strings.HasPrefix(src.URL, "https://")
}

// fetched returns the documents of a network source, following the
// failure policy: fetch (unless offline); on a failed fetch keep the last
// good snapshots and mark the source stale; with none, use the catalog's
// bootstrap documents, or skip the source saying why. Freshly fetched
// documents come with a commit function: the caller commits them as the
// source's current documents only once they have been extracted without
// error, so a source serving garbage fails loudly and its last good
// snapshots stay current.
func (b *Built) fetched(ctx context.Context, cfg Config, src sources.Source, e sources.Extractor) (docs []snapshot.Document, skip string, commit func() error, err error) {
	store, err := b.openStore(cfg)
	if err != nil {
		return nil, "", nil, err
	}
	if !cfg.Offline {
		opts := cfg.Fetch
		if opts.Log == nil {
			opts.Log = cfg.logger()
		}
		docs, err = fetchSource(ctx, fetch.New(store, opts), src, e)
		if err == nil && len(docs) == 0 {
			err = fmt.Errorf("source %s: %w", src.ID, fetch.ErrNoDocuments)
		}
		if err == nil {
			snaps := make([]snapshot.Snapshot, len(docs))
			for i, d := range docs {
				snaps[i] = d.Snapshot
			}
			return docs, "", func() error { return store.Commit(ctx, src.ID, snaps) }, nil
		}
		if ctx.Err() != nil {
			return nil, "", nil, ctx.Err()
		}
		cfg.logger().Warn("fetch failed: using the last good snapshots", "source", src.ID, "err", err)
	}
	docs, since, cerr := store.Current(ctx, src.ID)
	if errors.Is(cerr, snapshot.ErrNoSnapshot) {
		docs, skip, cerr = b.bootstrap(src, e, cfg.Offline)
		if err != nil && skip != "" {
			skip += "; the fetch failed: " + err.Error()
		}
		return docs, skip, nil, cerr
	}
	if cerr == nil && err != nil {
		b.Stale[src.ID] = since
	}
	return docs, "", nil, cerr
}

// fetchSource fetches every document of a source: through the kind's
// Lister when it has one, else the source's URL as one document.
func fetchSource(ctx context.Context, f *fetch.Fetcher, src sources.Source, e sources.Extractor) ([]snapshot.Document, error) {
	format := ""
	if fm, ok := e.(sources.Formatter); ok {
		format = fm.Format(src)
	}
	get := f.Source(src.ID, format, 0)
	if l, ok := e.(sources.Lister); ok {
		return l.Fetch(ctx, src, get)
	}
	d, err := get.Get(ctx, documentName(src.URL), src.URL)
	if err != nil {
		return nil, err
	}
	return []snapshot.Document{d}, nil
}

// documentName is the last element of a URL's path ("8.3.xlsx").
func documentName(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || path.Base(u.Path) == "/" || path.Base(u.Path) == "." {
		return "document"
	}
	return path.Base(u.Path)
}

// bootstrap gives a never-fetched source its embedded bootstrap
// documents, or a reason to skip it.
func (b *Built) bootstrap(src sources.Source, e sources.Extractor, offline bool) ([]snapshot.Document, string, error) {
	em, ok := e.(sources.Embedder)
	if src.Bootstrap != "embed:" || !ok {
		why := "never fetched"
		if offline {
			why += " (offline run)"
		}
		return nil, fmt.Sprintf("%s: no stored snapshot and no bootstrap documents", why), nil
	}
	at, err := embeddedTime(src)
	if err != nil {
		return nil, "", err
	}
	fsys, err := sources.EmbeddedFS(em, src)
	if err != nil {
		return nil, "", err
	}
	docs, err := snapshot.FromFS(context.Background(), fsys, ".", src.ID, "embed:"+src.Kind+"/",
		func(fs.FileInfo) time.Time { return at })
	if err != nil {
		return nil, "", err
	}
	b.Bootstrapped[src.ID] = true
	return docs, "", nil
}

// openStore opens the snapshot store once per build.
func (b *Built) openStore(cfg Config) (*snapshot.Store, error) {
	if b.store == nil {
		dir := cfg.DataDir
		if dir == "" {
			dir = "data"
		}
		s, err := snapshot.OpenStore(dir)
		if err != nil {
			return nil, fmt.Errorf("snapshot store: %w", err)
		}
		b.store = s
	}
	return b.store, nil
}
