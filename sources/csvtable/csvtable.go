package csvtable

import (
	"context"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"path"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/pipeline/snapshot"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources"
)

//go:embed data/*.csv
var data embed.FS

// Kind is the catalog kind of declarative CSV tables.
const Kind = "csvtable"

func init() { sources.Register(Kind, Extractor{}) }

// Extractor reads one CSV table by the column map of its catalog entry.
// It implements sources.Embedder, sources.SourceEmbedder,
// sources.ParamsChecker and sources.Formatter.
type Extractor struct{}

// Version of the extractor, stamped on rows as csvtable@<version>.
func (Extractor) Version() string { return "1" }

// Format is "csv".
func (Extractor) Format(sources.Source) string { return "csv" }

// CheckParams decodes and checks a source's params at catalog load.
func (Extractor) CheckParams(src sources.Source) error {
	p, err := decodeParams(src)
	if err != nil {
		return err
	}
	if _, err := fs.Stat(Extractor{}.Embedded(), p.Document); err != nil && src.Bootstrap == "embed:" {
		return fmt.Errorf("source %s: params: document %q is not embedded in the csvtable kind", src.ID, p.Document)
	}
	return nil
}

// Embedded is every bootstrap snapshot of the kind: the real Federal
// Reserve, IMF and BLS files (see data/README.md).
func (Extractor) Embedded() fs.FS {
	sub, err := fs.Sub(data, "data")
	if err != nil {
		panic(err)
	}
	return sub
}

// EmbeddedFor is the one embedded document a source reads
// (params.document).
func (x Extractor) EmbeddedFor(src sources.Source) (fs.FS, error) {
	p, err := decodeParams(src)
	if err != nil {
		return nil, err
	}
	return oneFile{x.Embedded(), p.Document}, nil
}

// oneFile is an fs.FS that shows a single file of another.
type oneFile struct {
	fsys fs.FS
	name string
}

func (o oneFile) Open(name string) (fs.File, error) {
	if name == "." {
		return o.fsys.Open(".")
	}
	if name != o.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return o.fsys.Open(name)
}

func (o oneFile) ReadDir(name string) ([]fs.DirEntry, error) {
	if name != "." {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	f, err := fs.Stat(o.fsys, o.name)
	if err != nil {
		return nil, err
	}
	return []fs.DirEntry{fs.FileInfoToDirEntry(f)}, nil
}

// Extract reads one document by the source's column map.
func (Extractor) Extract(ctx context.Context, src sources.Source, snap snapshot.Snapshot, body io.Reader) (datasets.Rows, error) {
	if err := ctx.Err(); err != nil {
		return datasets.Rows{}, err
	}
	p, err := decodeParams(src)
	if err != nil {
		return datasets.Rows{}, err
	}
	rows, err := read(ctx, p, src, snap.Name, body)
	if err != nil {
		return datasets.Rows{}, err
	}
	rows.Sources = append(rows.Sources, schemas.Source{
		SourceID: src.ID, Title: src.Title, Publisher: p.Publisher, PublisherType: p.PublisherType,
		URL: src.URL, Language: "en", License: src.License, At: schemas.Origin{File: path.Base(snap.Name)},
	})
	return rows, nil
}
