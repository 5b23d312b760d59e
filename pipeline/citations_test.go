package pipeline

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cubaexports/cubaexports/pipeline/fetch"
	"github.com/cubaexports/cubaexports/sources"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

const reportFixtures = "../sources/report/testdata"

// syntheticReportSource is the Spanish synthetic report entry of the
// report kind's test catalog, pointed at url.
func syntheticReportSource(t *testing.T, url string) sources.Entry {
	t.Helper()
	f, err := os.Open(filepath.Join(reportFixtures, "synthetic_catalog.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cat, err := sources.DecodeCatalog("synthetic_catalog.yaml", f)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range cat.Entries {
		if s.ID == "synthetic_report_es" {
			s.URL = url
			return s
		}
	}
	t.Fatal("no synthetic_report_es entry")
	return sources.Entry{}
}

// A report source fetched over HTTP through the whole build: its declared
// figure becomes a located revenue row that passes validation. When the
// document changes so the figure is gone, the build fails with a layout
// change naming the figure and the document, and the store keeps the
// previous snapshot as the source's current one.
func TestReportSourceThroughPipeline(t *testing.T) {
	good, err := os.ReadFile(filepath.Join(reportFixtures, "synthetic_report_es.html"))
	if err != nil {
		t.Fatal(err)
	}
	changed := []byte(strings.Replace(string(good), "Venezuela pagó", "Venezuela abonó", 1))
	var serveChanged atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if serveChanged.Load() {
			w.Write(changed)
			return
		}
		w.Write(good)
	}))
	defer srv.Close()

	off := true
	cfg := Config{Date: date, DataDir: t.TempDir(),
		File:  File{Sources: map[string]sources.Override{"worldbank_fx": {Disabled: &off}}},
		Fetch: fetch.Options{MaxRetries: 1, BackoffBase: time.Millisecond, BackoffMax: time.Millisecond}}
	cat, err := EffectiveCatalog(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := cat.Add(syntheticReportSource(t, srv.URL+"/synthetic_report_es.html")); err != nil {
		t.Fatal(err)
	}

	b, err := buildLive(context.Background(), cfg, cat)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range b.Rows.Revenue.All() {
		if r.SourceID != "synthetic_report_es" {
			continue
		}
		n++
		if r.Value == nil || *r.Value != 4882234500 || r.Locator == "" || !strings.HasPrefix(r.Locator, "page=1, chars=") ||
			r.Extractor != "report@1" || len(r.SnapshotSHA256) != 64 || r.PartnerCountry != "VEN" {
			t.Errorf("row %+v", r)
		}
	}
	if n != 1 {
		t.Fatalf("%d rows from the report, want 1", n)
	}
	store, err := snapshot.OpenStore(cfg.DataDir)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	before, _, err := store.Current(context.Background(), "synthetic_report_es")
	if err != nil || len(before) != 1 {
		t.Fatalf("current after the first build: %v %v", before, err)
	}

	serveChanged.Store(true)
	_, err = buildLive(context.Background(), cfg, cat)
	if !errors.Is(err, sources.ErrLayoutChanged) {
		t.Fatalf("got %v, want a layout change", err)
	}
	for _, want := range []string{"synthetic_report_es.html", `figure "venezuela_2015"`, "matches nowhere"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	store2, err := snapshot.OpenStore(cfg.DataDir)
	if err != nil {
		t.Fatal(err)
	}
	defer store2.Close()
	after, _, err := store2.Current(context.Background(), "synthetic_report_es")
	if err != nil || len(after) != 1 || after[0].SHA256 != before[0].SHA256 {
		t.Errorf("current after the failed build: %v %v; want the first snapshot kept", after, err)
	}
}

// verify-citations' engine: a curated figure that the stored document
// states is found with its page, one it does not state is reported
// missing, and rows citing documents without a snapshot are counted.
func TestVerifyCitations(t *testing.T) {
	cfg := citationFixture(t)
	rep, err := VerifyCitations(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Checked) != 2 {
		t.Fatalf("checked %+v; no snapshot %v", rep.Checked, rep.NoSnapshot)
	}
	for _, c := range rep.Checked {
		switch c.Figure {
		case "4882234500":
			if !c.Found || c.Page != 1 || c.Document != "synthetic_report_es.html" || c.Table != "revenue" {
				t.Errorf("found row: %+v", c)
			}
		case "4999":
			if c.Found || c.Page != 0 {
				t.Errorf("missing row: %+v", c)
			}
		default:
			t.Errorf("unexpected row %+v", c)
		}
	}
	if len(rep.Missing()) != 1 || rep.NoSnapshot["synthetic_yearbook"] == 0 {
		t.Errorf("missing %v, no snapshot %v", rep.Missing(), rep.NoSnapshot)
	}
}

// A build confirms the curated figures against the stored documents too:
// the figure found is kept with its page, the one not found is a warning
// (rule citation_not_found) naming the row, and the build still passes.
func TestBuildChecksCitations(t *testing.T) {
	cfg := citationFixture(t)
	cfg.Offline, cfg.DryRun = true, true
	b, err := Assemble(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if b.Citations == nil || len(b.Citations.Checked) != 2 {
		t.Fatalf("citations %+v", b.Citations)
	}
	for _, c := range b.Citations.Checked {
		if c.Figure == "4882234500" && (!c.Found || c.Page != 1) {
			t.Errorf("found row: %+v", c)
		}
	}
	var warned []string
	for _, w := range b.Report.Warnings() {
		if w.Rule == "citation_not_found" {
			warned = append(warned, w.String())
		}
	}
	if len(warned) != 1 || !strings.Contains(warned[0], "revenue.csv:") || !strings.Contains(warned[0], "figure 4999 not found in the stored document synthetic_report_es.html") {
		t.Errorf("citation warnings %q, want one for the 4999 row", warned)
	}
}

// citationFixture is a configuration whose curated sheets (the synthetic
// ones plus two rows citing the synthetic Spanish report) cite a document
// stored in its data directory: one figure the report states, one it
// does not.
func citationFixture(t *testing.T) Config {
	t.Helper()
	dir := synthetic(t)
	appendLine := func(name, line string) {
		f, err := os.OpenFile(filepath.Join(dir, name), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if _, err := f.WriteString(line + "\n"); err != nil {
			t.Fatal(err)
		}
	}
	appendLine("revenue.csv", "2015,2015,2015,flow,professional_services_exports,VEN,4882234500,,,exact,USD,claim,reported,,SYNTHETIC test row citing a synthetic report.,synthetic_report_es,p. 1")
	appendLine("revenue.csv", "2016,2016,2016,flow,professional_services_exports,VEN,4999,,,exact,USD,claim,reported,,SYNTHETIC test row whose figure the report does not state.,synthetic_report_es,p. 1")
	appendLine("sources.csv", "synthetic_report_es,SYNTHETIC report for tests,Synthetic Press,press,https://example.invalid/r.html,es,2021,,")

	data := t.TempDir()
	store, err := snapshot.OpenStore(data)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(reportFixtures, "synthetic_report_es.html"))
	if err != nil {
		t.Fatal(err)
	}
	snap, err := store.Put(context.Background(), snapshot.Meta{SourceID: "synthetic_report_es", Name: "synthetic_report_es.html",
		URL: "https://example.invalid/r.html", RetrievedAt: date}, f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if err := store.Commit(context.Background(), "synthetic_report_es", []snapshot.Snapshot{snap}); err != nil {
		t.Fatal(err)
	}
	store.Close()

	off := true
	return Config{Date: date, DataDir: data, File: File{Sources: map[string]sources.Override{"curated": {URL: dir, Retrieved: "2026-01-02"},
		"worldbank_fx": {Disabled: &off}, "fed_fx": {Disabled: &off}, "imf_fx": {Disabled: &off}, "bls_cpi": {Disabled: &off},
		"worldbank_gdp": {Disabled: &off}, "worldbank_exports_pct_gdp": {Disabled: &off}, "worldbank_merchandise_exports": {Disabled: &off}}}}
}
