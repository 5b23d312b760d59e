package fetch

import (
	"context"

	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// SourceGetter fetches the documents of one source; it satisfies
// sources.Getter.
type SourceGetter struct {
	f        *Fetcher
	sourceID string
	format   string
	maxBytes int64
}

// Source returns a getter of one source's documents, each checked
// against format ("" = any) and limited to maxBytes (0 = the default).
func (f *Fetcher) Source(sourceID, format string, maxBytes int64) *SourceGetter {
	return &SourceGetter{f: f, sourceID: sourceID, format: format, maxBytes: maxBytes}
}

// Get fetches the document name of the source from url.
func (g *SourceGetter) Get(ctx context.Context, name, url string) (snapshot.Document, error) {
	d, _, err := g.f.Get(ctx, Request{SourceID: g.sourceID, Name: name, URL: url, Format: g.format, MaxBytes: g.maxBytes})
	return d, err
}
