package schemas

import (
	"encoding/csv"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strconv"

	"github.com/gocarina/gocsv"
)

// WriteCSV writes rows of the table's row type as RFC 4180 CSV with the
// table's header. Numbers are written in their shortest exact form
// without exponent, derived columns rounded to their declared precision
// (precision.go); times in RFC 3339 UTC; nulls as empty. Text cells
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
	return t.WriteCSVOf(w, rows)
}

// WriteCSVOf is WriteCSV for rows given as any slice of the table's row
// type, for code that handles every table without knowing its row type.
func (t *Table) WriteCSVOf(w io.Writer, rows any) error {
	c, err := t.RowCells(rows)
	if err != nil {
		return err
	}
	return t.WriteCells(w, c)
}

// WriteCells writes the rows of c as the table's CSV file.
func (t *Table) WriteCells(w io.Writer, c Cells) error {
	cw := t.NewCSVWriter(w)
	if err := cw.Write(c); err != nil {
		return err
	}
	return cw.Close()
}

// CSVWriter writes a table's CSV file: the header first, then the rows of
// each Cells written, in order. It is the one way a table becomes CSV.
type CSVWriter struct {
	t      *Table
	cw     *csv.Writer
	header bool
	rows   int // rows written, for messages
	rec    []string
	ends   []int // end of each non-text cell in text
	text   []byte
	round  []int   // decimals of each column's CSV text, or -1 (see precision.go)
	blocks []Block // the rows being written, a column each
}

// NewCSVWriter returns a writer of the table's CSV file to w.
func (t *Table) NewCSVWriter(w io.Writer) *CSVWriter {
	round := make([]int, len(t.Columns))
	for j, c := range t.Columns {
		round[j] = -1
		if d, ok := t.Decimals(c.Name); ok {
			round[j] = d
		}
	}
	return &CSVWriter{t: t, cw: csv.NewWriter(w), rec: make([]string, len(t.Columns)), ends: make([]int, len(t.Columns)), round: round}
}

// csvBlock is how many rows CSVWriter.Write reads a column at a time.
const csvBlock = 1024

// Write writes the rows of c: text escaped (EscapeCell), integers in
// decimal, numbers in their shortest exact form without exponent (or
// rounded to their column's precision), booleans as true or false, times
// as time.Time.MarshalText gives them, nulls as empty cells.
func (x *CSVWriter) Write(c Cells) error {
	if err := x.writeHeader(); err != nil {
		return err
	}
	if x.blocks == nil {
		x.blocks = make([]Block, len(x.t.Columns))
	}
	for lo := 0; lo < c.Len(); lo += csvBlock {
		n := min(csvBlock, c.Len()-lo)
		for j := range x.blocks {
			c.Read(j, lo, n, &x.blocks[j])
		}
		for i := range n {
			if err := x.writeRow(i); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeRow writes row i of the blocks read.
func (x *CSVWriter) writeRow(i int) error {
	x.rows++
	x.text = x.text[:0]
	for j, col := range x.t.Columns {
		b := &x.blocks[j]
		if b.Null[i] {
			x.rec[j], x.ends[j] = "", -1
			continue
		}
		var err error
		switch col.Type {
		case Integer:
			x.text = strconv.AppendInt(x.text, b.Int[i], 10)
		case Number:
			if d := x.round[j]; d >= 0 {
				x.text = AppendRounded(x.text, b.Float[i], d)
			} else {
				x.text = strconv.AppendFloat(x.text, b.Float[i], 'f', -1, 64)
			}
		case Boolean:
			x.text = strconv.AppendBool(x.text, b.Bool[i])
		case Timestamp:
			x.text, err = b.Time[i].AppendText(x.text)
		default:
			x.rec[j], x.ends[j] = EscapeCell(b.Text[i]), -1
			continue
		}
		if err != nil {
			return fmt.Errorf("table %s: row %d: column %s: %w", x.t.Name, x.rows, col.Name, err)
		}
		x.ends[j] = len(x.text)
	}
	CutCells(x.rec, x.text, x.ends)
	return x.cw.Write(x.rec)
}

func (x *CSVWriter) writeHeader() error {
	if x.header {
		return nil
	}
	x.header = true
	return x.cw.Write(x.t.Header())
}

// Close writes the header if no record was written, and flushes.
func (x *CSVWriter) Close() error {
	if err := x.writeHeader(); err != nil {
		return err
	}
	x.cw.Flush()
	return x.cw.Error()
}

// slice checks that rows is a slice of the table's row type.
func (t *Table) slice(rows any) (reflect.Value, error) {
	v := reflect.ValueOf(rows)
	if v.Kind() != reflect.Slice || v.Type().Elem() != t.rowType {
		return v, fmt.Errorf("table %s: rows are %T, want []%s", t.Name, rows, t.rowType)
	}
	return v, nil
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
	return typedRows[T](t, func() (any, error) { return t.ReadCSVOf(r) })
}

// ReadCSVOf is ReadCSV for code that does not know the table's row type:
// it returns a slice of the row type.
func (t *Table) ReadCSVOf(r io.Reader) (any, error) {
	cr := csv.NewReader(r)
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("table %s: reading header: %w", t.Name, err)
	}
	if want := t.Header(); !equalStrings(head, want) {
		return nil, fmt.Errorf("table %s: header %v, want %v", t.Name, head, want)
	}
	rows := reflect.New(reflect.SliceOf(t.rowType))
	if err := gocsv.UnmarshalCSV(&prepended{first: head, r: cr}, rows.Interface()); err != nil && err != gocsv.ErrEmptyCSVFile {
		return nil, fmt.Errorf("table %s: %w", t.Name, err)
	}
	unescapeRows(t, rows.Elem())
	return rows.Elem().Interface(), nil
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

// unescapeRows undoes EscapeCell in every text cell of rows (a slice of
// the table's row type that the caller owns).
func unescapeRows(t *Table, rows reflect.Value) {
	for _, c := range t.Columns {
		if c.Type != String {
			continue
		}
		for i := range rows.Len() {
			v := c.Field(rows.Index(i))
			if v.Kind() == reflect.String {
				if g := UnescapeCell(v.String()); g != v.String() {
					v.SetString(g)
				}
			}
		}
	}
}
