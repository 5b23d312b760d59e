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
	"github.com/cubaexports/cubaexports/sources"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

//go:embed data/*.csv data/*.datapackage.json
var data embed.FS

// Kind is the catalog kind of World Bank sources.
const Kind = "worldbank"

// The worldbank kind: its locators are positions that shift (API rows
// come newest first and the bulk file gains rows and columns; a row's
// identity, indicator source, country and year, is unique without them),
// and the real bulk exchange-rate file is embedded.
func init() {
	sources.Register(sources.Kind{Name: Kind, Version: "1", PositionalLocators: true, Embedded: embeddedFS(), Open: open})
}

// embeddedFS is the bootstrap snapshot: the real bulk CSV of the official
// exchange rate, PA.NUS.FCRF (see data/README.md).
func embeddedFS() fs.FS {
	sub, err := fs.Sub(data, "data")
	if err != nil {
		panic(err)
	}
	return sub
}

// open checks an entry's params once, when the catalog loads: the
// entry's extractor, its documents' format, and its lister (API pages or
// the one bulk download).
func open(src sources.Entry) (sources.Reader, error) {
	p, err := decodeParams(src)
	if err != nil {
		return sources.Reader{}, err
	}
	emb, err := embeddedDoc(embeddedFS(), src, p)
	if err != nil {
		return sources.Reader{}, err
	}
	e := &opened{p: p, src: src}
	return sources.Reader{Extractor: e, Format: e.format(), List: e.fetch, Embedded: emb}, nil
}

// opened is a worldbank catalog entry with its checked params.
type opened struct {
	p   *Params
	src sources.Entry
}

// format is "json" for the API, "csv" for a bulk URL ending in .csv and
// "zip" for other bulk URLs (the download the World Bank serves for
// ?downloadformat=csv is a ZIP).
func (e *opened) format() string {
	if e.p.Mode == ModeAPI {
		return "json"
	}
	if u, err := url.Parse(e.src.URL); err == nil && strings.HasSuffix(strings.ToLower(u.Path), ".csv") {
		return "csv"
	}
	return "zip"
}

// Extract reads one document: an API page in mode api (or its embedded
// bootstrap, a CSV); in mode bulk a ZIP (recognised by its signature) or
// a bulk CSV, in the World Bank's wide layout or datahub's long one.
func (x *opened) Extract(ctx context.Context, snap snapshot.Snapshot, body io.Reader) (datasets.Rows, error) {
	if err := ctx.Err(); err != nil {
		return datasets.Rows{}, err
	}
	p := x.p
	e := newEmitter(p, x.src)
	br := bufio.NewReader(body)
	if p.Mode == ModeAPI && !bulkBootstrap(br) {
		return extractPage(ctx, e, snap.Name, br)
	}
	var err error
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

// bulkBootstrap reports whether a document of a mode-api entry is its
// bootstrap CSV rather than an API page: it starts (after a byte order
// mark) with the header or preamble of a bulk CSV. Anything else, a cut
// or garbled page included, is read as a page and fails as one.
func bulkBootstrap(br *bufio.Reader) bool {
	b, _ := br.Peek(64)
	b = bytes.TrimPrefix(b, bom)
	for _, start := range []string{"Country Name,", `"Country Name",`, "Data Source,", `"Data Source",`} {
		if bytes.HasPrefix(b, []byte(start)) {
			return true
		}
	}
	return false
}
