package sources

import (
	"context"

	"github.com/cubaexports/cubaexports/pipeline/snapshot"
)

// Formatter is implemented by kinds that know what their documents are
// ("xlsx", "json", "csv", "zip", "pdf", "html", "text"), so the fetcher can
// reject a body that is not (an HTML error page served as an .xlsx).
type Formatter interface {
	Format(src Source) string
}

// Getter fetches one URL of a source into the snapshot store: conditional
// GET, retries, size and time limits, body check. A 304 or identical bytes
// give back the stored snapshot. name is the document's name within the
// source (e.g. "page-2.json").
type Getter interface {
	Get(ctx context.Context, name, url string) (snapshot.Document, error)
}

// Lister is implemented by kinds whose documents take several requests
// (paged APIs): it fetches all of them through get and returns them in
// order. Kinds without it are fetched as one document at the source's URL.
type Lister interface {
	Fetch(ctx context.Context, src Source, get Getter) ([]snapshot.Document, error)
}
