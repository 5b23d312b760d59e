package xlsxtable

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cubaexports/cubaexports/sources"
)

// writeBig writes a synthetic ONEI-style table of rows body rows and cols
// columns (a label and cols-1 years) with excelize's StreamWriter: title,
// units line, CONCEPTO header, "Partida 0000001" labels, made-up numbers
// (n,5), and a Fuente footer.
func writeBig(tb testing.TB, path string, rows, cols int) {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		tb.Fatal(err)
	}
	must := func(err error) {
		if err != nil {
			tb.Fatal(err)
		}
	}
	must(sw.SetRow("A1", []any{"B.1 - Tabla SYNTHETIC para pruebas de rendimiento"}))
	must(sw.SetRow("A2", []any{"Miles de pesos"}))
	head := []any{"CONCEPTO"}
	for c := 1; c < cols; c++ {
		head = append(head, 2000+c)
	}
	must(sw.SetRow("A3", head))
	row := make([]any, cols)
	for i := range rows {
		row[0] = fmt.Sprintf("Partida %07d", i+1)
		for c := 1; c < cols; c++ {
			row[c] = float64(i%10000*10+c) + 0.5
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+4)
		must(sw.SetRow(cell, row))
	}
	cell, _ := excelize.CoordinatesToCellName(1, rows+4)
	must(sw.SetRow(cell, []any{"Fuente: SYNTHETIC benchmark workbook."}))
	must(sw.Flush())
	must(f.SaveAs(path))
}

// benchSource maps the first 100 rows of writeBig's table and reads the
// rest as ignored rows (every cell is still read and parsed); maxRows 0
// keeps the default limit.
func benchSource(tb testing.TB, maxRows int) sources.Source {
	tb.Helper()
	yaml := `sources:
  - id: synthetic_bench
    kind: xlsxtable
    title: SYNTHETIC benchmark table
    url: ./big.xlsx
    params:
      table: revenue
      editions:
        - edition: SYNTHETIC
          sheet_index: 1
          units: Miles de pesos
          header: {match: "^concepto$"}
          years: columns
          label_column: A
          currency: CUP
          series:
            - {pattern: "^partida 00000\\d\\d$", concept: services_exports_total}
          ignore: ["^partida \\d+$"]
`
	if maxRows > 0 {
		yaml += "          max_rows: " + strconv.Itoa(maxRows) + "\n"
	}
	cat, err := sources.DecodeCatalog("bench.yaml", bytes.NewReader([]byte(yaml)))
	if err != nil {
		tb.Fatal(err)
	}
	return cat.Sources[0]
}

// BenchmarkExtract200k extracts a 200,000-row by 10-column workbook.
// XLSXTABLE_BENCH_ROWS changes the row count (e.g. 1000000 to measure the
// peak RSS with /usr/bin/time -v).
func BenchmarkExtract200k(b *testing.B) {
	n := 200_000
	if s := os.Getenv("XLSXTABLE_BENCH_ROWS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	p := filepath.Join(b.TempDir(), "big.xlsx")
	writeBig(b, p, n, 10)
	body, err := os.ReadFile(p)
	if err != nil {
		b.Fatal(err)
	}
	src := benchSource(b, n+1)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rows, err := extract(b, src, "big.xlsx", body)
		if err != nil {
			b.Fatal(err)
		}
		if len(rows.Revenue) != 891 {
			b.Fatalf("%d rows, want 891", len(rows.Revenue))
		}
	}
}
