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
// failure policy: fetch (unless offline) and commit on success; on failure
// keep the last good snapshots and mark the source stale; with none, use
// the catalog's bootstrap documents, or skip the source saying why.
func (b *Built) fetched(ctx context.Context, cfg Config, src sources.Source, e sources.Extractor) ([]snapshot.Document, string, error) {
	store, err := b.openStore(cfg)
	if err != nil {
		return nil, "", err
	}
	opts := cfg.Fetch
	if opts.Log == nil {
		opts.Log = cfg.logger()
	}
	f := fetch.New(store, opts)
	var docs []snapshot.Document
	if cfg.Offline {
		docs, _, err = store.Current(ctx, src.ID)
	} else {
		var stale bool
		var since time.Time
		docs, stale, since, err = f.Refresh(ctx, src.ID, func(ctx context.Context) ([]snapshot.Document, error) {
			return fetchSource(ctx, f, src, e)
		})
		if stale {
			b.Stale[src.ID] = since
		}
	}
	if errors.Is(err, snapshot.ErrNoSnapshot) {
		return b.bootstrap(src, e, err, cfg.Offline)
	}
	return docs, "", err
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
func (b *Built) bootstrap(src sources.Source, e sources.Extractor, cause error, offline bool) ([]snapshot.Document, string, error) {
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
	docs, err := snapshot.FromFS(context.Background(), em.Embedded(), ".", src.ID, "embed:"+src.Kind+"/",
		func(fs.FileInfo) time.Time { return at })
	if err != nil {
		return nil, "", err
	}
	b.Bootstrapped[src.ID] = true
	_ = cause
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
