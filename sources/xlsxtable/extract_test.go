package xlsxtable

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// catalogSource is an entry of testdata/synthetic_catalog.yaml.
func catalogSource(tb testing.TB, id string) sources.Entry {
	tb.Helper()
	f, err := os.Open("testdata/synthetic_catalog.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	cat, err := sources.DecodeCatalog("synthetic_catalog.yaml", f)
	if err != nil {
		tb.Fatal(err)
	}
	for _, s := range cat.Entries {
		if s.ID == id {
			return s
		}
	}
	tb.Fatalf("no source %s", id)
	return sources.Entry{}
}

func extract(tb testing.TB, src sources.Entry, name string, body []byte) (datasets.Rows, error) {
	tb.Helper()
	return mustOpen(tb, src).Extract(context.Background(), snapshot.Snapshot{Name: name, URL: "https://example.org/" + name}, bytes.NewReader(body))
}

func extractFixture(t *testing.T, id, name string) datasets.Rows {
	t.Helper()
	rows, err := extract(t, catalogSource(t, id), name, readFixture(t, name))
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

type fig struct {
	locator, concept string
	year             int64
	value            float64 // when status is reported
	status           string
}

func revenueFigs(rows datasets.Rows) map[string]fig {
	out := map[string]fig{}
	for _, r := range rows.Revenue.All() {
		f := fig{r.Locator, r.Concept, r.Year, 0, r.Status}
		if r.Value != nil {
			f.value = *r.Value
		}
		out[r.Locator] = f
	}
	return out
}

func TestServicesEditionAEC2022(t *testing.T) {
	rows := extractFixture(t, "synthetic_services", "synthetic_8_3_aec2022.xlsx")
	if rows.Revenue.Len() != 30 {
		t.Errorf("%d revenue rows, want 30 (6 series x 5 years)", rows.Revenue.Len())
	}
	got := revenueFigs(rows)
	for _, want := range []fig{
		{"sheet=8.3!B6", "services_exports_total", 2018, 0, "not_available"},
		{"sheet=8.3!C6", "services_exports_total", 2019, 12345600, "reported"},
		{"sheet=8.3!D6", "services_exports_total", 2020, 11111100, "reported"},
		{"sheet=8.3!F6", "services_exports_total", 2022, 33333300, "reported"},
		{"sheet=8.3!B7", "health_services_exports", 2018, 0, "not_available"},
		{"sheet=8.3!D7", "health_services_exports", 2020, 2345600, "reported"},
		{"sheet=8.3!E7", "health_services_exports", 2021, 0, "nil"},
		{"sheet=8.3!B8", "support_services_exports", 2018, 0, "nil"},
		{"sheet=8.3!C8", "support_services_exports", 2019, 0, "not_available"},
		{"sheet=8.3!E8", "support_services_exports", 2021, 222200, "reported"},
		{"sheet=8.3!F10", "telecommunications_services_exports", 2022, 1234500, "reported"},
	} {
		if g := got[want.locator]; g != want {
			t.Errorf("%s: got %+v, want %+v", want.locator, g, want)
		}
	}
	r := rows.Revenue.At(1)
	if r.Edition != "AEC 2022" || r.Currency != "CUP" || r.PartnerCountry != "WLD" || r.ObservationType != "official_statistic" ||
		r.SourceID != "synthetic_services_aec_2022" || r.Note != "ONEI table in thousands of pesos; multiplied by 1000, published 2023" {
		t.Errorf("fixed fields: %+v", r)
	}
	if r.At != (schemas.Origin{File: "synthetic_8_3_aec2022.xlsx", Sheet: "8.3", Row: 6}) {
		t.Errorf("origin %+v", r.At)
	}
	want := schemas.Source{SourceID: "synthetic_services_aec_2022", Title: "SYNTHETIC services exports by type, AEC 2022",
		Publisher: "ONEI", PublisherType: "cuban_state", URL: "https://example.org/synthetic_8_3_aec2022.xlsx", Language: "es",
		Published: "2023", At: schemas.Origin{File: "synthetic_8_3_aec2022.xlsx", Sheet: "8.3"}}
	if len(rows.Sources) != 1 || rows.Sources[0] != want {
		t.Errorf("sources row %+v, want %+v", rows.Sources, want)
	}
}

func TestBothEditions(t *testing.T) {
	a := extractFixture(t, "synthetic_services", "synthetic_8_3_aec2022.xlsx")
	b := extractFixture(t, "synthetic_services", "synthetic_8_3_aec2023.xlsx")
	got := revenueFigs(b)
	for _, want := range []fig{
		{"sheet=8.3!C7", "health_services_exports", 2019, 1234600, "reported"},
		{"sheet=8.3!G7", "health_services_exports", 2023, 0, "not_available"},
		{"sheet=8.3!G10", "telecommunications_services_exports", 2023, 5600, "reported"},
	} {
		if g := got[want.locator]; g != want {
			t.Errorf("%s: got %+v, want %+v", want.locator, g, want)
		}
	}
	if b.Revenue.At(0).Edition != "AEC 2023" || a.Revenue.At(0).Edition != "AEC 2022" {
		t.Errorf("editions %q %q", a.Revenue.At(0).Edition, b.Revenue.At(0).Edition)
	}
	if a.Sources[0].SourceID == b.Sources[0].SourceID {
		t.Errorf("both editions cite %s", a.Sources[0].SourceID)
	}
}

func TestYearsDownRows(t *testing.T) {
	rows := extractFixture(t, "synthetic_national_accounts", "synthetic_5_x_years_down.xlsx")
	got := revenueFigs(rows)
	for _, want := range []fig{
		{"sheet=5.x!C5", "services_exports_national_accounts", 2019, 1234500000, "reported"},
		{"sheet=5.x!C6", "services_exports_national_accounts", 2020, 2345600000, "reported"},
		{"sheet=5.x!C7", "services_exports_national_accounts", 2021, 1234000, "reported"},    // numeric cell 1.234
		{"sheet=5.x!C8", "services_exports_national_accounts", 2022, 1234000000, "reported"}, // text "1.234" in locale es
	} {
		if g := got[want.locator]; g != want {
			t.Errorf("%s: got %+v, want %+v", want.locator, g, want)
		}
	}
	if rows.Revenue.Len() != 4 {
		t.Errorf("%d rows, want 4", rows.Revenue.Len())
	}
}

func TestWorkerCounts(t *testing.T) {
	rows := extractFixture(t, "synthetic_workers", "synthetic_workers.xlsx")
	if rows.WorkerCounts.Len() != 6 || rows.Revenue.Len() != 0 {
		t.Fatalf("%d worker counts, %d revenue", rows.WorkerCounts.Len(), rows.Revenue.Len())
	}
	w := rows.WorkerCounts.At(0)
	if w.Count == nil || *w.Count != 12345 || w.Sector != "all" || w.Role != "collaborators" || w.CountKind != "stock" ||
		w.HostCountry != "WLD" || w.Locator != "sheet=Colaboradores!B4" || w.Note != "ONEI table in persons; no multiplier; edition AEC 2022" {
		t.Errorf("%+v", w)
	}
	if s := rows.WorkerCounts.At(4); s.Status != "nil" || s.Count != nil || s.Role != "health_workers" {
		t.Errorf("%+v", s)
	}
}

// Every extracted value's locator names the cell that holds it: re-open
// the fixture, read that cell, parse it, and compare.
func TestLocatorsPointAtTheirCells(t *testing.T) {
	for _, tc := range []struct{ id, name string }{
		{"synthetic_services", "synthetic_8_3_aec2022.xlsx"},
		{"synthetic_services", "synthetic_8_3_aec2023.xlsx"},
		{"synthetic_national_accounts", "synthetic_5_x_years_down.xlsx"},
		{"synthetic_workers", "synthetic_workers.xlsx"},
	} {
		src := catalogSource(t, tc.id)
		ps := mustOpen(t, src).plans
		p := pick(ps, tc.name)
		rows, err := extract(t, src, tc.name, readFixture(t, tc.name))
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenFile("testdata/" + tc.name)
		if err != nil {
			t.Fatal(err)
		}
		check := func(locator string, value *float64, status string) {
			sheet, cell, _ := strings.Cut(strings.TrimPrefix(locator, "sheet="), "!")
			raw, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			typ, _ := f.GetCellType(sheet, cell)
			v, err := p.parseValue(raw)
			if err == nil && typ == excelize.CellTypeSharedString && v.check && v.status == "reported" {
				v.num, err = ParseCellText(raw, p.loc)
			}
			switch {
			case err != nil:
				t.Errorf("%s %s: %q: %v", tc.name, locator, raw, err)
			case v.status != status:
				t.Errorf("%s %s: cell %q has status %s, row says %s", tc.name, locator, raw, v.status, status)
			case value != nil && scale(v.num, p.Multiplier) != *value:
				t.Errorf("%s %s: cell %q is %v, row says %v", tc.name, locator, raw, scale(v.num, p.Multiplier), *value)
			}
		}
		for _, r := range rows.Revenue.All() {
			check(r.Locator, r.Value, r.Status)
		}
		for _, r := range rows.WorkerCounts.All() {
			var v *float64
			if r.Count != nil {
				x := float64(*r.Count)
				v = &x
			}
			check(r.Locator, v, r.Status)
		}
		f.Close()
	}
}

// The AEC 2023 workbook read with the AEC 2022 map (a new edition before
// the map was updated) fails with a drift report naming the renamed row
// and its nearest label; the moved year columns need no change.
func TestRenamedRowIsDrift(t *testing.T) {
	_, err := extract(t, catalogSource(t, "synthetic_services"), "synthetic_8_3_aec2022.xlsx", readFixture(t, "synthetic_8_3_aec2023.xlsx"))
	var de *DriftError
	if !errors.Is(err, sources.ErrLayoutChanged) || !errors.As(err, &de) {
		t.Fatalf("got %v, want a drift error", err)
	}
	want := `synthetic_8_3_aec2022.xlsx: sheet "8.3": upstream layout changed: the layout map of edition "AEC 2022" does not fit (update its params where the entry is declared, as cubaexports sources shows; see docs/yearbook-layouts.md):
  - unmapped row 7: "Servicios de salud y asistencia social (b)" (in neither series nor ignore; nearest mapped: "servicios de salud humana y de atencion social")
  - expected row "servicios de salud humana y de atencion social": not found (nearest: "Servicios de salud y asistencia social (b)")`
	if err.Error() != want {
		t.Errorf("got\n%s\nwant\n%s", err, want)
	}
}

// A label column that moved is reported with where the header now is.
func TestMovedLabelColumnIsDrift(t *testing.T) {
	book := shifted(servicesAEC2022(), 1).build(t)
	_, err := extract(t, catalogSource(t, "synthetic_services"), "synthetic_8_3_aec2022.xlsx", book)
	if !errors.Is(err, sources.ErrLayoutChanged) {
		t.Fatalf("got %v, want a layout change", err)
	}
	for _, want := range []string{
		`expected the header: a row whose column A matches "^concepto$" within the first 200 rows: not found (found "CONCEPTO" in cell B4: did the label column move?)`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("report lacks %q:\n%s", want, err)
		}
	}
}

// A map whose series are not in the table, and a table with unexpected
// rows and cells, list each difference.
func TestDriftListsEverything(t *testing.T) {
	fx := servicesAEC2022()
	fx.cells["A9"] = "Otros servicios"
	fx.cells["H6"] = 99.5
	fx.cells["G5"] = "Variación %"
	_, err := extract(t, catalogSource(t, "synthetic_services"), "synthetic_8_3_aec2022.xlsx", fx.build(t))
	for _, want := range []string{
		`header column G: "Variación %" is not mapped (neither a year nor ignored)`,
		`cell H6 holds "99.5" under no mapped header`,
		`unmapped row 9: "Otros servicios"`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("report lacks %q:\n%v", want, err)
		}
	}
}

// Other layout changes each give a drift report saying what changed.
func TestDriftCases(t *testing.T) {
	base := func(edit func(*fixture)) []byte {
		fx := servicesAEC2022()
		edit(&fx)
		return fx.build(t)
	}
	for _, tc := range []struct {
		name, doc string
		body      []byte
		want      string
	}{
		{"sheet renamed", "synthetic_8_3_aec2022.xlsx", base(func(f *fixture) { f.sheet = "8.4" }),
			`sheet not found: "8.3" (the workbook has ["8.4"])`},
		{"units changed", "synthetic_8_3_aec2022.xlsx", base(func(f *fixture) { f.cells["A2"] = "Millones de pesos" }),
			`expected the units line "Miles de pesos": not found (nearest: "Millones de pesos")`},
		{"title changed", "synthetic_8_3_aec2022.xlsx", base(func(f *fixture) { f.cells["A1"] = "8.3 - Importaciones de servicios (SYNTHETIC)" }),
			`expected a title containing "Exportaciones de servicios": not found`},
		{"no edition", "synthetic_8_3_aec2099.xlsx", readFixture(t, "synthetic_8_3_aec2022.xlsx"),
			`no edition's document glob matches "synthetic_8_3_aec2099.xlsx"`},
		{"bad cell", "synthetic_8_3_aec2022.xlsx", base(func(f *fixture) { f.cells["C7"] = "n/d" }),
			`cell C7: not a number: "n/d" is not a number written as text`},
		{"duplicate year", "synthetic_8_3_aec2022.xlsx", base(func(f *fixture) { f.cells["F5"] = 2021 }),
			`header: year 2021 in columns E and F`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := extract(t, catalogSource(t, "synthetic_services"), tc.doc, tc.body)
			if !errors.Is(err, sources.ErrLayoutChanged) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v\nwant a layout change containing %q", err, tc.want)
			}
		})
	}
}

// mustOpen compiles an entry's layout map as the catalog does.
func mustOpen(tb testing.TB, src sources.Entry) *book {
	tb.Helper()
	b, err := compileEntry(src)
	if err != nil {
		tb.Fatalf("opening %s: %v", src.ID, err)
	}
	return b
}
