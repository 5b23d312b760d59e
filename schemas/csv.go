package schemas

import (
	"encoding/csv"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

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
// It writes the bytes encoding/csv's Writer writes (comma-separated, LF
// line ends; appendCSVField), appending every cell of a row to one
// buffer that goes to w when it is full, where encoding/csv would take a
// record of strings and copy it through a buffer of its own.
type CSVWriter struct {
	t      *Table
	w      io.Writer
	header bool
	rows   int     // rows written, for messages
	buf    []byte  // the CSV text not yet written to w
	round  []int   // decimals of each column's CSV text, or -1 (see precision.go)
	blocks []Block // the rows being written, a column each
}

// csvFlush is how much CSV text CSVWriter gathers before writing it.
const csvFlush = 64 << 10

// NewCSVWriter returns a writer of the table's CSV file to w.
func (t *Table) NewCSVWriter(w io.Writer) *CSVWriter {
	round := make([]int, len(t.Columns))
	for j, c := range t.Columns {
		round[j] = -1
		if d, ok := t.Decimals(c.Name); ok {
			round[j] = d
		}
	}
	return &CSVWriter{t: t, w: w, buf: make([]byte, 0, csvFlush+4096), round: round}
}

// csvBlock is how many rows CSVWriter.Write reads a column at a time.
const csvBlock = 1024

// Write writes the rows of c: text escaped (EscapeCell), integers in
// decimal, numbers in their shortest exact form without exponent (or
// rounded to their column's precision), booleans as true or false, times
// as time.Time.MarshalText gives them, nulls as empty cells.
func (x *CSVWriter) Write(c Cells) error {
	x.writeHeader()
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
			if len(x.buf) >= csvFlush {
				if err := x.flush(); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// writeRow appends row i of the blocks read. Numbers, booleans and times
// never hold a comma, quote, line break or leading space, so only text
// cells can need quotes.
func (x *CSVWriter) writeRow(i int) error {
	x.rows++
	b := x.buf
	for j, col := range x.t.Columns {
		if j > 0 {
			b = append(b, ',')
		}
		k := &x.blocks[j]
		if k.Null[i] {
			continue
		}
		var err error
		switch col.Type {
		case Integer:
			b = strconv.AppendInt(b, k.Int[i], 10)
		case Number:
			if d := x.round[j]; d >= 0 {
				b = AppendRounded(b, k.Float[i], d)
			} else {
				b = strconv.AppendFloat(b, k.Float[i], 'f', -1, 64)
			}
		case Boolean:
			b = strconv.AppendBool(b, k.Bool[i])
		case Timestamp:
			b, err = k.Time[i].AppendText(b)
		default:
			b = appendCSVField(b, EscapeCell(k.Text[i]))
		}
		if err != nil {
			return fmt.Errorf("table %s: row %d: column %s: %w", x.t.Name, x.rows, col.Name, err)
		}
	}
	x.buf = append(b, '\n')
	return nil
}

func (x *CSVWriter) writeHeader() {
	if x.header {
		return
	}
	x.header = true
	for j, name := range x.t.Header() {
		if j > 0 {
			x.buf = append(x.buf, ',')
		}
		x.buf = appendCSVField(x.buf, name)
	}
	x.buf = append(x.buf, '\n')
}

// flush writes the gathered text to w.
func (x *CSVWriter) flush() error {
	_, err := x.w.Write(x.buf)
	x.buf = x.buf[:0]
	return err
}

// Close writes the header if no record was written, and whatever text
// is still gathered.
func (x *CSVWriter) Close() error {
	x.writeHeader()
	return x.flush()
}

// csvSpecial marks the bytes that make encoding/csv quote a field.
var csvSpecial = [256]bool{',': true, '"': true, '\r': true, '\n': true}

// appendCSVField appends field as encoding/csv's Writer (Comma ',',
// UseCRLF false) writes it: in quotes, its quotes doubled, when it holds
// a comma, quote, CR or LF, starts with a space (unicode.IsSpace) or is
// \. (which PostgreSQL reads as the end of data); as it is otherwise.
// FuzzAppendCSVField holds the two equal.
func appendCSVField(b []byte, field string) []byte {
	if !csvNeedsQuotes(field) {
		return append(b, field...)
	}
	b = append(b, '"')
	for {
		i := strings.IndexByte(field, '"')
		if i < 0 {
			break
		}
		b = append(b, field[:i+1]...)
		b = append(b, '"')
		field = field[i+1:]
	}
	b = append(b, field...)
	return append(b, '"')
}

func csvNeedsQuotes(field string) bool {
	if field == "" {
		return false
	}
	if field == `\.` {
		return true
	}
	for i := 0; i < len(field); i++ {
		if csvSpecial[field[i]] {
			return true
		}
	}
	if c := field[0]; c < utf8.RuneSelf {
		return c == ' ' || c == '\t' || c == '\v' || c == '\f' // CR and LF were found above
	}
	r, _ := utf8.DecodeRuneInString(field)
	return unicode.IsSpace(r)
}

// slice checks that rows is a slice of the table's row type.
func (t *Table) slice(rows any) (reflect.Value, error) {
	v := reflect.ValueOf(rows)
	if v.Kind() != reflect.Slice || v.Type().Elem() != t.rowType {
		return v, fmt.Errorf("table %s: rows are %T, want []%s", t.Name, rows, t.rowType)
	}
	return v, nil
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
