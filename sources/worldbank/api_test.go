package worldbank

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

const exportsParams = `{indicator: NE.EXP.GNFS.CD, mode: api, countries: [CUB], from: 2000, to: 2024, concept: goods_and_services_exports, currency: USD}`

// server serves the fixtures in the API's real shapes: three pages of
// Cuba's exports, one page of exchange rates, the HTTP-200 error body,
// the [metadata, null] empty body, and a page count that changes.
func server(t *testing.T) *httptest.Server {
	t.Helper()
	read := func(name string) []byte {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	page := func(r *http.Request) string {
		if p := r.URL.Query().Get("page"); p != "" {
			return p
		}
		return "1"
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v2/country/CUB/indicator/NE.EXP.GNFS.CD", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write(read("synthetic_exports_page-" + page(r) + ".json"))
	})
	mux.HandleFunc("GET /moving/v2/country/CUB/indicator/NE.EXP.GNFS.CD", func(w http.ResponseWriter, r *http.Request) {
		b := read("synthetic_exports_page-" + page(r) + ".json")
		if page(r) != "1" { // a year was added between two requests
			b = []byte(strings.Replace(string(b), `"pages":3`, `"pages":4`, 1))
		}
		_, _ = w.Write(b)
	})
	mux.HandleFunc("GET /v2/country/all/indicator/PA.NUS.FCRF", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write(read("synthetic_fx_page-1.json"))
	})
	mux.HandleFunc("GET /v2/country/XXX/indicator/NE.EXP.GNFS.CD", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write(read("error_120.json")) // HTTP 200, as the API does
	})
	mux.HandleFunc("GET /v2/country/CUB/indicator/BX.GSR.NFSV.CD", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write(read("synthetic_empty.json"))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func extractDoc(t *testing.T, src sources.Entry, d snapshot.Document) (datasets.Rows, error) {
	t.Helper()
	rc, err := d.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	return mustOpen(t, src).Extract(context.Background(), d.Snapshot, rc)
}

func TestFetchAndExtractPages(t *testing.T) {
	srv := server(t)
	base := srv.URL + "/v2/country/CUB/indicator/NE.EXP.GNFS.CD?format=json&date=2000:2024&per_page=10"
	src := source(t, "worldbank_exports", base, exportsParams)
	if err := checkParams(src); err != nil {
		t.Fatal(err)
	}
	g := &httpGetter{client: srv.Client()}
	docs, err := mustOpen(t, src).fetch(context.Background(), g)
	if err != nil {
		t.Fatal(err)
	}
	wantURLs := []string{base, base + "&page=2", base + "&page=3"}
	if len(docs) != 3 || strings.Join(g.urls, " ") != strings.Join(wantURLs, " ") {
		t.Fatalf("fetched %v", g.urls)
	}
	var all datasets.Rows
	for i, d := range docs {
		if want := "page-" + string(rune('1'+i)) + ".json"; d.Name != want {
			t.Errorf("document %d named %q, want %q", i, d.Name, want)
		}
		rows, err := extractDoc(t, src, d)
		if err != nil {
			t.Fatal(err)
		}
		all.Append(rows)
	}
	first, last := all.Sources[0], all.Sources[2]
	first.At, last.At = schemas.Origin{}, schemas.Origin{} // the origin (not published) names each page
	if all.Revenue.Len() != 25 || len(all.Sources) != 3 || first != last {
		t.Fatalf("got %d revenue rows and sources %+v", all.Revenue.Len(), all.Sources)
	}
	byLoc := map[string]int{}
	for i, r := range all.Revenue.All() {
		byLoc[r.Locator] = i
	}
	r16 := all.Revenue.At(byLoc["json=page 1, $[1][8]"])
	if r16.Year != 2016 || *r16.Value != 1616161616 || r16.Status != "reported" || r16.At.File != "page-1.json" || r16.At.Row != 9 ||
		r16.Note != "World Bank WDI NE.EXP.GNFS.CD for CUB; last updated 2099-01-31; obs_status E" {
		t.Errorf("2016: %+v", r16)
	}
	r11 := all.Revenue.At(byLoc["json=page 2, $[1][3]"])
	if r11.Year != 2011 || r11.Value != nil || r11.Status != "not_available" || r11.At.File != "page-2.json" {
		t.Errorf("2011 (null): %+v", r11)
	}
	s := all.Sources[0]
	if s.Title != "World Development Indicators: Exports of goods and services (current US$), NE.EXP.GNFS.CD" || s.Published != "2099-01-31" || s.URL != base {
		t.Errorf("sources row %+v", s)
	}
}

func TestFetchErrors(t *testing.T) {
	srv := server(t)
	for _, tc := range []struct {
		name, url, params string
		want              error
		msg               string
	}{
		{"error body", "/v2/country/XXX/indicator/NE.EXP.GNFS.CD?format=json",
			`{indicator: NE.EXP.GNFS.CD, mode: api, countries: [XXX], from: 2000, to: 2024, concept: goods_and_services_exports, currency: USD}`,
			ErrAPI, "page-1.json: the World Bank API answered with an error: 120 Invalid value: The provided parameter value is not valid"},
		{"empty body", "/v2/country/CUB/indicator/BX.GSR.NFSV.CD?format=json",
			`{indicator: BX.GSR.NFSV.CD, mode: api, countries: [CUB], from: 2000, to: 2024, concept: services_exports_total, currency: USD}`,
			ErrNoRows, "page-1.json: page 0 of 0: the World Bank returned no rows (total 0)"},
		{"pages change", "/moving/v2/country/CUB/indicator/NE.EXP.GNFS.CD?format=json&per_page=10", exportsParams,
			nil, "page-2.json says it is page 2 of 4, want page 2 of 3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := source(t, "s", srv.URL+tc.url, tc.params)
			_, err := mustOpen(t, src).fetch(context.Background(), &httpGetter{client: srv.Client()})
			if err == nil || (tc.want != nil && !errors.Is(err, tc.want)) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("got %v, want %v: %s", err, tc.want, tc.msg)
			}
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	src := source(t, "s", srv.URL+"/v2/country/CUB/indicator/NE.EXP.GNFS.CD?format=json", exportsParams)
	if _, err := mustOpen(t, src).fetch(ctx, &httpGetter{client: srv.Client()}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled fetch: %v", err)
	}
}

// Exchange rates from the API: only the configured rows, only from..to.
func TestAPIExchangeRates(t *testing.T) {
	srv := server(t)
	src := source(t, "fx", srv.URL+"/v2/country/all/indicator/PA.NUS.FCRF?format=json&per_page=1000",
		`{indicator: PA.NUS.FCRF, mode: api, countries: [all], from: 2005, to: 2024, currencies: {EUR: EMU, BRL: BRA}}`)
	docs, err := mustOpen(t, src).fetch(context.Background(), &httpGetter{client: srv.Client()})
	if err != nil || len(docs) != 1 {
		t.Fatal(docs, err)
	}
	rows, err := extractDoc(t, src, docs[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(rows.FXRates) != 2 {
		t.Fatalf("rates %+v", rows.FXRates)
	}
	eur, brl := rows.FXRates[0], rows.FXRates[1]
	if eur.Currency != "EUR" || eur.Year != 2024 || eur.RatePerUSD != 9.25 || eur.Locator != "json=page 1, $[1][1]" || eur.SourceID != "fx" {
		t.Errorf("EUR: %+v", eur)
	}
	if brl.Currency != "BRL" || brl.RatePerUSD != 7.5 || brl.Locator != "json=page 1, $[1][4]" {
		t.Errorf("BRL: %+v", brl)
	}
}

func TestPageErrors(t *testing.T) {
	src := source(t, "s", "https://api.worldbank.org/v2/country/CUB/indicator/NE.EXP.GNFS.CD?format=json", exportsParams)
	const m = `{"page":1,"pages":1,"per_page":50,"total":1,"lastupdated":"2099-01-31"}`
	const ok = `{"indicator":{"id":"NE.EXP.GNFS.CD","value":"x"},"country":{"id":"CU","value":"Cuba"},"countryiso3code":"CUB","date":"2016","value":1}`
	for _, tc := range []struct{ name, body, msg string }{
		{"empty", ``, "p.json: empty document"},
		{"truncated", `[` + m + `,[` + ok[:40], "p.json: byte "},
		{"object", `{"a":1}`, "p.json: byte 1: upstream layout changed"},
		{"three elements", `[1,2,3]`, "p.json: upstream layout changed: $ has 3 elements"},
		{"not an error", `[{"x":1}]`, "p.json: upstream layout changed: $ has one element and it is not an error message"},
		{"trailing data", `[` + m + `,[]] []`, "data after the top-level array"},
		{"quarter", `[` + m + `,[` + strings.Replace(ok, `"2016"`, `"2016Q1"`, 1) + `]]`, `p.json:1: column "date": json=page 1, $[1][0]: upstream layout changed: date "2016Q1" is not a year`},
		{"string value", `[` + m + `,[` + strings.Replace(ok, `"value":1`, `"value":"1"`, 1) + `]]`, `column "value": json=page 1, $[1][0]: not a usable figure: value "1" is not a JSON number`},
		{"no value", `[` + m + `,[` + strings.Replace(ok, `,"value":1`, ``, 1) + `]]`, `the value field is missing`},
		{"indicator", `[` + m + `,[` + strings.Replace(ok, `NE.EXP.GNFS.CD`, `NY.GDP.MKTP.CD`, 1) + `]]`, `indicator "NY.GDP.MKTP.CD", want NE.EXP.GNFS.CD`},
		{"date format", `[` + strings.Replace(m, "2099-01-31", "31/01/2099", 1) + `,[]]`, `column "lastupdated"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := extract(t, src, "p.json", []byte(tc.body))
			var le *datasets.LocatedError
			if !errors.As(err, &le) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("got %v, want a located error containing %s", err, tc.msg)
			}
		})
	}
	_, err := extract(t, src, "p.json", []byte(`[`+m+`,[`+ok+`]]`))
	if err != nil {
		t.Errorf("good page: %v", err)
	}
}
