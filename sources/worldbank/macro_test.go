package worldbank

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources"
	"github.com/cubaexports/cubaexports/sources/snapshot"
	"github.com/cubaexports/cubaexports/sources/sourcetest"
)

// macroURL is the API address of a macro entry for indicator ind.
func macroURL(base, ind string) string {
	return base + "/v2/country/CUB/indicator/" + ind + "?format=json&date=1960:2030&per_page=100"
}

// macroSource is a macro_indicators entry reading the embedded document
// doc (none when doc is "").
func macroSource(tb testing.TB, ind, unit, doc string) sources.Entry {
	tb.Helper()
	params := `{indicator: ` + ind + `, mode: api, countries: [CUB], from: 1960, to: 2030, table: macro_indicators, unit: ` + unit
	if doc != "" {
		params += `, document: ` + doc
	}
	src := source(tb, "wdi", macroURL("https://api.worldbank.org", ind), params+`}`)
	if doc != "" {
		src.Bootstrap = "embed:"
	}
	return src
}

// line is the 1-based line n of a document (CRLF endings).
func line(body []byte, n int) string {
	lines := strings.Split(string(body), "\n")
	if n < 1 || n > len(lines) {
		return ""
	}
	return strings.TrimSuffix(lines[n-1], "\r")
}

// The three real WDI files (datahub's long layout) give Cuba's rows only,
// each located at its line, which holds the published value; the rows
// with the acceptance values are there.
func TestMacroLongRealFiles(t *testing.T) {
	for _, tc := range []struct {
		doc, ind, unit string
		rows           int
		first, last    int64
		want2019       string
	}{
		{"ne.exp.gnfs.zs.csv", "NE.EXP.GNFS.ZS", "percent_of_gdp", 55, 1970, 2024, "Cuba,CUB,2019,12.2133743797594"},
		{"ny.gdp.mktp.cd.csv", "NY.GDP.MKTP.CD", "usd_current", 51, 1970, 2020, "Cuba,CUB,2019,103427600000"},
		{"tx.val.mrch.cd.wt.csv", "TX.VAL.MRCH.CD.WT", "usd_current", 66, 1960, 2025, "Cuba,CUB,2019,2062000000"},
	} {
		t.Run(tc.ind, func(t *testing.T) {
			src := macroSource(t, tc.ind, tc.unit, tc.doc)
			r, err := sources.Open(src)
			if err != nil {
				t.Fatal(err)
			}
			docs, err := fs.ReadDir(r.Embedded, ".")
			if err != nil || len(docs) != 1 || docs[0].Name() != tc.doc {
				t.Fatalf("the entry's embedded documents: %v, %v", docs, err)
			}
			body := embedded(t, tc.doc)
			rows, err := extract(t, src, tc.doc, body)
			if err != nil {
				t.Fatal(err)
			}
			macro := datasets.FactsOf[schemas.MacroIndicator](&rows)
			if macro.Len() != tc.rows {
				t.Errorf("%d rows, want %d", macro.Len(), tc.rows)
			}
			var y2019 *schemas.MacroIndicator
			first, last := int64(9999), int64(0)
			for _, m := range macro.All() {
				first, last = min(first, m.Year), max(last, m.Year)
				var n int
				if _, err := fmtSscan(m.Locator, &n); err != nil || m.At.Row != n || !strings.HasPrefix(line(body, n), "Cuba,CUB,") {
					t.Fatalf("row %+v: its locator does not point at Cuba's line (%q)", m, line(body, n))
				}
				if m.Country != "CUB" || m.Indicator != tc.ind || m.Unit != tc.unit || m.SourceID != "wdi" {
					t.Fatalf("row %+v", m)
				}
				if m.Year == 2019 {
					y2019 = &m
				}
			}
			if first != tc.first || last != tc.last {
				t.Errorf("years %d-%d, want %d-%d", first, last, tc.first, tc.last)
			}
			if y2019 == nil || line(body, y2019.At.Row) != tc.want2019 {
				t.Fatalf("2019: %+v", y2019)
			}
			if got := strings.Join([]string{"Cuba", "CUB", "2019", fmtFloat(y2019.Value)}, ","); got != tc.want2019 {
				t.Errorf("2019 value: %s, want %s", got, tc.want2019)
			}
			if len(rows.Sources) != 1 || !strings.HasPrefix(rows.Sources[0].Title, "World Development Indicators: ") ||
				!strings.HasSuffix(rows.Sources[0].Title, ", "+tc.ind) || rows.Sources[0].License != "CC-BY-4.0" {
				t.Errorf("sources row %+v", rows.Sources)
			}
		})
	}
}

// A layout change of the long file fails with a located ErrLayoutChanged:
// another header, a year that is not one, a country-year given twice, a
// short record, Cuba missing; an unparseable value wraps ErrValue. (A
// bulk-mode entry: a mode-api entry reads a document that does not start
// like a bulk CSV as an API page, and fails as one.)
func TestMacroLongLayoutErrors(t *testing.T) {
	src := source(t, "wdi", "https://api.worldbank.org/v2/country/all/indicator/NY.GDP.MKTP.CD?downloadformat=csv",
		`{indicator: NY.GDP.MKTP.CD, mode: bulk, countries: [CUB], from: 1960, to: 2030, table: macro_indicators, unit: usd_current}`)
	const head = "Country Name,Country Code,Year,Value\r\n"
	for _, tc := range []struct {
		name, body string
		want       error
		line       int
	}{
		{"header", "Country,Code,Year,Value\r\nCuba,CUB,2019,1\r\n", sources.ErrLayoutChanged, 1},
		{"year", head + "Cuba,CUB,19,1\r\n", sources.ErrLayoutChanged, 2},
		{"twice", head + "Cuba,CUB,2019,1\r\nCuba,CUB,2019,2\r\n", sources.ErrLayoutChanged, 3},
		{"short", head + "Cuba,CUB,2019\r\n", sources.ErrLayoutChanged, 2},
		{"no Cuba", head + "Aruba,ABW,2019,1\r\n", sources.ErrLayoutChanged, 0},
		{"value", head + "Cuba,CUB,2019,lots\r\n", ErrValue, 2},
		{"empty", "", sources.ErrLayoutChanged, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := extract(t, src, "f.csv", []byte(tc.body))
			var le *datasets.LocatedError
			if !errors.Is(err, tc.want) || !errors.As(err, &le) || le.At.File != "f.csv" || le.At.Row != tc.line {
				t.Fatalf("got %v, want %v located at f.csv:%d", err, tc.want, tc.line)
			}
		})
	}
	rows, err := extract(t, src, "f.csv", []byte(head+"Cuba,CUB,2019,\r\n\"Korea, Rep.\",KOR,2019,5\r\nCuba,CUB,2020,-1.5e3\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	macro := datasets.FactsOf[schemas.MacroIndicator](&rows)
	if macro.Len() != 1 || macro.At(0).Year != 2020 || macro.At(0).Value != -1500 || macro.At(0).Locator != `csv=row 4, col "Value"` {
		t.Errorf("an empty value gives no row, other countries none, scientific notation parses: %+v", macro.All())
	}
}

// A macro entry is checked when the catalog loads: its unit, its
// countries, no other table's params, and an embedded document that is
// the entry's indicator by its datapackage.json.
func TestMacroParams(t *testing.T) {
	ok := `{indicator: NY.GDP.MKTP.CD, mode: api, countries: [CUB], from: 1960, to: 2030, table: macro_indicators`
	url := macroURL("https://api.worldbank.org", "NY.GDP.MKTP.CD")
	for _, tc := range []struct{ name, params, want string }{
		{"unit", ok + `, unit: dollars}`, `unit "dollars" is not an indicator_unit`},
		{"countries", `{indicator: NY.GDP.MKTP.CD, mode: bulk, from: 1960, to: 2030, table: macro_indicators, unit: usd_current}`, "needs countries"},
		{"concept", ok + `, unit: usd_current, concept: goods_and_services_exports, currency: USD}`, "not for macro_indicators"},
		{"table", `{indicator: NY.GDP.MKTP.CD, mode: api, countries: [CUB], from: 1960, to: 2030, table: revenue, concept: goods_and_services_exports, currency: USD}`, `table "revenue": name only macro_indicators`},
		{"unit elsewhere", `{indicator: NY.GDP.MKTP.CD, mode: api, countries: [CUB], from: 1960, to: 2030, unit: usd_current, concept: goods_and_services_exports, currency: USD}`, "unit is for macro_indicators"},
		{"document path", ok + `, unit: usd_current, document: data/ny.gdp.mktp.cd.csv}`, "want the base name"},
		{"wrong document", ok + `, unit: usd_current, document: ne.exp.gnfs.zs.csv}`, `is indicator "ne.exp.gnfs.zs" by ne.exp.gnfs.zs.datapackage.json, not NY.GDP.MKTP.CD`},
		{"missing document", ok + `, unit: usd_current, document: nothing.csv}`, `document "nothing.csv" is not embedded`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := source(t, "wdi", url, tc.params)
			src.Bootstrap = "embed:"
			if err := checkParams(src); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

// The online refresh: a macro entry fetches every API page from an
// httptest server (no internet) and reads Cuba's values into
// macro_indicators, null years left out, each row located in its page;
// an answer without rows fails the fetch, as for every World Bank entry.
func TestMacroFetchAPI(t *testing.T) {
	srv := server(t)
	src := source(t, "worldbank_exports", macroURL(srv.URL, "NE.EXP.GNFS.CD"),
		`{indicator: NE.EXP.GNFS.CD, mode: api, countries: [CUB], from: 1960, to: 2030, table: macro_indicators, unit: usd_current}`)
	src.URL = strings.Replace(src.URL, "1960:2030&per_page=100", "1960:2030", 1)
	e := mustOpen(t, src)
	docs, err := e.fetch(context.Background(), &httpGetter{client: srv.Client()})
	if err != nil || len(docs) != 3 {
		t.Fatalf("%d documents, %v", len(docs), err)
	}
	var all datasets.Rows
	for _, d := range docs {
		rows, err := extractDoc(t, src, d)
		if err != nil {
			t.Fatal(err)
		}
		all.Append(rows)
	}
	macro := datasets.FactsOf[schemas.MacroIndicator](&all)
	if macro.Len() != 22 { // 25 years, 2024, 2023 and 2011 null
		t.Errorf("%d rows, want 22", macro.Len())
	}
	for _, m := range macro.All() {
		if m.Year == 2016 && (m.Value != 1616161616 || m.Locator != "json=page 1, $[1][8]" || m.Unit != "usd_current") {
			t.Errorf("2016: %+v", m)
		}
		if m.Year == 2011 || m.Year == 2023 {
			t.Errorf("a null year gave a row: %+v", m)
		}
	}
	empty := source(t, "worldbank_services_exports", macroURL(srv.URL, "BX.GSR.NFSV.CD"),
		`{indicator: BX.GSR.NFSV.CD, mode: api, countries: [CUB], from: 1960, to: 2030, table: macro_indicators, unit: usd_current}`)
	if _, err := mustOpen(t, empty).fetch(context.Background(), &httpGetter{client: srv.Client()}); !errors.Is(err, ErrNoRows) {
		t.Errorf("empty answer: %v, want ErrNoRows", err)
	}
}

// The long layout passes the conformance suite (the real GDP file, cut
// inside Cuba's rows).
func TestMacroConformance(t *testing.T) {
	body := embedded(t, "ny.gdp.mktp.cd.csv")
	cut := bytes.Index(body, []byte("Cuba,CUB,2000,"))
	sourcetest.Run(t, sourcetest.Case{Entry: macroSource(t, "NY.GDP.MKTP.CD", "usd_current", "ny.gdp.mktp.cd.csv"),
		Snapshot: snapshot.Snapshot{Name: "ny.gdp.mktp.cd.csv"}, Body: body, TruncateAt: cut + 10})
}

// fmtSscan reads the line number of a long-layout locator.
func fmtSscan(loc string, n *int) (int, error) { return fmt.Sscanf(loc, `csv=row %d, col "Value"`, n) }

// fmtFloat prints a value as the World Bank's files do (shortest form).
func fmtFloat(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// The catalog's macro entries: the three with a real WDI file bootstrap
// from it and refresh monthly from the API; the two without one wait,
// disabled, for a first online fetch.
func TestMacroCatalogEntries(t *testing.T) {
	cat := catalogEntries(t)
	for id, boot := range map[string]bool{"worldbank_exports_pct_gdp": true, "worldbank_gdp": true, "worldbank_merchandise_exports": true,
		"worldbank_exports": false, "worldbank_services_exports": false} {
		e, ok := cat[id]
		if !ok || e.Schedule != "@monthly" || (e.Bootstrap == "embed:") != boot || e.Disabled == boot ||
			!strings.Contains(e.URL, "/country/CUB/indicator/") || !strings.Contains(e.URL, "format=json") {
			t.Errorf("%s: %+v", id, e)
			continue
		}
		r, err := sources.Open(e)
		if err != nil {
			t.Fatal(err)
		}
		if boot {
			if docs, err := fs.ReadDir(r.Embedded, "."); err != nil || len(docs) != 1 {
				t.Errorf("%s: embedded documents %v %v", id, docs, err)
			}
		}
	}
}
