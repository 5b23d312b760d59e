package pipeline

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"

	"github.com/cubaexports/cubaexports/pipeline/archive"
	"github.com/cubaexports/cubaexports/pipeline/fetch"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// syntheticPDF makes a PDF of the synthetic text fixture, a page per
// form feed, at test time (no PDF bytes are committed).
func syntheticPDF(t *testing.T, name string) []byte {
	t.Helper()
	text, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCreationDate(date)
	pdf.SetModificationDate(date)
	pdf.SetFont("Helvetica", "", 10)
	for _, page := range strings.Split(string(text), "\f") {
		pdf.AddPage()
		pdf.MultiCell(0, 5, page, "", "L", false)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// archiveServers are a publisher serving two of the synthetic documents
// (a PDF report, an HTML article) and having removed a third (404), and
// a Wayback Machine holding a capture of the removed one.
func archiveServers(t *testing.T) (pub, wb *httptest.Server) {
	t.Helper()
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	serve := func(body []byte, ctype string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ctype)
			http.ServeContent(w, r, "", date, bytes.NewReader(body))
		}
	}
	pdf := syntheticPDF(t, "synthetic_archive_report.txt")
	mux := http.NewServeMux()
	mux.Handle("GET /robots.txt", serve([]byte("User-agent: *\nDisallow: /admin/\n"), "text/plain"))
	mux.Handle("GET /report.pdf", serve(pdf, "application/pdf"))
	mux.Handle("GET /news.html", serve(read("synthetic_archive_news.html"), "text/html; charset=utf-8"))
	pub = httptest.NewServer(mux)
	t.Cleanup(pub.Close)
	removed := pub.URL + "/removed.html"
	wmux := http.NewServeMux()
	wmux.Handle("GET /robots.txt", serve([]byte("User-agent: *\nAllow: /\n"), "text/plain"))
	wmux.HandleFunc("GET /wayback/available", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("url") != removed {
			fmt.Fprint(w, `{"archived_snapshots": {}}`)
			return
		}
		fmt.Fprintf(w, `{"url": %q, "archived_snapshots": {"closest": {"status": "200", "available": true, "url": %q, "timestamp": "20200301101500"}}}`,
			removed, wb.URL+"/web/20200301101500/"+removed)
	})
	capture := serve(read("synthetic_archive_removed.html"), "text/html")
	wb = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/web/20200301101500id_/"+removed {
			capture(w, r)
			return
		}
		wmux.ServeHTTP(w, r)
	}))
	t.Cleanup(wb.Close)
	return pub, wb
}

// archiveFixture is the synthetic curated sheets plus rows citing the
// three synthetic documents at pub: figures on pages 2 and 3 of the PDF,
// one in the HTML article, one in the removed page, and one the PDF does
// not state.
func archiveFixture(t *testing.T, pub string) Config {
	cfg := citationFixture(t)
	dir := cfg.File.Sources["curated"].URL
	appendTo(t, filepath.Join(dir, "revenue.csv"), "2021,2021,2021,flow,health_services_exports,WLD,3200000000,,,approx,USD,official_statement,reported,,SYNTHETIC row citing a synthetic archived PDF.,synthetic_archive_pdf,p. 2")
	appendTo(t, filepath.Join(dir, "revenue.csv"), "2020,2020,2020,flow,health_services_exports,WLD,999999,,,approx,USD,official_statement,reported,,SYNTHETIC row whose figure the PDF does not state.,synthetic_archive_pdf,p. 2")
	appendTo(t, filepath.Join(dir, "revenue.csv"), "2019,2019,2019,flow,health_services_exports,VEN,750000000,,,approx,USD,claim,reported,,SYNTHETIC row citing a removed page.,synthetic_archive_removed,para. 2")
	appendTo(t, filepath.Join(dir, "worker_counts.csv"), "WLD,2021,2021,2021,stock,health,doctors,,28000,,,approx,stock,,official_statement,reported,SYNTHETIC count citing a synthetic archived PDF.,synthetic_archive_pdf,p. 3")
	appendTo(t, filepath.Join(dir, "contract_rates.csv"), "BRA,doctor,,,2021,2021,2021,rate,worker_receives,total,per_worker,1200,,,exact,USD,month,1,intermediary,testimony,reported,SYNTHETIC rate citing a synthetic article.,synthetic_archive_news,para. 2")
	appendTo(t, filepath.Join(dir, "sources.csv"), "synthetic_archive_pdf,SYNTHETIC archived report,Synthetic Ministry,press,"+pub+"/report.pdf,en,2022-02,,")
	appendTo(t, filepath.Join(dir, "sources.csv"), "synthetic_archive_news,SYNTHETIC archived article,Synthetic Press,press,"+pub+"/news.html,en,2021-06-01,,")
	appendTo(t, filepath.Join(dir, "sources.csv"), "synthetic_archive_removed,SYNTHETIC removed page,Synthetic Press,press,"+pub+"/removed.html,en,2020,,")
	cfg.Offline = true
	return cfg
}

func archiveOptions(wb string) archive.Options {
	return archive.Options{Interval: -1, Contact: "mailto:maintainer@example.org",
		Wayback: &archive.Wayback{AvailabilityURL: wb + "/wayback/available", SaveURL: wb + "/save"},
		Fetch:   fetch.Options{MaxRetries: -1, Timeout: 10 * time.Second},
		Now:     func() time.Time { return date }}
}

func storeObjects(t *testing.T, dir string) int {
	t.Helper()
	store, err := snapshot.OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	objs, err := store.Objects()
	if err != nil {
		t.Fatal(err)
	}
	return len(objs)
}

// readRows reads a release CSV as maps, by the given key column values
// joined with "|".
func readRows(t *testing.T, path string, keys ...string) map[string]map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]string{}
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for i, h := range recs[0] {
			row[h] = rec[i]
		}
		var k []string
		for _, c := range keys {
			k = append(k, row[c])
		}
		out[strings.Join(k, "|")] = row
	}
	return out
}

// The acceptance test of issue 17: against a local server serving a few
// of the cited documents (synthetic fixtures), archive stores them; the
// figures they contain come out found, on the right page of the PDF; a
// removed page comes out gone with its Wayback copy kept (and its figure
// found in that copy); a second archive run writes nothing; the release
// records the manifest, and a rebuild reproduces it byte for byte.
func TestArchiveAcceptance(t *testing.T) {
	ctx := context.Background()
	pub, wb := archiveServers(t)
	cfg := archiveFixture(t, pub.URL)
	m, sum, err := Archive(ctx, cfg, archiveOptions(wb.URL))
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]archive.Record{}
	for _, r := range m.Records {
		status[r.SourceID] = r
	}
	for id, want := range map[string]string{"synthetic_archive_pdf": "ok", "synthetic_archive_news": "ok", "synthetic_archive_removed": "gone"} {
		if r := status[id]; r.LinkStatus != want {
			t.Errorf("%s: %s (%s), want %s", id, r.LinkStatus, r.Error, want)
		}
	}
	if r := status["synthetic_archive_removed"]; r.ArchivedFrom != archive.FromWayback || !r.Archived() {
		t.Errorf("removed page: %+v, want its Wayback copy kept", r)
	}
	if !sum.Wrote {
		t.Error("the first run stored no manifest")
	}

	out := t.TempDir()
	res, err := Run(ctx, cfg, out)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(out, "releases", res.Release.Version)
	rev := readRows(t, filepath.Join(dir, "data", "revenue.csv"), "source_id", "value")
	for k, want := range map[string][2]string{
		"synthetic_archive_pdf|3200000000":    {"found", "2"},
		"synthetic_archive_pdf|999999":        {"not_found", ""},
		"synthetic_archive_removed|750000000": {"found", ""},
		"synthetic_yearbook|1234567.5":        {"not_archived", ""},
	} {
		r, ok := rev[k]
		if !ok {
			t.Fatalf("revenue.csv has no row %s", k)
		}
		if r["doc_check"] != want[0] || r["page"] != want[1] {
			t.Errorf("revenue %s: doc_check %q page %q, want %q %q", k, r["doc_check"], r["page"], want[0], want[1])
		}
		if (want[0] == "found") != (r["doc_chars"] != "") {
			t.Errorf("revenue %s: doc_chars %q", k, r["doc_chars"])
		}
	}
	wc := readRows(t, filepath.Join(dir, "data", "worker_counts.csv"), "source_id", "count")
	if r := wc["synthetic_archive_pdf|28000"]; r["doc_check"] != "found" || r["page"] != "3" {
		t.Errorf("worker count: doc_check %q page %q, want found on page 3", r["doc_check"], r["page"])
	}
	cr := readRows(t, filepath.Join(dir, "data", "contract_rates.csv"), "source_id", "amount")
	if r := cr["synthetic_archive_news|1200"]; r["doc_check"] != "found" || r["page"] != "" || r["doc_chars"] == "" {
		t.Errorf("contract rate: doc_check %q page %q chars %q, want found in HTML (no page)", r["doc_check"], r["page"], r["doc_chars"])
	}
	src := readRows(t, filepath.Join(dir, "data", "sources.csv"), "source_id")
	if r := src["synthetic_archive_removed"]; r["link_status"] != "gone" || r["archived_from"] != "wayback" ||
		r["wayback_url"] != wb.URL+"/web/20200301101500/"+pub.URL+"/removed.html" || r["wayback_at"] != "2020-03-01T10:15:00Z" || r["snapshot_sha256"] == "" {
		t.Errorf("sources row of the removed page: %v", r)
	}
	if r := src["synthetic_archive_pdf"]; r["link_status"] != "ok" || r["media_type"] != "application/pdf" || r["snapshot_sha256"] != status["synthetic_archive_pdf"].SHA256 {
		t.Errorf("sources row of the PDF: %v", r)
	}
	if r := src["synthetic_yearbook"]; r["link_status"] != "not_tried" {
		t.Errorf("a document archive did not reach: link_status %q, want not_tried", r["link_status"])
	}
	changelog, err := os.ReadFile(filepath.Join(dir, "CHANGELOG.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"## Figures checked against the archived documents", "| revenue | 8 | 3 | 2 | 0 | 3 | 60.0% |",
		"`synthetic_archive_pdf` p. 2 (before: absent)"} {
		if !bytes.Contains(changelog, []byte(want)) {
			t.Errorf("CHANGELOG.md lacks %q:\n%s", want, changelog)
		}
	}
	prov, err := os.ReadFile(filepath.Join(dir, "provenance.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(prov, []byte(`"kind": "archive"`)) || !bytes.Contains(prov, []byte(sum.Manifest)) {
		t.Errorf("provenance.json does not record the manifest %s", sum.Manifest)
	}
	// The archived bytes are not in the release.
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err == nil && bytes.Contains(b, []byte("%PDF-")) {
			t.Errorf("%s holds a PDF", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	// A second archive run with nothing changed writes nothing.
	objects := storeObjects(t, cfg.DataDir)
	_, sum2, err := Archive(ctx, cfg, archiveOptions(wb.URL))
	if err != nil {
		t.Fatal(err)
	}
	if sum2.Wrote || sum2.New != 0 || sum2.Manifest != sum.Manifest {
		t.Errorf("second archive run: %+v", sum2)
	}
	if n := storeObjects(t, cfg.DataDir); n != objects {
		t.Errorf("second archive run: %d objects in the store, want %d", n, objects)
	}
	// ...so the next run releases nothing.
	res2, err := Run(ctx, cfg, out)
	if err != nil {
		t.Fatal(err)
	}
	if res2.Release.Changed {
		t.Errorf("a run after an unchanged archive released %s", res2.Release.Version)
	}

	// The rebuild reads the recorded manifest and copies, not the latest.
	rb, err := Rebuild(ctx, cfg, out, res.Release.Version, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if !rb.Identical() {
		t.Errorf("rebuild differs: %+v", rb.Differences)
	}
}

// The doc_check outcomes the build writes are the vocabulary's terms.
func TestDocCheckVocabulary(t *testing.T) {
	v, ok := schemas.VocabByName("doc_check")
	if !ok {
		t.Fatal("no vocabulary doc_check")
	}
	if got, want := v.Codes(), []string{docFound, docNotFound, docNotCheckable, docNotArchived, docExtracted}; !slices.Equal(got, want) {
		t.Errorf("vocabulary doc_check %v, the build writes %v", got, want)
	}
}
