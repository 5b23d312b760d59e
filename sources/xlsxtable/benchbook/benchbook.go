// Package benchbook writes the synthetic workbook the xlsxtable benchmarks
// read, and gives its layout map, so the Go benchmark and the comparison
// with pandas (testdata/bench/xlsxbench) measure the same thing. Every
// value in it is made up and says SYNTHETIC.
package benchbook

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/cubaexports/cubaexports/sources"
)

// MappedRows is how many revenue rows Source's map extracts from a
// workbook of at least 100 body rows: 99 mapped labels x 9 years.
const MappedRows = 891

// Write writes an ONEI-style table of rows body rows and cols columns (a
// label and cols-1 years) with excelize's StreamWriter: title, units
// line, CONCEPTO header, "Partida 0000001" labels, made-up numbers (n,5),
// and a Fuente footer. The stream writer stores text as inline strings.
func Write(path string, rows, cols int) error {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	set := func(row int, values []any) {
		if err == nil {
			cell, _ := excelize.CoordinatesToCellName(1, row)
			err = sw.SetRow(cell, values)
		}
	}
	table(set, rows, cols)
	if err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(path)
}

// WriteShared writes the same table as Write with the text in the shared
// strings part, as a spreadsheet program saves it (Excel and LibreOffice
// do; so the ONEI workbooks are). It builds the sheet in memory, so its
// memory grows with the table (a measurement is in
// docs/yearbook-layouts.md).
func WriteShared(path string, rows, cols int) error {
	f := excelize.NewFile()
	defer f.Close()
	var err error
	set := func(row int, values []any) {
		if err == nil {
			cell, _ := excelize.CoordinatesToCellName(1, row)
			err = f.SetSheetRow("Sheet1", cell, &values)
		}
	}
	table(set, rows, cols)
	if err != nil {
		return err
	}
	return f.SaveAs(path)
}

// table sets the rows of the benchmark table.
func table(set func(row int, values []any), rows, cols int) {
	set(1, []any{"B.1 - Tabla SYNTHETIC para pruebas de rendimiento"})
	set(2, []any{"Miles de pesos"})
	head := []any{"CONCEPTO"}
	for c := 1; c < cols; c++ {
		head = append(head, 2000+c)
	}
	set(3, head)
	row := make([]any, cols)
	for i := range rows {
		row[0] = fmt.Sprintf("Partida %07d", i+1)
		for c := 1; c < cols; c++ {
			row[c] = float64(i%10000*10+c) + 0.5
		}
		set(i+4, row)
	}
	set(rows+4, []any{"Fuente: SYNTHETIC benchmark workbook."})
}

// Source is the catalog entry that reads Write's table: the first 99
// labels are mapped and the rest are ignored rows (every cell is still
// read and parsed); maxRows 0 keeps the kind's default limit. The
// xlsxtable kind must be registered (import it).
func Source(maxRows int) (sources.Entry, error) {
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
	cat, err := sources.DecodeCatalog("bench.yaml", strings.NewReader(yaml))
	if err != nil {
		return sources.Entry{}, err
	}
	return cat.Entries[0], nil
}
