package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/apache/arrow/go/v15/parquet/file"
	"github.com/apache/arrow/go/v15/parquet/pqarrow"

	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// syntheticPagedReport is a synthetic two-page text document (pages split
// at a form feed) written for these tests; its figure is invented.
const syntheticPagedReport = "SYNTHETIC report for cubaexports tests; not a real document.\n" +
	"Its only figure is on the next page.\f" +
	"Según este informe sintético, Venezuela pagó 4.882.234.500 dólares en 2015.\n"

// pageFixture is citationFixture plus a curated row whose figure the
// stored synthetic text report states on page 2 (source_id
// synthetic_paged). citationFixture's rows cite an HTML document: one
// figure found (no page: HTML has none), one not found.
func pageFixture(t *testing.T) (Config, string) {
	t.Helper()
	cfg := citationFixture(t)
	dir := cfg.File.Sources["curated"].URL
	appendTo(t, filepath.Join(dir, "revenue.csv"), "2015,2015,2015,flow,health_services_exports,VEN,4882234500,,,exact,USD,claim,reported,,SYNTHETIC test row citing a synthetic paged report.,synthetic_paged,p. 2")
	appendTo(t, filepath.Join(dir, "sources.csv"), "synthetic_paged,SYNTHETIC paged report for tests,Synthetic Press,press,https://example.invalid/paged.txt,es,2021,,")
	store, err := snapshot.OpenStore(cfg.DataDir)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	snap, err := store.Put(context.Background(), snapshot.Meta{SourceID: "synthetic_paged", Name: "synthetic_paged.txt",
		URL: "https://example.invalid/paged.txt", RetrievedAt: date}, strings.NewReader(syntheticPagedReport))
	if err != nil {
		t.Fatal(err)
	}
	if err := store.Commit(context.Background(), "synthetic_paged", []snapshot.Snapshot{snap}); err != nil {
		t.Fatal(err)
	}
	return cfg, snap.SHA256
}

func appendTo(t *testing.T, path, line string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(line + "\n"); err != nil {
		t.Fatal(err)
	}
}

// The page where the citation check found a curated figure is published
// in the page column of the release's CSV and Parquet; a figure found in
// HTML (no pages) or not found leaves it empty, and the one not found is
// still a citation_not_found warning. provenance.json records the
// snapshots searched (kind citation), and a rebuild of the release from
// them is byte-identical.
func TestCitationPagePublished(t *testing.T) {
	ctx := context.Background()
	cfg, paged := pageFixture(t)
	out := t.TempDir()
	res, err := Run(ctx, cfg, out)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{ // source_id|value -> page
		"synthetic_paged|4882234500":     "2",
		"synthetic_report_es|4882234500": "", // found, in HTML
		"synthetic_report_es|4999":       "", // not found
	}
	dir := filepath.Join(out, "releases", res.Release.Version)
	got := csvPages(t, filepath.Join(dir, "data", "revenue.csv"))
	pq := parquetPages(t, filepath.Join(dir, "data", "revenue.parquet"))
	for k, w := range want {
		if g, ok := got[k]; !ok || g != w {
			t.Errorf("revenue.csv: %s: page %q (present %t), want %q", k, g, ok, w)
		}
		if g, ok := pq[k]; !ok || g != w {
			t.Errorf("revenue.parquet: %s: page %q (present %t), want %q", k, g, ok, w)
		}
	}
	for k, g := range got {
		if _, checked := want[k]; !checked && g != "" {
			t.Errorf("revenue.csv: %s: page %q, want empty (no stored document)", k, g)
		}
	}
	var warned int
	for _, w := range res.Report.Warnings() {
		if w.Rule == "citation_not_found" {
			warned++
		}
	}
	if warned != 1 {
		t.Errorf("%d citation_not_found warnings, want 1", warned)
	}

	var prov struct {
		Inputs []struct {
			SourceID string `json:"source_id"`
			Kind     string `json:"kind"`
			Name     string `json:"name"`
			SHA256   string `json:"sha256"`
		} `json:"inputs"`
	}
	b, err := os.ReadFile(filepath.Join(dir, "provenance.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &prov); err != nil {
		t.Fatal(err)
	}
	cited := map[string]string{}
	for _, in := range prov.Inputs {
		if in.Kind == citedKind {
			cited[in.SourceID] = in.Name + " " + in.SHA256
		}
	}
	if len(cited) != 2 || cited["synthetic_paged"] != "synthetic_paged.txt "+paged || !strings.HasPrefix(cited["synthetic_report_es"], "synthetic_report_es.html ") {
		t.Errorf("provenance.json: cited inputs %v", cited)
	}

	r, err := Rebuild(ctx, cfg, out, res.Release.Version, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if !r.Identical() {
		t.Errorf("rebuild of %s is not identical: %+v", res.Release.Version, r.Differences)
	}
}

// A rebuild whose recorded cited snapshot is gone from the store fails
// naming the source_id, the document and its hash.
func TestRebuildCitedSnapshotMissing(t *testing.T) {
	ctx := context.Background()
	cfg, paged := pageFixture(t)
	out := t.TempDir()
	res, err := Run(ctx, cfg, out)
	if err != nil {
		t.Fatal(err)
	}
	store, err := snapshot.OpenStore(cfg.DataDir)
	if err != nil {
		t.Fatal(err)
	}
	err = os.Remove(store.ObjectPath(paged))
	store.Close()
	if err != nil {
		t.Fatal(err)
	}
	_, err = Rebuild(ctx, cfg, out, res.Release.Version, t.TempDir())
	if !errors.Is(err, ErrSnapshotMissing) {
		t.Fatalf("got %v, want ErrSnapshotMissing", err)
	}
	for _, want := range []string{"source synthetic_paged", "document synthetic_paged.txt", "sha256 " + paged} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q lacks %q", err, want)
		}
	}
}

// csvPages reads the page column of a revenue.csv by source_id|value.
func csvPages(t *testing.T, path string) map[string]string {
	t.Helper()
	pages := map[string]string{}
	for k, r := range readRows(t, path, "source_id", "value") {
		pages[k] = r["page"]
	}
	return pages
}

// parquetPages reads the page column of a revenue.parquet likewise.
func parquetPages(t *testing.T, path string) map[string]string {
	t.Helper()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	rdr, err := file.OpenParquetFile(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer rdr.Close()
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{}, mem)
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer tbl.Release()
	tr := array.NewTableReader(tbl, -1)
	defer tr.Release()
	pages := map[string]string{}
	for tr.Next() {
		rec := tr.Record()
		col := func(name string) arrow.Array {
			i := rec.Schema().FieldIndices(name)
			if len(i) != 1 {
				t.Fatalf("%s: no column %s", path, name)
			}
			return rec.Column(i[0])
		}
		ids, values, page := col("source_id").(*array.String), col("value").(*array.Float64), col("page").(*array.Int64)
		for i := range int(rec.NumRows()) {
			if values.IsNull(i) {
				continue
			}
			p := ""
			if page.IsValid(i) {
				p = strconv.FormatInt(page.Value(i), 10)
			}
			pages[ids.Value(i)+"|"+strconv.FormatFloat(values.Value(i), 'f', -1, 64)] = p
		}
	}
	return pages
}
