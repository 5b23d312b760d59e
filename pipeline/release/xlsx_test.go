package release

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/schemas"

	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/xuri/excelize/v2"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/pipeline/release/cite"
)

// hostileInput is the synthetic input with text a spreadsheet would
// evaluate.
func hostileInput() Input {
	in := syntheticInput()
	editRow(in.Rows.Revenue, 0, func(r *schemas.Revenue) { r.Note = "=1+1" })
	editRow(in.Rows.Revenue, 1, func(r *schemas.Revenue) { r.Note = `=HYPERLINK("http://evil.example","click")` })
	editRow(in.Rows.Revenue, 2, func(r *schemas.Revenue) { r.Note = "-5 pesos" })
	editRow(in.Rows.WorkerCounts, 0, func(r *schemas.WorkerCount) { r.Note = "@SUM(A1:A2)" })
	return in
}

// The workbook has typed cells, text that is never a formula, a frozen
// and filtered header row, and a README sheet.
func TestWorkbookCells(t *testing.T) {
	out := t.TempDir()
	mustBuild(t, out, hostileInput())
	f, err := excelize.OpenFile(filepath.Join(releasesDir(out), "v1.0.0", "cubaexports-v1.0.0.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 1+len(schemas.All()) || got[0] != "README" || got[1] != "revenue" {
		t.Errorf("sheets %q", got)
	}
	rows, err := f.GetRows("revenue")
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	cell := func(name string, row int) string {
		c, _ := excelize.CoordinatesToCellName(col[name]+1, row)
		return c
	}
	notes := map[string]bool{}
	for r := 2; r <= len(rows); r++ {
		c := cell("note", r)
		v, _ := f.GetCellValue("revenue", c)
		notes[v] = true
		if formula, _ := f.GetCellFormula("revenue", c); formula != "" {
			t.Errorf("%s is a formula %q", c, formula)
		}
		if typ, _ := f.GetCellType("revenue", c); typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
			t.Errorf("note %s has cell type %v, want a string", c, typ)
		}
	}
	for _, want := range []string{"=1+1", `=HYPERLINK("http://evil.example","click")`, "-5 pesos"} {
		if !notes[want] {
			t.Errorf("no note %q, notes %v", want, notes)
		}
	}
	for _, tc := range []struct {
		column string
		want   excelize.CellType
	}{
		{"year", excelize.CellTypeNumber}, {"retrieved_at", excelize.CellTypeNumber}, {"obs_id", excelize.CellTypeInlineString},
	} {
		typ, _ := f.GetCellType("revenue", cell(tc.column, 2))
		ok := typ == tc.want || tc.want == excelize.CellTypeInlineString && typ == excelize.CellTypeSharedString ||
			tc.want == excelize.CellTypeNumber && typ == excelize.CellTypeUnset // a number cell has no t attribute
		if !ok {
			t.Errorf("%s: cell type %v, want %v", tc.column, typ, tc.want)
		}
	}
	if v, _ := f.GetCellValue("revenue", cell("retrieved_at", 2)); v != "2026-11-20 09:30:00" {
		t.Errorf("retrieved_at shows %q, want a date-time", v)
	}
	if v, _ := f.GetCellValue("revenue", cell("preferred", 2)); v != "TRUE" && v != "FALSE" && v != "" {
		t.Errorf("preferred shows %q, want a boolean", v)
	}
	panes, err := f.GetPanes("revenue")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes %+v (%v), want the header row frozen", panes, err)
	}
	if w, _ := f.GetColWidth("revenue", "A"); w < 8 {
		t.Errorf("column A width %v", w)
	}
	names := f.GetDefinedName()
	if len(names) != len(schemas.All()) {
		t.Errorf("defined names %+v, want an autofilter per table", names)
	}
	readme, _ := f.GetRows("README")
	if len(readme) < 20 || readme[2][0] != "Cite as" || readme[3][0] != "License" {
		t.Errorf("README sheet starts %q", readme[:min(len(readme), 5)])
	}
	props, err := f.GetDocProps()
	if err != nil || props.Created != "2026-12-01T00:00:00Z" || props.Modified != props.Created {
		t.Errorf("document properties %+v (%v)", props, err)
	}
}

// Text a spreadsheet would evaluate is escaped in the CSV file, original
// in the Parquet file, and the release verifies.
func TestHostileTextVerifies(t *testing.T) {
	out := t.TempDir()
	res := mustBuild(t, out, hostileInput())
	csv := string(readFile(t, filepath.Join(res.Dir, "data", "revenue.csv")))
	for _, want := range []string{",'=1+1,", `"'=HYPERLINK(""http://evil.example"",""click"")"`, ",'-5 pesos,"} {
		if !strings.Contains(csv, want) {
			t.Errorf("revenue.csv lacks %s", want)
		}
	}
	rows, err := readParquet(context.Background(), filepath.Join(res.Dir, "data", "revenue.parquet"), "revenue", memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	notes := map[string]bool{}
	v := datasets.RowsOf(rows)
	for i := range v.Len() {
		notes[v.Index(i).FieldByName("Note").String()] = true
	}
	if !notes["=1+1"] || !notes["-5 pesos"] {
		t.Errorf("Parquet notes %v, want the original text", notes)
	}
	if err := Verify(context.Background(), out, ""); err != nil {
		t.Error(err)
	}
}

// Two workbooks of the same tables are byte-identical (excelize writes
// streamed sheets in map order; writeWorkbook sorts the archive).
func TestWorkbookDeterministic(t *testing.T) {
	in := hostileInput()
	rows := sortedCopy(in.Rows)
	c := cite.Of(in.Meta, "v1.0.0", in.Date)
	var first []byte
	for i := range 5 {
		var b bytes.Buffer
		if err := writeWorkbook(context.Background(), &b, rows.Tables(), c, ""); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = b.Bytes()
		} else if !bytes.Equal(b.Bytes(), first) {
			t.Fatalf("build %d differs from the first", i+1)
		}
	}
}
