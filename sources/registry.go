package sources

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"sort"
	"sync"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/pipeline/snapshot"
)

// ErrLayoutChanged is wrapped by extraction errors that mean the
// publisher changed a document's layout (a mapped label or header is gone,
// an unmapped row appeared): the run fails with exit code 4 and nothing
// is published.
var ErrLayoutChanged = errors.New("upstream layout changed")

// Extractor turns one document of a source into typed rows. It reads only
// the document, never the network. It sets each fact row's locator (and,
// where the document cites others, its source_id) and origin; the engine
// stamps the snapshot hash, retrieval time and extractor.
type Extractor interface {
	Extract(ctx context.Context, src Source, snap snapshot.Snapshot, body io.Reader) (datasets.Rows, error)
}

// Versioned is implemented by extractors that declare a version; the
// engine records kind@version on every row. Bump it when output changes.
type Versioned interface{ Version() string }

// Embedder is implemented by kinds that ship default documents inside the
// binary; a catalog URL "embed:" names them.
type Embedder interface{ Embedded() fs.FS }

// SourceEmbedder is implemented by kinds that embed documents for several
// sources: the engine gives each source only the documents it names.
type SourceEmbedder interface {
	EmbeddedFor(src Source) (fs.FS, error)
}

// EmbeddedFS is the embedded documents of a source: those it names when
// the kind is a SourceEmbedder, else all the kind embeds.
func EmbeddedFS(e Embedder, src Source) (fs.FS, error) {
	if se, ok := e.(SourceEmbedder); ok {
		return se.EmbeddedFor(src)
	}
	return e.Embedded(), nil
}

// Citing is implemented by kinds whose rows cite other documents (each
// row names its own source_id, as curated sheets do); the engine then
// never fills in a missing source_id, so the omission is reported.
type Citing interface{ CitesDocuments() bool }

// Positional is implemented by kinds whose locators are positions that
// shift when the publisher adds data (e.g. an index into an API response
// ordered newest first). Their rows' obs_id leaves the locator out, so an
// observation keeps its id when the document grows.
type Positional interface{ PositionalLocators() bool }

var (
	mu    sync.RWMutex
	kinds = map[string]Extractor{}
)

// Register makes a source kind available under name. It panics when the
// name is empty or already registered, like database/sql.Register.
func Register(kind string, e Extractor) {
	mu.Lock()
	defer mu.Unlock()
	if kind == "" || e == nil {
		panic("sources: Register with an empty kind or a nil extractor")
	}
	if _, dup := kinds[kind]; dup {
		panic("sources: Register called twice for kind " + kind)
	}
	kinds[kind] = e
}

// Lookup returns the extractor of a kind.
func Lookup(kind string) (Extractor, bool) {
	mu.RLock()
	defer mu.RUnlock()
	e, ok := kinds[kind]
	return e, ok
}

// Kinds lists the registered kinds, sorted.
func Kinds() []string {
	mu.RLock()
	defer mu.RUnlock()
	var ks []string
	for k := range kinds {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// ExtractorName is kind@version for an extractor, as stamped on rows.
func ExtractorName(kind string, e Extractor) string {
	v := "1"
	if ve, ok := e.(Versioned); ok {
		v = ve.Version()
	}
	return kind + "@" + v
}
