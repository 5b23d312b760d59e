package csvtable

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources"
)

func rateOf(rows datasets.Rows, cur string, year int64) (schemas.FXRate, bool) {
	for _, r := range rows.FXRates {
		if r.Currency == cur && r.Year == year {
			return r, true
		}
	}
	return schemas.FXRate{}, false
}

// The real files through the catalog's own column maps: values as
// published, one row per currency and year, keyed where each file needs it.
func TestRealFiles(t *testing.T) {
	for _, tc := range []struct {
		id, doc string
		cur     string
		year    int64
		want    float64
		line    string
	}{
		{"fed_fx", "fed_yearly.csv", "EUR", 2025, 0.8845, ""}, // the packager inverted the euro already
		{"fed_fx", "fed_yearly.csv", "ZAR", 2024, 18.3346, ""},
		{"imf_fx", "imf_exchangerates_A_ENDA_USD.csv", "PEN", 2024, 3.7525, ""},             // the World Bank's gap
		{"imf_fx", "imf_exchangerates_A_ENDA_USD.csv", "EUR", 2019, 0.8932762570674088, ""}, // euro area (U2), not Kosovo
		{"imf_fx", "imf_exchangerates_A_ENDA_USD.csv", "NAD", 2024, 18.32865833333333, ""},  // Namibia's rows say ZAR
	} {
		src := catalogEntry(t, tc.id)
		rows, err := extract(t, src, tc.doc, embedded(t, tc.doc))
		if err != nil {
			t.Fatalf("%s: %v", tc.id, err)
		}
		r, ok := rateOf(rows, tc.cur, tc.year)
		if !ok || r.RatePerUSD != tc.want || r.SourceID != tc.id || !strings.HasPrefix(r.Locator, "csv=line ") {
			t.Errorf("%s %s %d: %+v (found %v), want %v", tc.id, tc.cur, tc.year, r, ok, tc.want)
		}
		seen := map[string]bool{}
		for _, r := range rows.FXRates {
			k := fmt.Sprint(r.Currency, " ", r.Year)
			if seen[k] {
				t.Errorf("%s: %s %d twice", tc.id, r.Currency, r.Year)
			}
			seen[k] = true
			if r.Year < 2005 || r.Year > 2025 {
				t.Errorf("%s: year %d outside from..to", tc.id, r.Year)
			}
		}
		if len(rows.Sources) != 1 || rows.Sources[0].SourceID != tc.id {
			t.Errorf("%s: sources rows %+v", tc.id, rows.Sources)
		}
	}
	// Venezuela is in the Fed file but not mapped: no rows.
	rows, _ := extract(t, catalogEntry(t, "fed_fx"), "fed_yearly.csv", embedded(t, "fed_yearly.csv"))
	for _, r := range rows.FXRates {
		if r.Currency == "VEF" || r.Currency == "VES" {
			t.Errorf("unmapped Venezuela read as %s", r.Currency)
		}
	}
}

// The CPI file: monthly rows, and October 2025 absent as published.
func TestRealCPI(t *testing.T) {
	rows, err := extract(t, catalogEntry(t, "bls_cpi"), "bls_cpiai.csv", embedded(t, "bls_cpiai.csv"))
	if err != nil {
		t.Fatal(err)
	}
	months := map[int64]int{}
	for _, r := range rows.CPI {
		months[r.Year]++
		if r.Year == 2025 && r.Month == 10 {
			t.Error("an October 2025 index appeared")
		}
		if r.Year == 2025 && r.Month == 9 && r.Index != 324.8 {
			t.Errorf("2025-09 index %v, want 324.8", r.Index)
		}
	}
	if months[2024] != 12 || months[2025] != 11 || months[1999] != 0 {
		t.Errorf("months per year: 2024 %d, 2025 %d, 1999 %d", months[2024], months[2025], months[1999])
	}
}

// usd_per_unit inverts; filters drop rows; unmapped keys are skipped; a
// byte order mark is read past.
func TestSyntheticOrientationAndFilters(t *testing.T) {
	body := "\xef\xbb\xbfDate,Code,Kind,Rate\n2020-01-01,EA,A,1.25\n2020-01-01,EA,M,9\n2020-01-01,XX,A,3\n2021-06-30,UK,A,\n"
	rows, err := extract(t, source(t, "synthetic", synthParams), "synthetic_rates.csv", []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows.FXRates) != 1 {
		t.Fatalf("rows %+v", rows.FXRates)
	}
	r := rows.FXRates[0]
	if r.Currency != "EUR" || r.Year != 2020 || math.Abs(r.RatePerUSD-0.8) > 1e-15 || !strings.Contains(r.Note, "inverted") ||
		r.Locator != "csv=line 2, column Rate" || r.At.Row != 2 || r.At.File != "synthetic_rates.csv" {
		t.Errorf("row %+v", r)
	}
}

// Every problem names the file, the line and, for a cell, its column.
func TestLocatedErrors(t *testing.T) {
	const head = "Date,Code,Kind,Rate\n"
	for _, tc := range []struct {
		name, body, want string
		layout           bool
	}{
		{"header changed", "Date,Code,Kind,Value\n2020-01-01,EA,A,1\n", `synthetic_rates.csv:1: upstream layout changed: header`, true},
		{"empty document", "", `synthetic_rates.csv:1: upstream layout changed: the document is empty`, true},
		{"bad date", head + "2020-01-01,EA,A,1\n2020-13-01,EA,A,1\n", `synthetic_rates.csv:3: column "Date": date "2020-13-01"`, false},
		{"not a number", head + "2020-01-01,EA,A,1,2\n", `synthetic_rates.csv:2: character`, false},
		{"text value", head + "2020-01-01,EA,A,n/a\n", `synthetic_rates.csv:2: column "Rate": not a usable figure: "n/a"`, false},
		{"zero rate", head + "2020-01-01,EA,A,0\n", `synthetic_rates.csv:2: column "Rate": not a usable figure: "0"`, false},
		{"negative", head + "2020-01-01,EA,A,-1\n", `column "Rate": not a usable figure: "-1"`, false},
		{"hex", head + "2020-01-01,EA,A,0x1p4\n", `column "Rate": not a usable figure: "0x1p4"`, false},
		{"infinite", head + "2020-01-01,EA,A,Inf\n", `column "Rate": not a usable figure: "Inf"`, false},
		{"duplicate year", head + "2020-01-01,EA,A,1\n2020-12-31,EA,A,2\n", `synthetic_rates.csv:3: column "Date": Date "2020-12-31" repeats the date of line 2`, false},
		{"bad quote", head + "2020-01-01,\"EA,A,1\n", `synthetic_rates.csv:2`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := extract(t, source(t, "synthetic", synthParams), "dir/synthetic_rates.csv", []byte(tc.body))
			var le *datasets.LocatedError
			if !errors.As(err, &le) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want a located error containing %q", err, tc.want)
			}
			if errors.Is(err, sources.ErrLayoutChanged) != tc.layout {
				t.Errorf("layout change %v, want %v", errors.Is(err, sources.ErrLayoutChanged), tc.layout)
			}
		})
	}
}

// A source sees only the document it names among the kind's embedded files.
func TestEmbeddedFor(t *testing.T) {
	r, err := sources.Open(catalogEntry(t, "imf_fx"))
	if err != nil {
		t.Fatal(err)
	}
	fsys := r.Embedded
	if _, err := fsys.Open("fed_yearly.csv"); err == nil {
		t.Error("another source's document is visible")
	}
	if f, err := fsys.Open("imf_exchangerates_A_ENDA_USD.csv"); err != nil {
		t.Error(err)
	} else {
		f.Close()
	}
}
