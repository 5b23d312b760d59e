package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// A curated figure found on page 2 of the stored document it cites is
// released with page 2, and `rebuild` reproduces the release byte for
// byte from the snapshots provenance.json records (the cited document's
// among them, as kind citation).
func TestCitationPageRebuilds(t *testing.T) {
	dir := copySynthetic(t)
	appendLine(t, filepath.Join(dir, "synthetic_curated", "revenue.csv"),
		"2015,2015,2015,flow,health_services_exports,VEN,4882234500,,,exact,USD,claim,reported,,SYNTHETIC row citing a synthetic paged report; not real data.,synthetic_paged,p. 2")
	appendLine(t, filepath.Join(dir, "synthetic_curated", "sources.csv"),
		"synthetic_paged,SYNTHETIC paged report for tests,Synthetic Press,press,https://example.invalid/paged.txt,es,2021,,")
	storeDoc(t, filepath.Join(dir, "data"), "synthetic_paged", "synthetic_paged.txt",
		"SYNTHETIC report for cubaexports tests; its figure is invented.\f"+
			"Según este informe sintético, Venezuela pagó 4.882.234.500 dólares en 2015.\n")

	must(t, cli(t, dir, "release", "--config", "c.yaml"), 0)
	pages := map[string]string{}
	for _, r := range releaseRows(t, filepath.Join(dir, "out", "releases", "v1.0.0", "data", "revenue.csv")) {
		pages[r["source_id"]+"|"+r["value"]] = r["page"]
	}
	if got := pages["synthetic_paged|4882234500"]; got != "2" {
		t.Errorf("page of the cited row %q, want 2 (pages %v)", got, pages)
	}
	if got := pages["synthetic_yearbook|1234567.5"]; got != "" {
		t.Errorf("page of a row whose document is not stored %q, want empty", got)
	}

	r := must(t, cli(t, dir, "rebuild", "v1.0.0", "--config", "c.yaml", "--into", "rb"), 0)
	outputHas(t, "rebuild", r.stdout, "from 12 recorded snapshots", "v1.0.0: all 27 files are byte-identical to "+filepath.Join("out", "releases", "v1.0.0"))
}

func appendLine(t *testing.T, path, line string) {
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

// storeDoc stores text as the current snapshot of sourceID in the
// snapshot store at data.
func storeDoc(t *testing.T, data, sourceID, name, text string) {
	t.Helper()
	store, err := snapshot.OpenStore(data)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ctx := context.Background()
	snap, err := store.Put(ctx, snapshot.Meta{SourceID: sourceID, Name: name, URL: "https://example.invalid/" + name}, strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if err := store.Commit(ctx, sourceID, []snapshot.Snapshot{snap}); err != nil {
		t.Fatal(err)
	}
}
