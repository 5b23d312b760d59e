package curated

import (
	"bytes"
	"context"
	"errors"
	"os"
	"testing"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/pipeline/snapshot"
	"github.com/cubaexports/cubaexports/sources"
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
		rows, err := Extractor{}.Extract(context.Background(), sources.Source{ID: "c"},
			snapshot.Snapshot{Name: "revenue.csv"}, bytes.NewReader(body))
		if err != nil {
			var le *datasets.LocatedError
			if !errors.As(err, &le) || le.At.File != "revenue.csv" || le.At.Row < 1 {
				t.Fatalf("error without a place: %v", err)
			}
			return
		}
		lines := bytes.Count(body, []byte("\n")) + 1
		for _, r := range rows.Revenue {
			if r.At.Row < 2 || r.At.Row > lines {
				t.Fatalf("row origin %d outside 2..%d", r.At.Row, lines)
			}
		}
	})
}
