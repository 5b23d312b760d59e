package csvtable

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/sources"
	"github.com/cubaexports/cubaexports/sources/snapshot"
	"github.com/cubaexports/cubaexports/sources/sourcetest"
)

// catalogEntry is the catalog's entry for id, read from sources/catalog.yaml
// itself so the tests check the real column maps.
func catalogEntry(tb testing.TB, id string) sources.Entry {
	tb.Helper()
	raw, err := os.ReadFile("../catalog.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	var cat struct {
		Entries []sources.Entry `yaml:"sources"`
	}
	if err := yaml.Unmarshal(raw, &cat); err != nil {
		tb.Fatal(err)
	}
	for _, s := range cat.Entries {
		if s.ID == id {
			return s
		}
	}
	tb.Fatalf("no catalog entry %s", id)
	return sources.Entry{}
}

// source makes a source of this kind with the given params.
func source(tb testing.TB, id, params string) sources.Entry {
	tb.Helper()
	src := sourcetest.WithParams(tb, Kind, id, "https://example.org/"+id+".csv", params)
	src.Title = "synthetic " + id
	return src
}

func extract(tb testing.TB, src sources.Entry, name string, body []byte) (datasets.Rows, error) {
	tb.Helper()
	r, err := sources.Open(src)
	if err != nil {
		return datasets.Rows{}, err
	}
	return r.Extractor.Extract(context.Background(), snapshot.Snapshot{Name: name}, bytes.NewReader(body))
}

func embedded(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := fs.ReadFile(embeddedFS(), name)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// synthParams read a small synthetic file: Date,Code,Kind,Rate.
const synthParams = `
table: fx_rates
document: synthetic_rates.csv
header: [Date, Code, Kind, Rate]
date: Date
value: Rate
key: Code
filters: {Kind: A}
orientation: usd_per_unit
from: 2000
to: 2030
publisher: Synthetic publisher
publisher_type: data_aggregator
currencies: {EUR: EA, GBP: UK}
`
