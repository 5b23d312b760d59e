package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/cubaexports/cubaexports/pipeline/fetch"
	"github.com/cubaexports/cubaexports/pipeline/release/diff"
	"github.com/cubaexports/cubaexports/sources"
)

// oneiWorkbook is an ONEI-like Anuario table (sector externo): number,
// title and units on one line, CONCEPTO and the years, the body, a
// footnote, a note and the source line, starting at sheet row top.
// Every figure is made up.
func oneiWorkbook(t *testing.T, top int) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{
		{"5.12 - Exportaciones de servicios (Millones de pesos)"},
		{},
		{"CONCEPTO", 2021, 2022, "2023 (p)"},
		{"Total", "5 884,2", "7 063,9", 6827},
		{"Servicios de salud humana y de atención social (a)", "4 349,9", "4 882,2", "…"},
		{"(a) SYNTHETIC footnote: made-up figures for tests."},
		{"(p) Cifras preliminares."},
		{"Fuente: SYNTHETIC, not ONEI data."},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, top+i)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// placeholderURL is the address of the worked example's file in
// docs/yearbook-layouts.md.
const placeholderURL = "https://www.onei.gob.cu/sites/default/files/REPLACE-WITH-THE-TABLE-FILE.xlsx"

// The acceptance test: an ONEI-like workbook served over HTTP,
// its layout map written only in cubaexports.yaml (no rebuild: the
// worked example of docs/yearbook-layouts.md), gives a
// release with the right values; serving the table two rows lower gives
// no new ids, a PATCH release (the locators moved), and history follows
// each figure.
func TestYearbookMapInConfig(t *testing.T) {
	var body atomic.Value
	body.Store(oneiWorkbook(t, 1))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(body.Load().([]byte))
	}))
	defer srv.Close()

	dir := t.TempDir()
	md, err := os.ReadFile("../docs/yearbook-layouts.md") // the page's worked example, as a user copies it
	if err != nil {
		t.Fatal(err)
	}
	_, rest, _ := strings.Cut(string(md), "## Worked example")
	_, rest, _ = strings.Cut(rest, "```yaml\n")
	conf, _, ok := strings.Cut(rest, "```")
	if !ok || !strings.Contains(conf, placeholderURL) {
		t.Fatal("no yaml block with the placeholder address under \"Worked example\" in docs/yearbook-layouts.md")
	}
	conf = strings.Replace(conf, placeholderURL, srv.URL+"/5.12-exportaciones-de-servicios.xlsx", 1)
	p := filepath.Join(dir, "cubaexports.yaml")
	if err := os.WriteFile(p, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := LoadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	f.Dir = dir
	off := true // no test reaches the network: the catalog's remote sources stay off
	f.Sources = map[string]sources.Override{}
	for _, id := range []string{"worldbank_fx", "fed_fx", "imf_fx", "bls_cpi", "worldbank_gdp", "worldbank_exports_pct_gdp", "worldbank_merchandise_exports"} {
		f.Sources[id] = sources.Override{Disabled: &off}
	}
	cfg := Config{Date: date, DataDir: filepath.Join(dir, "data"), File: f,
		Fetch: fetch.Options{MaxRetries: 1, BackoffBase: time.Millisecond, BackoffMax: time.Millisecond}}
	out := filepath.Join(dir, "out")

	figures := func(res *Result) map[string]string { // obs_id -> year concept value status @ locator
		got := map[string]string{}
		for _, r := range res.Rows.Revenue.All() {
			if r.SourceID != "onei_services_512_aec_2023" {
				continue
			}
			v := "-"
			if r.Value != nil {
				v = fmt.Sprint(*r.Value)
			}
			got[r.ObsID] = fmt.Sprintf("%d %s %s %s @ %s", r.Year, r.Concept, v, r.Status, r.Locator)
		}
		return got
	}
	res, err := Run(context.Background(), cfg, out)
	if err != nil {
		t.Fatal(err)
	}
	first := figures(res)
	want := []string{
		"2021 health_services_exports 4.3499e+09 reported @ sheet=Sheet1!B5",
		"2021 services_exports_total 5.8842e+09 reported @ sheet=Sheet1!B4",
		"2022 health_services_exports 4.8822e+09 reported @ sheet=Sheet1!C5",
		"2022 services_exports_total 7.0639e+09 reported @ sheet=Sheet1!C4",
		"2023 health_services_exports - not_available @ sheet=Sheet1!D5",
		"2023 services_exports_total 6.827e+09 reported @ sheet=Sheet1!D4",
	}
	if got := slices.Sorted(maps.Values(first)); !slices.Equal(got, want) || res.Release.Version != "v1.0.0" {
		t.Fatalf("%s: got\n%q\nwant\n%q", res.Release.Version, got, want)
	}

	body.Store(oneiWorkbook(t, 3)) // the table two rows lower
	res, err = Run(context.Background(), cfg, out)
	if err != nil {
		t.Fatal(err) // a regression would stop the release here
	}
	moved := figures(res)
	if !slices.Equal(slices.Sorted(maps.Keys(moved)), slices.Sorted(maps.Keys(first))) {
		t.Errorf("ids changed:\n%v\n%v", first, moved)
	}
	for id, w := range first {
		if g := moved[id]; g[:len(g)-2] != w[:len(w)-2] || g[len(g)-1] != w[len(w)-1]+2 {
			t.Errorf("%s: %q, was %q: want the same figure two rows lower", id, g, w)
		}
	}
	if rel := res.Release; rel.Version != "v1.0.1" || rel.Bump.Level != diff.Patch || len(rel.Findings) != 0 {
		t.Errorf("second release %s, bump %v (%v), findings %v; want v1.0.1, a PATCH without findings", rel.Version, rel.Bump.Level, rel.Bump.Reasons, rel.Findings)
	}
	dirs := []string{filepath.Join(out, "releases", "v1.0.0"), filepath.Join(out, "releases", "v1.0.1")}
	for id := range first {
		h, err := diff.Follow(context.Background(), dirs, id)
		if err != nil || len(h) != 2 || h[0].ObsID != id || h[1].ObsID != id {
			t.Errorf("history of %s: %+v, %v", id, h, err)
		}
	}
}
