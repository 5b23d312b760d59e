package worldbank

import (
	"bufio"
	"bytes"
	"context"
	"embed"
	"io"
	"io/fs"
	"net/url"
	"strings"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/pipeline/snapshot"
	"github.com/cubaexports/cubaexports/sources"
)

//go:embed data/*.csv
var data embed.FS

// Kind is the catalog kind of World Bank sources.
const Kind = "worldbank"

func init() { sources.Register(Kind, Extractor{}) }

// Extractor reads World Bank documents: API pages and bulk downloads.
// It implements sources.Lister, sources.Formatter, sources.Embedder and
// sources.ParamsChecker.
type Extractor struct{}

// Version of the extractor, stamped on rows as worldbank@<version>.
func (Extractor) Version() string { return "1" }

// PositionalLocators is true: API rows come newest first and the bulk
// file gains rows and columns, so locators are positions that shift; a
// row's identity (indicator source, country, year) is unique without them.
func (Extractor) PositionalLocators() bool { return true }

// Embedded is the bootstrap snapshot: the real bulk CSV of the official
// exchange rate, PA.NUS.FCRF (see data/README.md).
func (Extractor) Embedded() fs.FS {
	sub, err := fs.Sub(data, "data")
	if err != nil {
		panic(err)
	}
	return sub
}

// CheckParams decodes and checks a source's params at catalog load.
func (Extractor) CheckParams(src sources.Source) error {
	_, err := decodeParams(src)
	return err
}

// Format is "json" for the API, "csv" for a bulk URL ending in .csv and
// "zip" for other bulk URLs (the download the World Bank serves for
// ?downloadformat=csv is a ZIP).
func (Extractor) Format(src sources.Source) string {
	p, err := decodeParams(src)
	if err == nil && p.Mode == ModeAPI {
		return "json"
	}
	if u, err := url.Parse(src.URL); err == nil && strings.HasSuffix(strings.ToLower(u.Path), ".csv") {
		return "csv"
	}
	return "zip"
}

// Extract reads one document: an API page in mode api; in mode bulk a
// ZIP (recognised by its signature) or a bulk CSV.
func (Extractor) Extract(ctx context.Context, src sources.Source, snap snapshot.Snapshot, body io.Reader) (datasets.Rows, error) {
	if err := ctx.Err(); err != nil {
		return datasets.Rows{}, err
	}
	p, err := decodeParams(src)
	if err != nil {
		return datasets.Rows{}, err
	}
	e := newEmitter(p, src)
	if p.Mode == ModeAPI {
		return extractPage(ctx, e, snap.Name, body)
	}
	br := bufio.NewReader(body)
	if sig, _ := br.Peek(4); bytes.Equal(sig, []byte("PK\x03\x04")) {
		err = readZip(ctx, e, snap.Name, br)
	} else {
		err = readBulk(ctx, e, snap.Name, "", br)
	}
	if err != nil {
		return datasets.Rows{}, err
	}
	return e.finish(snap.Name), nil
}
