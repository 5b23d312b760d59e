package citations

import (
	"context"
	"log/slog"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// A figure stated on the second page of a stored text document is found
// there; a figure the document does not state is reported missing; a
// source_id with no stored document is counted, not searched; the page
// found is set on the row, and only on it.
func TestSearchAndPages(t *testing.T) {
	fsys := fstest.MapFS{"doc.txt": {Data: []byte("Nothing to see on the first page.\fIn 2022 health services brought in US$ 6.4 billion.\n")}}
	doc, err := snapshot.FileDocument(fsys, "doc.txt", "s1", "file://doc.txt", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	v, miss, other := 6.4e9, 999.0, 5.0
	row := func(id, src string, val *float64) schemas.Revenue {
		return schemas.Revenue{ObsID: id, Value: val, Provenance: schemas.Provenance{SourceID: src, Extractor: "curated@1", Locator: "p",
			At: schemas.Origin{File: "revenue.csv", Row: len(id)}}}
	}
	rows := datasets.Rows{Revenue: datasets.Of(row("found", "s1", &v), row("missing", "s1", &miss), row("nodoc", "s2", &other))}
	cites := func(extractor string) bool { return extractor == "curated@1" }
	docsOf := func(_ context.Context, id string) ([]snapshot.Document, error) {
		if id == "s1" {
			return []snapshot.Document{doc}, nil
		}
		return nil, nil
	}
	rep, err := Search(context.Background(), rows, cites, docsOf, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Checked) != 2 || !rep.Checked[0].Found || rep.Checked[0].Page != 2 || rep.Checked[1].Found {
		t.Fatalf("checked %+v, want the 6.4 billion found on page 2 and 999 not found", rep.Checked)
	}
	if m := rep.Missing(); len(m) != 1 || m[0].ObsID != "missing" {
		t.Errorf("missing %+v", m)
	}
	if rep.NoSnapshot["s2"] != 1 {
		t.Errorf("rows without a stored document: %v", rep.NoSnapshot)
	}
	pages, err := Pages(context.Background(), rep)
	if err != nil {
		t.Fatal(err)
	}
	SetPages(&rows, pages)
	for i, want := range []int64{2, 0, 0} {
		r := rows.Revenue.At(i)
		if got := r.Page; (want == 0) != (got == nil) || (got != nil && *got != want) {
			t.Errorf("row %s page %v, want %d", r.ObsID, got, want)
		}
	}
}
