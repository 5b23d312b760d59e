package schemas

import (
	"encoding/csv"
	"fmt"
	"io"
	"iter"
	"reflect"
	"slices"
	"sort"

	"github.com/gocarina/gocsv"
)

// WriteCSV writes rows of the table's row type as RFC 4180 CSV with the
// table's header. Numbers are written in their shortest exact form
// without exponent; times in RFC 3339 UTC; nulls as empty. Text cells
// that a spreadsheet would evaluate are escaped with EscapeCell (see
// FormulaNote); ReadCSV undoes it.
//
// The cells are read through the table's compiled column access and
// written with encoding/csv, in the text gocsv's marshaller gives (a test
// holds the bytes equal to gocsv's). gocsv is not used for writing: its
// reflection (an interface value and a string per cell) costs more than
// the rest of the writer (docs/architecture.md, "Measurements behind the
// code"). gocsv still reads every CSV.
func WriteCSV[T any](w io.Writer, t *Table, rows []T) error {
	return WriteCSVRows(w, t, slices.All(rows))
}

// WriteCSVRows is WriteCSV for rows that come one at a time, such as a
// column store's copies of its rows.
func WriteCSVRows[T any](w io.Writer, t *Table, rows iter.Seq2[int, T]) error {
	if rt := reflect.TypeFor[T](); rt != t.rowType {
		return fmt.Errorf("table %s: rows are %s, want %s", t.Name, rt, t.rowType)
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(t.Header()); err != nil {
		return err
	}
	acc := t.access()
	rec := make([]string, len(acc))
	ends := make([]int, len(acc)) // end of each non-text cell in text
	var text []byte
	cur := new(T)
	row := reflect.ValueOf(cur).Elem()
	for i, r := range rows {
		*cur = r
		text = text[:0]
		for j := range acc {
			c := &acc[j]
			v, ok := c.value(row)
			switch {
			case !ok:
				rec[j], ends[j] = "", -1
			case c.kind == cellString:
				rec[j], ends[j] = EscapeCell(v.String()), -1
			default:
				var err error
				if text, err = c.appendText(text, v); err != nil {
					return fmt.Errorf("table %s: row %d: column %s: %w", t.Name, i+1, t.Columns[j].Name, err)
				}
				ends[j] = len(text)
			}
		}
		CutCells(rec, text, ends)
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// CutCells sets the cells of a CSV record that were appended to text one
// after another: rec[j] becomes the text between the previous cell's end
// and ends[j], for every j whose ends[j] is not negative (the others keep
// their value). The row's numbers, booleans and times are so cut from one
// string, one allocation a row instead of one a cell.
func CutCells(rec []string, text []byte, ends []int) {
	all, start := string(text), 0
	for j, end := range ends {
		if end >= 0 {
			rec[j], start = all[start:end], end
		}
	}
}

// ReadCSV reads a CSV file written by WriteCSV back into rows, removing
// the quote EscapeCell added to text cells. The header must be exactly the
// table's header.
func ReadCSV[T any](r io.Reader, t *Table) ([]T, error) {
	cr := csv.NewReader(r)
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("table %s: reading header: %w", t.Name, err)
	}
	if want := t.Header(); !equalStrings(head, want) {
		return nil, fmt.Errorf("table %s: header %v, want %v", t.Name, head, want)
	}
	var rows []T
	if err := gocsv.UnmarshalCSV(&prepended{first: head, r: cr}, &rows); err != nil && err != gocsv.ErrEmptyCSVFile {
		return nil, fmt.Errorf("table %s: %w", t.Name, err)
	}
	return mapText(t, rows, UnescapeCell), nil
}

// prepended gives back a record already read before the rest of a reader.
type prepended struct {
	first []string
	r     gocsv.CSVReader
}

func (p *prepended) Read() ([]string, error) {
	if p.first != nil {
		f := p.first
		p.first = nil
		return f, nil
	}
	return p.r.Read()
}

func (p *prepended) ReadAll() ([][]string, error) {
	var all [][]string
	for {
		rec, err := p.Read()
		if err == io.EOF {
			return all, nil
		}
		if err != nil {
			return nil, err
		}
		all = append(all, rec)
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func sortedPairs(m map[string]string) (keys, vals []string) {
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		vals = append(vals, m[k])
	}
	return keys, vals
}
