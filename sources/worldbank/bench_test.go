package worldbank

import (
	"bytes"
	"context"
	"testing"

	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// BenchmarkBulkCSV reads the real bulk CSV (266 countries and aggregates,
// 1960-2024) for the catalog's currencies.
func BenchmarkBulkCSV(b *testing.B) {
	body := realBody(b)
	x := mustOpen(b, source(b, "worldbank_fx", bulkURL, fxParams)) // once, as the catalog does
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		rows, err := x.Extract(context.Background(), snapshot.Snapshot{Name: realCSV}, bytes.NewReader(body))
		if err != nil || len(rows.FXRates) == 0 {
			b.Fatal(err)
		}
	}
}

// BenchmarkBulkZip reads the same CSV from a download ZIP.
func BenchmarkBulkZip(b *testing.B) {
	body := realZip(b)
	x := mustOpen(b, source(b, "worldbank_fx", bulkURL, fxParams)) // once, as the catalog does
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		rows, err := x.Extract(context.Background(), snapshot.Snapshot{Name: "PA.NUS.FCRF.zip"}, bytes.NewReader(body))
		if err != nil || len(rows.FXRates) == 0 {
			b.Fatal(err)
		}
	}
}
