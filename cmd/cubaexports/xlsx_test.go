package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cubaexports/cubaexports/schemas"
)

// workbookFrom writes the synthetic CSV sheets as one workbook, with
// numbers as number cells and a README sheet, as a researcher would.
func workbookFrom(t *testing.T, dir, path string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "README"); err != nil {
		t.Fatal(err)
	}
	f.SetCellValue("README", "A1", "SYNTHETIC workbook built from testdata/synthetic_curated")
	for _, table := range []string{"sources", "revenue", "contract_rates", "worker_counts"} {
		fh, err := os.Open(filepath.Join(dir, table+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(fh).ReadAll()
		fh.Close()
		if err != nil {
			t.Fatal(err)
		}
		tb, _ := schemas.ByName(table)
		if _, err := f.NewSheet(table); err != nil {
			t.Fatal(err)
		}
		for i, rec := range recs {
			row := make([]any, len(rec))
			for j, v := range rec {
				row[j] = v
				if c, ok := tb.Column(recs[0][j]); ok && i > 0 && v != "" && (c.Type == schemas.Number || c.Type == schemas.Integer) {
					n, err := strconv.ParseFloat(v, 64)
					if err != nil {
						t.Fatal(err)
					}
					row[j] = n
				}
			}
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := f.SetSheetRow(table, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// The same sheets as a workbook give the same release rows as the CSV
// files, except for snapshot_sha256, which names the different bytes read.
func TestWorkbookGivesTheSameRows(t *testing.T) {
	root, _ := filepath.Abs("../../testdata/synthetic_curated")
	dir := t.TempDir()
	workbookFrom(t, root, filepath.Join(dir, "observations.xlsx"))
	os.WriteFile(filepath.Join(dir, "book.yaml"), []byte("sources:\n  curated:\n    url: ./observations.xlsx\n    retrieved: \"2026-01-02\"\n"), 0o644)
	os.CopyFS(filepath.Join(dir, "sheets"), os.DirFS(root))
	os.WriteFile(filepath.Join(dir, "csv.yaml"), []byte("sources:\n  curated:\n    url: ./sheets/\n    retrieved: \"2026-01-02\"\n"), 0o644)
	must(t, cli(t, dir, "release", "--config", "book.yaml", "--out", "book"), 0)
	must(t, cli(t, dir, "release", "--config", "csv.yaml", "--out", "csv"), 0)
	for _, table := range []string{"revenue", "contract_rates", "worker_counts", "sources"} {
		a := readCSV(t, filepath.Join(dir, "book", "releases", "v1.0.0", "data", table+".csv"))
		b := readCSV(t, filepath.Join(dir, "csv", "releases", "v1.0.0", "data", table+".csv"))
		if len(a) < 2 || !reflect.DeepEqual(a, b) {
			t.Errorf("%s differs between workbook and CSV:\n%v\n%v", table, a, b)
		}
	}
}

func readCSV(t *testing.T, p string) [][]string {
	t.Helper()
	fh, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	recs, err := csv.NewReader(fh).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for j, h := range recs[0] {
		if h == "snapshot_sha256" && recs[0][0] == "obs_id" { // fact tables; sources rows keep no snapshot yet
			for _, r := range recs[1:] {
				if len(r[j]) != 64 {
					t.Errorf("%s: snapshot_sha256 %q", p, r[j])
				}
				r[j] = ""
			}
		}
	}
	return recs
}
