package curated

import (
	"bytes"
	"context"
	"errors"
	"os"
	"testing"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// FuzzCSV feeds arbitrary bytes to the curated CSV reader: it must never
// panic, every error must name its place (a LocatedError), and every row it
// returns must have an origin inside the input.
func FuzzCSV(f *testing.F) {
	seed, err := os.ReadFile("testdata/synthetic_revenue.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte("year\n1\n"))
	f.Add([]byte("\"unterminated\n"))
	f.Fuzz(func(t *testing.T, body []byte) {
		rows, err := Extract(context.Background(), snapshot.Snapshot{Name: "revenue.csv"}, bytes.NewReader(body))
		if err != nil {
			var le *datasets.LocatedError
			if !errors.As(err, &le) || le.At.File != "revenue.csv" || le.At.Row < 1 {
				t.Fatalf("error without a place: %v", err)
			}
			return
		}
		lines := bytes.Count(body, []byte("\n")) + 1
		for _, r := range rows.Revenue.All() {
			if r.At.Row < 2 || r.At.Row > lines {
				t.Fatalf("row origin %d outside 2..%d", r.At.Row, lines)
			}
		}
	})
}

// FuzzWorkbook feeds arbitrary bytes to the workbook reader (seeded with a
// real synthetic workbook): it must never panic, and a workbook it accepts
// gives rows whose origins name a sheet and a row.
func FuzzWorkbook(f *testing.F) {
	f.Add(workbookSeed(f))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, body []byte) {
		rows, err := Extract(context.Background(), snapshot.Snapshot{Name: "book.xlsx"}, bytes.NewReader(body))
		if err != nil {
			return
		}
		for _, r := range rows.Revenue.All() {
			if r.At.Sheet == "" || r.At.Row < 2 {
				t.Fatalf("row origin %+v", r.At)
			}
		}
	})
}

func workbookSeed(tb testing.TB) []byte {
	return workbook(tb, [][]any{
		{2022, "", "", "health_services_exports", "WLD", 1.5, nil, nil, "exact", "USD", "official_statistic", "reported", "", "SYNTHETIC", "synthetic_a", "p. 1"},
	})
}
