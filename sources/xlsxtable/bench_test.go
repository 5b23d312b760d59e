package xlsxtable

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/cubaexports/cubaexports/sources/xlsxtable/benchbook"
)

// BenchmarkExtract200k extracts a 200,000-row by 10-column workbook.
// XLSXTABLE_BENCH_ROWS changes the row count (e.g. 1000000 to measure the
// peak RSS with /usr/bin/time -v).
func BenchmarkExtract200k(b *testing.B) {
	n := 200_000
	if s := os.Getenv("XLSXTABLE_BENCH_ROWS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	p := filepath.Join(b.TempDir(), "big.xlsx")
	if err := benchbook.Write(p, n, 10); err != nil {
		b.Fatal(err)
	}
	body, err := os.ReadFile(p)
	if err != nil {
		b.Fatal(err)
	}
	src, err := benchbook.Source(n + 1)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rows, err := extract(b, src, "big.xlsx", body)
		if err != nil {
			b.Fatal(err)
		}
		if rows.Revenue.Len() != benchbook.MappedRows {
			b.Fatalf("%d rows, want %d", rows.Revenue.Len(), benchbook.MappedRows)
		}
	}
}
