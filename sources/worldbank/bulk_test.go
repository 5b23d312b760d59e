package worldbank

import (
	"errors"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources"
)

func rate(rows datasets.Rows, cur string, year int64) *schemas.FXRate {
	for i, r := range rows.FXRates {
		if r.Currency == cur && r.Year == year {
			return &rows.FXRates[i]
		}
	}
	return nil
}

// Values and line numbers read from the real file itself.
func TestRealBulkCSV(t *testing.T) {
	src := source(t, "worldbank_fx", bulkURL, fxParams)
	rows, err := extract(t, src, realCSV, realBody(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		cur     string
		year    int64
		want    float64
		locator string
		line    int
	}{
		{"BRL", 2016, 3.49131342157271, `csv=row 35, col "2016"`, 35},
		{"EUR", 2005, 0.803800192161442, `csv=row 74, col "2005"`, 74},
		{"VEF", 2017, 9.975, `csv=row 260, col "2017"`, 260},
	} {
		r := rate(rows, tc.cur, tc.year)
		if r == nil {
			t.Errorf("%s %d: no rate", tc.cur, tc.year)
			continue
		}
		if r.RatePerUSD != tc.want || r.Locator != tc.locator || r.At.Row != tc.line || r.At.File != realCSV || r.SourceID != "worldbank_fx" {
			t.Errorf("%s %d: got %+v, want %v at %s", tc.cur, tc.year, *r, tc.want, tc.locator)
		}
	}
	// Years each currency has in 2005..2024: Peru stops at 2023, Venezuela
	// at 2017, Cuba has nothing after 1974 (so no CUP row at all).
	count := map[string]int{}
	for _, r := range rows.FXRates {
		count[r.Currency]++
		if r.Year < 2005 || r.Year > 2024 {
			t.Errorf("rate outside from..to: %+v", r)
		}
	}
	want := map[string]int{"EUR": 20, "BRL": 20, "NAD": 20, "PEN": 19, "VEF": 13}
	for cur, n := range want {
		if count[cur] != n {
			t.Errorf("%s: %d rates, want %d", cur, count[cur], n)
		}
	}
	if count["CUP"] != 0 || len(count) != len(want) {
		t.Errorf("currencies %v, want %v and no CUP", count, want)
	}
	if len(rows.Sources) != 1 {
		t.Fatalf("sources rows: %+v", rows.Sources)
	}
	s := rows.Sources[0]
	if s.Title != "World Development Indicators: Official exchange rate (LCU per US$, period average), PA.NUS.FCRF" ||
		s.Published != "2025-07-01" || s.Publisher != "World Bank" || s.PublisherType != "international_organization" ||
		s.License != "CC-BY-4.0" || s.Language != "en" || s.URL != bulkURL || s.SourceID != "worldbank_fx" {
		t.Errorf("sources row %+v", s)
	}
}

// The quirks of the real file, each exercised on it.
func TestRealBulkQuirks(t *testing.T) {
	// Scientific notation: Brazil's 1960 rate, before redenominations.
	src := source(t, "fx", bulkURL, "{indicator: PA.NUS.FCRF, mode: bulk, from: 1960, to: 1974, currencies: {BRL: BRA, CUP: CUB, EUR: EMU}}")
	rows, err := extract(t, src, realCSV, realBody(t))
	if err != nil {
		t.Fatal(err)
	}
	if r := rate(rows, "BRL", 1960); r == nil || r.RatePerUSD != 8.09970533496995e-14 || r.Locator != `csv=row 35, col "1960"` {
		t.Errorf("BRL 1960: %+v", r)
	}
	// Cuba: 1 per US$ (as published, 0.999999999) in the 1960s, then empty.
	if r := rate(rows, "CUP", 1960); r == nil || r.RatePerUSD != 0.999999999 || r.At.Row != 56 {
		t.Errorf("CUP 1960: %+v", r)
	}
	if r := rate(rows, "CUP", 1974); r == nil {
		t.Error("CUP 1974 missing")
	}
	// Empty cells for missing years: the euro area starts in 1999.
	if r := rate(rows, "EUR", 1970); r != nil {
		t.Errorf("EUR 1970 from an empty cell: %+v", r)
	}
	// Revenue mode on the same file: Cuba's empty years are kept, as not_available.
	rev := source(t, "rev", bulkURL, "{indicator: PA.NUS.FCRF, mode: bulk, from: 1973, to: 1976, concept: goods_and_services_exports, currency: USD}")
	rows, err = extract(t, rev, realCSV, realBody(t))
	if err != nil {
		t.Fatal(err)
	}
	if rows.Revenue.Len() != 4 {
		t.Fatalf("revenue rows %d, want 4 (1973-1976)", rows.Revenue.Len())
	}
	if r := rows.Revenue.At(3); r.Year != 1976 || r.Status != "not_available" || r.Value != nil || r.Locator != `csv=row 56, col "1976"` {
		t.Errorf("Cuba 1976: %+v", r)
	}
	if r := rows.Revenue.At(0); r.Status != "reported" || *r.Value != 0.836666665666667 || r.PartnerCountry != "WLD" || r.Currency != "USD" ||
		r.ObservationType != "official_statistic" || !strings.Contains(r.Note, "last updated 2025-07-01") {
		t.Errorf("Cuba 1973: %+v", r)
	}
}

// A BOM-less CSV with no preamble and CRLF line ends reads the same way;
// every broken file gives an error naming its line.
func TestBulkCSVShapes(t *testing.T) {
	head := `"Country Name","Country Code","Indicator Name","Indicator Code","2015","2016",` + "\r\n"
	row := `"Synthetic","BRA","Official exchange rate (LCU per US$, period average)","PA.NUS.FCRF","1.5e0","",` + "\r\n"
	src := source(t, "fx", bulkURL, "{indicator: PA.NUS.FCRF, mode: bulk, from: 2005, to: 2024, currencies: {BRL: BRA}}")
	rows, err := extract(t, src, "x.csv", []byte(head+row))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows.FXRates) != 1 || rows.FXRates[0].RatePerUSD != 1.5 || rows.FXRates[0].Locator != `csv=row 2, col "2015"` {
		t.Errorf("rows %+v", rows.FXRates)
	}
	for _, tc := range []struct {
		name, body, msg string
		layout          bool
	}{
		{"empty", "", `x.csv: upstream layout changed: no header line`, true},
		{"unknown preamble", "\"Remark\",\"x\",\n" + head, `x.csv:1: upstream layout changed: "Remark" is neither`, true},
		{"bad date", "\"Last Updated Date\",\"July\",\n" + head, `x.csv:1: column "Last Updated Date": upstream layout changed: last-updated date "July"`, true},
		{"header year", strings.Replace(head, `"2016"`, `"YR2016"`, 1), `x.csv:1: column "YR2016": upstream layout changed: header column 6 is not a year`, true},
		{"short record", head + strings.Replace(row, `"",`, ``, 1), `x.csv:2: upstream layout changed: the record has 6 fields, the header 7`, true},
		{"other indicator", head + strings.Replace(row, `"PA.NUS.FCRF"`, `"NY.GDP.MKTP.CD"`, 1), `x.csv:2: column "Indicator Code"`, true},
		{"twice", head + row + row, `x.csv:3: column "Country Code": upstream layout changed: country code "BRA" appears twice`, true},
		{"not a number", head + strings.Replace(row, "1.5e0", "1,5", 1), `x.csv:2: column "2015": csv=row 2, col "2015": not a usable figure: "1,5"`, false},
		{"zero rate", head + strings.Replace(row, "1.5e0", "0", 1), `"0" is not a rate above zero`, false},
		{"NaN", head + strings.Replace(row, "1.5e0", "NaN", 1), `"NaN" is not a finite number`, false},
		{"hex", head + strings.Replace(row, "1.5e0", "0x1p4", 1), `"0x1p4" is not a finite number`, false},
		{"row missing", head, `x.csv: upstream layout changed: no row for country code(s) [BRA]`, true},
		{"bare quote", head + `"BRA` + "\n", `x.csv:2: extraneous or missing " in quoted-field`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := extract(t, src, "x.csv", []byte(tc.body))
			var le *datasets.LocatedError
			if err == nil || !errors.As(err, &le) || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("got %v, want a located error containing %s", err, tc.msg)
			}
			if errors.Is(err, sources.ErrLayoutChanged) != tc.layout {
				t.Errorf("errors.Is(ErrLayoutChanged) = %v, want %v", !tc.layout, tc.layout)
			}
		})
	}
}
