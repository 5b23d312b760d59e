package csvtable

import (
	"context"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"path"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

//go:embed data/*.csv
var data embed.FS

// Kind is the catalog kind of declarative CSV tables.
const Kind = "csvtable"

// The csvtable kind: CSV documents, the real bootstrap files embedded,
// each entry reading one of them by its column map.
func init() {
	sources.Register(sources.Kind{Name: Kind, Version: "1", Format: "csv", Embedded: embeddedFS(), Open: open})
}

// embeddedFS is every bootstrap snapshot of the kind: the real Federal
// Reserve, IMF and BLS files (see data/README.md).
func embeddedFS() fs.FS {
	sub, err := fs.Sub(data, "data")
	if err != nil {
		panic(err)
	}
	return sub
}

// open checks an entry's column map once, when the catalog loads, and
// gives the entry its extractor and the one embedded document it reads
// (params.document).
func open(src sources.Entry) (sources.Reader, error) {
	p, err := decodeParams(src)
	if err != nil {
		return sources.Reader{}, err
	}
	fsys := embeddedFS()
	if _, err := fs.Stat(fsys, p.Document); err != nil && src.Bootstrap == "embed:" {
		return sources.Reader{}, fmt.Errorf("source %s: params: document %q is not embedded in the csvtable kind", src.ID, p.Document)
	}
	return sources.Reader{Extractor: entry{p: p, src: src}, Embedded: sources.OneFile(fsys, p.Document)}, nil
}

// entry is a csvtable catalog entry with its checked column map.
type entry struct {
	p   *Params
	src sources.Entry
}

// Extract reads one document by the entry's column map.
func (e entry) Extract(ctx context.Context, snap snapshot.Snapshot, body io.Reader) (datasets.Rows, error) {
	if err := ctx.Err(); err != nil {
		return datasets.Rows{}, err
	}
	p, src := e.p, e.src
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
