package sources

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"sort"
	"sync"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// ErrLayoutChanged is wrapped by extraction errors that mean the
// publisher changed a document's layout (a mapped label or header is gone,
// an unmapped row appeared): the run fails with exit code 4 and nothing
// is published.
var ErrLayoutChanged = errors.New("upstream layout changed")

// Kind describes a source kind: everything the engine knows about it,
// declared once by the kind's package and registered with Register (the
// model is rclone's fs.RegInfo). Capabilities are plain fields, so a kind
// cannot lose one by misspelling a method.
type Kind struct {
	// Name is the catalog's kind (`kind: xlsxtable`).
	Name string
	// Version is stamped on every row as Name@Version (the extractor
	// column). Bump it when the kind's output changes.
	Version string
	// Format is what every document of the kind is ("xlsx", "csv",
	// "json", "zip", "pdf", "html", "text"), so the fetcher can reject a
	// body that is not (an HTML error page served as an .xlsx). Empty when
	// it depends on the entry (Open sets Reader.Format) or any body goes.
	Format string
	// CitesDocuments: each row names the document it cites in its
	// source_id (curated sheets), so the engine never fills in a missing
	// one and the omission is reported.
	CitesDocuments bool
	// PositionalLocators: locators are positions that shift when the
	// publisher adds data (an index into an API response ordered newest
	// first, a yearbook cell), so a row's obs_id leaves its locator out
	// and an observation keeps its id when the document grows or its
	// table moves. The kind must then make a row's identifying fields
	// unique within its source (two figures with the same fields are its
	// error, located, never a suffix).
	PositionalLocators bool
	// Embedded holds the documents the kind ships in the binary, named by
	// catalog URLs "embed:" (nil: none). An entry may read only some of
	// them (Reader.Embedded).
	Embedded fs.FS
	// Open checks a catalog entry's params and compiles them (layout
	// maps, patterns) into a Reader for the entry. The catalog calls it
	// once, when it loads; a bad entry fails there, before any run. A
	// kind that takes no params rejects them (Entry.NoParams).
	Open func(e Entry) (Reader, error)
}

// ExtractorName is Name@Version, as stamped on the kind's rows.
func (k *Kind) ExtractorName() string { return k.Name + "@" + k.Version }

// Extractor turns one document of a catalog entry into typed rows. It
// reads only the document, never the network. It sets each fact row's
// locator (and, where the document cites others, its source_id) and
// origin; the engine stamps the snapshot hash, retrieval time and
// extractor.
type Extractor interface {
	Extract(ctx context.Context, snap snapshot.Snapshot, body io.Reader) (datasets.Rows, error)
}

// ExtractorFunc is a function that is an Extractor.
type ExtractorFunc func(ctx context.Context, snap snapshot.Snapshot, body io.Reader) (datasets.Rows, error)

// Extract calls f.
func (f ExtractorFunc) Extract(ctx context.Context, snap snapshot.Snapshot, body io.Reader) (datasets.Rows, error) {
	return f(ctx, snap, body)
}

// Reader is a catalog entry opened by its kind: what the engine reads
// the entry's documents with, its params decoded and compiled once.
type Reader struct {
	// Kind is the entry's kind (set by Open).
	Kind *Kind
	// Extractor reads one document of the entry (required).
	Extractor Extractor
	// Format is what the entry's documents are; Open (sources.Open)
	// sets the kind's Format when the kind left it empty.
	Format string
	// Embedded is the part of the kind's embedded documents the entry
	// reads; Open sets all of Kind.Embedded when the kind left it nil.
	Embedded fs.FS
	// List fetches the entry's documents through get when they take
	// several requests (paged APIs), in order; nil: the entry's URL is
	// one document.
	List func(ctx context.Context, get Getter) ([]snapshot.Document, error)
	// SourceID is the source_id the entry's rows carry: Open sets the
	// entry's id when the kind left it empty (report entries may name
	// another in their params).
	SourceID string
}

var (
	mu    sync.RWMutex
	kinds = map[string]*Kind{}
)

// Register makes a source kind available under k.Name. It panics when the
// name or version is empty, Open is nil, or the name is already
// registered, like database/sql.Register.
func Register(k Kind) {
	mu.Lock()
	defer mu.Unlock()
	if k.Name == "" || k.Version == "" || k.Open == nil {
		panic("sources: Register with an empty kind name or version, or no Open")
	}
	if _, dup := kinds[k.Name]; dup {
		panic("sources: Register called twice for kind " + k.Name)
	}
	kinds[k.Name] = &k
}

// Lookup returns the descriptor of a kind.
func Lookup(name string) (*Kind, bool) {
	mu.RLock()
	defer mu.RUnlock()
	k, ok := kinds[name]
	return k, ok
}

// Kinds lists the registered kinds' names, sorted.
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
