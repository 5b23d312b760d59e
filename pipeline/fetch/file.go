package fetch

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"time"

	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// getFile stores a file: URL (file:///abs/path, or file:rel/path relative
// to the working directory), with the same size and format checks as an
// HTTP body. Identical bytes are stored once.
func (f *Fetcher) getFile(ctx context.Context, req Request, u *url.URL) (snapshot.Document, Outcome, error) {
	a := attempt{start: time.Now(), finalURL: req.URL}
	if u.Host != "" && u.Host != "localhost" {
		a.err = fmt.Errorf("file URL names host %q: only local files can be read", u.Host)
		return f.fail(ctx, req, a, 1)
	}
	p := u.Path
	if p == "" {
		p = u.Opaque
	}
	fh, err := os.Open(p)
	if err != nil {
		a.err = err
		return f.fail(ctx, req, a, 1)
	}
	defer fh.Close()
	fi, err := fh.Stat()
	if err != nil {
		a.err = err
		return f.fail(ctx, req, a, 1)
	}
	meta := snapshot.Meta{SourceID: req.SourceID, Name: req.Name, URL: req.URL, FinalURL: req.URL,
		LastModified: fi.ModTime().UTC().Format(http.TimeFormat), MediaType: snapshot.MediaType(p), RetrievedAt: a.start}
	snap, err := f.save(ctx, req, meta, fh, fi.Size())
	if err != nil {
		a.err = err
		return f.fail(ctx, req, a, 1)
	}
	return f.store.Document(snap), f.outcome(ctx, req, snap), nil
}
