package sources

import (
	"context"

	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// Getter fetches one URL of a catalog entry into the snapshot store:
// conditional GET, retries, size and time limits, body check. A 304 or
// identical bytes give back the stored snapshot. name is the document's
// name within the entry (e.g. "page-2.json").
type Getter interface {
	Get(ctx context.Context, name, url string) (snapshot.Document, error)
}
