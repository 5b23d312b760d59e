package curated

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/sources"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

//go:embed data/*.csv
var data embed.FS

// Kind is the catalog kind of curated sheets.
const Kind = "curated"

// Errors a curated sheet can have, checked with errors.Is.
var (
	ErrUnknownTable = errors.New("not a curated table")
	ErrHeader       = errors.New("header does not match the table's input columns")
	ErrCell         = errors.New("cell is not of the column's type")
)

// The curated kind: every row names the document it cites, the project's
// own sheets are embedded, and an entry takes no params.
func init() {
	sources.Register(sources.Kind{
		Name:           Kind,
		Version:        "1",
		CitesDocuments: true,
		Embedded:       embedded(),
		Open: func(e sources.Entry) (sources.Reader, error) {
			return sources.Reader{Extractor: sources.ExtractorFunc(Extract)}, e.NoParams()
		},
	})
}

// embedded is the project's own curated sheets.
func embedded() fs.FS {
	sub, err := fs.Sub(data, "data")
	if err != nil {
		panic(err)
	}
	return sub
}

// Extract reads one CSV sheet (the table is named by the file name) or one
// XLSX workbook (every sheet named for a table). A curated entry has no
// params, so every entry reads its documents alike.
func Extract(ctx context.Context, snap snapshot.Snapshot, body io.Reader) (datasets.Rows, error) {
	switch strings.ToLower(path.Ext(snap.Name)) {
	case ".csv":
		table := strings.TrimSuffix(snap.Name, path.Ext(snap.Name))
		return readCSV(ctx, snap.Name, table, body, snap.Size)
	case ".xlsx":
		return readWorkbook(ctx, snap.Name, body)
	case ".xls":
		return datasets.Rows{}, fmt.Errorf("%s: legacy .xls workbooks cannot be read; convert it with `libreoffice --headless --convert-to xlsx %s`", snap.Name, snap.Name)
	}
	return datasets.Rows{}, fmt.Errorf("%s: %w: a curated source holds .csv sheets or an .xlsx workbook", snap.Name, ErrUnknownTable)
}
