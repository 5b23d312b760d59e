package worldbank

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"testing"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// FuzzPage feeds arbitrary bytes to the API page reader (seeds in
// testdata/fuzz/FuzzPage: real response shapes with synthetic values). It
// must never panic; an error is located in the page or is an API error
// or an empty answer; every row it returns is located in the page and
// keeps a missing value as not_available.
func FuzzPage(f *testing.F) {
	src := source(f, "s", "https://api.worldbank.org/v2/country/CUB/indicator/NE.EXP.GNFS.CD?format=json",
		`{indicator: NE.EXP.GNFS.CD, mode: api, countries: [CUB], from: 1960, to: 2100, concept: goods_and_services_exports, currency: USD}`)
	f.Fuzz(func(t *testing.T, body []byte) {
		rows, err := mustOpen(t, src).Extract(context.Background(), snapshot.Snapshot{Name: "page-1.json"}, bytes.NewReader(body))
		if err != nil {
			var le *datasets.LocatedError
			if !errors.Is(err, ErrAPI) && !errors.Is(err, ErrNoRows) && (!errors.As(err, &le) || le.At.File != "page-1.json") {
				t.Fatalf("error without a place: %v", err)
			}
			return
		}
		if len(rows.Sources) != 1 {
			t.Fatalf("%d sources rows, want 1", len(rows.Sources))
		}
		for _, r := range rows.Revenue.All() {
			var pageNo, i int
			if _, err := fmt.Sscanf(r.Locator, "json=page %d, $[1][%d]", &pageNo, &i); err != nil || r.At.Row != i+1 {
				t.Fatalf("locator %q, origin %+v", r.Locator, r.At)
			}
			if (r.Value == nil) != (r.Status == "not_available") || r.Year < 1960 || r.Year > 2100 {
				t.Fatalf("row %+v", r)
			}
			if r.Value != nil && (math.IsNaN(*r.Value) || math.IsInf(*r.Value, 0) || *r.Value < 0) {
				t.Fatalf("value %v", *r.Value)
			}
		}
	})
}

// FuzzBulkCSV feeds arbitrary bytes to the bulk CSV reader (seeds in
// testdata/fuzz/FuzzBulkCSV: an excerpt of the real file's lines and
// small variants). It must never panic; an error names a line of the
// input; every rate is a positive finite number whose locator names its
// own line and year, and that re-formats to the same value.
func FuzzBulkCSV(f *testing.F) {
	src := source(f, "s", bulkURL, "{indicator: PA.NUS.FCRF, mode: bulk, from: 1960, to: 2024, currencies: {BRL: BRA, CUP: CUB, EUR: EMU}}")
	f.Fuzz(func(t *testing.T, body []byte) {
		rows, err := mustOpen(t, src).Extract(context.Background(), snapshot.Snapshot{Name: "b.csv"}, bytes.NewReader(body))
		lines := bytes.Count(body, []byte("\n")) + 1
		if err != nil {
			var le *datasets.LocatedError
			if !errors.As(err, &le) || le.At.File != "b.csv" || le.At.Row < 0 || le.At.Row > lines {
				t.Fatalf("error without a place: %v", err)
			}
			return
		}
		for _, r := range rows.FXRates {
			if r.RatePerUSD <= 0 || math.IsInf(r.RatePerUSD, 0) || r.Year < 1960 || r.Year > 2024 {
				t.Fatalf("rate %+v", r)
			}
			if want := fmt.Sprintf(`csv=row %d, col "%d"`, r.At.Row, r.Year); r.Locator != want || r.At.Row < 1 || r.At.Row > lines {
				t.Fatalf("locator %q, origin %+v, want %s within %d lines", r.Locator, r.At, want, lines)
			}
			back, err := strconv.ParseFloat(strconv.FormatFloat(r.RatePerUSD, 'g', -1, 64), 64)
			if err != nil || back != r.RatePerUSD {
				t.Fatalf("%v re-formats to %v", r.RatePerUSD, back)
			}
		}
	})
}

// FuzzLongCSV feeds arbitrary bytes to a macro_indicators entry's reader
// of datahub's long layout, Country Name,Country Code,Year,Value (seeds
// in testdata/fuzz/FuzzLongCSV: real lines of the embedded GDP file and
// small variants). It must never panic; an error names a line of the
// input; every row is Cuba's, of a year in range given once, located at
// its own line, with a finite value that re-formats to itself.
func FuzzLongCSV(f *testing.F) {
	src := source(f, "s", "https://api.worldbank.org/v2/country/all/indicator/NY.GDP.MKTP.CD?downloadformat=csv",
		"{indicator: NY.GDP.MKTP.CD, mode: bulk, countries: [CUB], from: 1960, to: 2030, table: macro_indicators, unit: usd_current}")
	f.Fuzz(func(t *testing.T, body []byte) {
		rows, err := mustOpen(t, src).Extract(context.Background(), snapshot.Snapshot{Name: "l.csv"}, bytes.NewReader(body))
		lines := bytes.Count(body, []byte("\n")) + 1
		if err != nil {
			var le *datasets.LocatedError
			if !errors.As(err, &le) || le.At.File != "l.csv" || le.At.Row < 0 || le.At.Row > lines {
				t.Fatalf("error without a place: %v", err)
			}
			return
		}
		years := map[int64]bool{}
		for _, m := range datasets.FactsOf[schemas.MacroIndicator](&rows).All() {
			if m.Country != "CUB" || m.Year < 1960 || m.Year > 2030 || years[m.Year] || math.IsNaN(m.Value) || math.IsInf(m.Value, 0) {
				t.Fatalf("row %+v", m)
			}
			years[m.Year] = true
			if want := fmt.Sprintf(`csv=row %d, col "Value"`, m.At.Row); m.Locator != want || m.At.Row < 2 || m.At.Row > lines {
				t.Fatalf("locator %q, origin %+v, want %s within %d lines", m.Locator, m.At, want, lines)
			}
			back, err := strconv.ParseFloat(strconv.FormatFloat(m.Value, 'g', -1, 64), 64)
			if err != nil || back != m.Value {
				t.Fatalf("%v re-formats to %v", m.Value, back)
			}
		}
	})
}
