package release

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/pipeline/release/cite"
	"github.com/cubaexports/cubaexports/schemas"
)

// maxColWidth caps a column's width, in characters.
const maxColWidth = 60

// writeTableSheet writes one table as a sheet named after it: a frozen,
// filtered header row and one row per table row.
func writeTableSheet(f *excelize.File, t datasets.Table, st workbookStyles) error {
	s := t.Schema()
	if _, err := f.NewSheet(s.Name); err != nil {
		return err
	}
	last, err := excelize.CoordinatesToCellName(len(s.Columns), max(t.Len()+1, 2))
	if err != nil {
		return err
	}
	// Set before the stream writer reads the sheet, so it writes it out.
	if err := f.AutoFilter(s.Name, "A1:"+last, nil); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(s.Name)
	if err != nil {
		return err
	}
	widths, err := columnWidths(t)
	if err != nil {
		return err
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	head := make([]any, len(s.Columns))
	for i, c := range s.Columns {
		head[i] = excelize.Cell{StyleID: st.header, Value: c.Name}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	err = datasets.Each(t, func(r int, row reflect.Value) error {
		vals := make([]any, len(s.Columns))
		for i, c := range s.Columns {
			vals[i] = cellValue(c, c.Field(row), st) // a copy: row is valid only during the call
		}
		cell, _ := excelize.CoordinatesToCellName(1, r+2)
		return sw.SetRow(cell, vals)
	})
	if err != nil {
		return err
	}
	return sw.Flush()
}

// columnWidths sizes each column of t to its longest cell (header
// included), between 8 and maxColWidth characters. It reads the rows one
// at a time (a fact table is not copied out whole).
func columnWidths(t datasets.Table) ([]float64, error) {
	cols := t.Schema().Columns
	ns := make([]int, len(cols))
	for i, c := range cols {
		ns[i] = len(c.Name) + 2
	}
	err := datasets.Each(t, func(_ int, row reflect.Value) error {
		for i, c := range cols {
			ns[i] = max(ns[i], utf8.RuneCountInString(cellText(c, c.Field(row)))+1)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	ws := make([]float64, len(cols))
	for i, n := range ns {
		ws[i] = float64(min(max(n, 8), maxColWidth))
	}
	return ws, nil
}

// cellText is how long a cell reads, roughly as displayed.
func cellText(c schemas.Column, v reflect.Value) string {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return ""
		}
		v = v.Elem()
	}
	switch {
	case c.Type == schemas.Timestamp:
		return "yyyy-mm-dd hh:mm:ss"
	case v.Kind() == reflect.String:
		return v.String()
	case v.Kind() == reflect.Int64:
		return strconv.FormatInt(v.Int(), 10)
	case v.Kind() == reflect.Float64:
		return strconv.FormatFloat(v.Float(), 'g', -1, 64) // as fmt's %v
	}
	return fmt.Sprint(v.Interface())
}

// writeReadmeSheet writes the README sheet: what the workbook is, the
// citation, the license, then the codebook (every column of every table).
func writeReadmeSheet(f *excelize.File, tables []datasets.Table, c cite.Citation, st workbookStyles) error {
	sw, err := f.NewStreamWriter("README")
	if err != nil {
		return err
	}
	if err := sw.SetColWidth(1, 1, 28); err != nil {
		return err
	}
	if err := sw.SetColWidth(2, 7, 40); err != nil {
		return err
	}
	var lines [][]any
	text := func(vals ...string) {
		row := make([]any, len(vals))
		for i, v := range vals {
			row[i] = excelize.Cell{Value: v}
		}
		lines = append(lines, row)
	}
	bold := func(vals ...string) {
		row := make([]any, len(vals))
		for i, v := range vals {
			row[i] = excelize.Cell{StyleID: st.header, Value: v}
		}
		lines = append(lines, row)
	}
	bold(c.Title + " " + c.Version)
	text("Released", c.Date.Format("2006-01-02"))
	text("Cite as", c.APA())
	text("License", strings.TrimSpace(c.License.Title+" ("+c.License.ID+") "+c.License.URL))
	text("Contents", "One sheet per table, the same rows as the CSV and Parquet files of this release. "+
		"Numbers, integers, booleans and times are typed cells; dates given as text (e.g. 2019-12) stay text.")
	text("Text cells", "Text is stored as text and never evaluated: a cell such as =1+1 is the literal text. "+
		"In the CSV files such text carries a leading quote; see below.")
	text("CSV formula safety", schemas.FormulaNote)
	for _, t := range tables {
		s := t.Schema()
		text()
		bold(s.Name, s.Title)
		text("", s.Doc)
		bold("column", "type", "required", "unit", "vocabulary", "description")
		for _, col := range s.Columns {
			req := "yes"
			if col.Nullable {
				req = "no"
			}
			text(col.Name, string(col.Type), req, col.Unit, col.Vocab, col.Doc)
		}
	}
	for i, l := range lines {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, l); err != nil {
			return err
		}
	}
	return sw.Flush()
}
