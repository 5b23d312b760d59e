package datasets

import (
	"math"
	"reflect"
	"time"
)

// Cells reads one column of a fact table directly from its store, so a
// check over a million rows neither copies rows out nor reflects on
// them. Text is read by dictionary code: a check on text can decide once
// per distinct value (Code, Value, Codes) and then only look at codes.
// Rows are numbered from 0 within the table (or the slice of it).
type Cells struct {
	c      *column
	lo, hi int
}

// CellsOf returns the named column of t; ok is false when t has no such
// column. A fact table is read from its store; a small table's rows are
// put in columns once per Table value (Rows.Tables gives new ones), so
// every table is checked the same way.
func CellsOf(t Table, name string) (cells Cells, ok bool) {
	s, lo, hi := t.columns()
	if s == nil {
		return Cells{}, false
	}
	cols, err := columnsOf(t.Schema(), s)
	if err != nil {
		return Cells{}, false
	}
	for j, c := range t.Schema().Columns {
		if c.Name == name {
			return Cells{cols[j], lo, hi}, true
		}
	}
	return Cells{}, false
}

// columns is the store of x's rows and the rows of it x holds.
func (x facts[T]) columns() (*colStore, int, int) {
	if x.c.s == nil { // no row was ever added: empty columns
		return newStore[T](0).base(), 0, 0
	}
	return x.c.s.base(), x.lo, x.hi
}

// columns puts x's rows in columns, the first time it is called.
func (x sliceTable) columns() (*colStore, int, int) {
	x.cols.once.Do(func() {
		rc := newReflectCols(x.t.RowType(), x.rows.Len())
		for i := range x.rows.Len() {
			rc.push(x.rows.Index(i))
		}
		x.cols.s = rc.colStore
	})
	return x.cols.s, 0, x.rows.Len()
}

// Len is the number of rows.
func (x Cells) Len() int { return x.hi - x.lo }

// Null reports whether row i holds a nil pointer.
func (x Cells) Null(i int) bool { return x.c.null(x.lo + i) }

// Int is row i's integer (0 for a null).
func (x Cells) Int(i int) int64 { return int64(x.c.words[x.lo+i]) }

// Float is row i's number (0 for a null).
func (x Cells) Float(i int) float64 { return math.Float64frombits(x.c.words[x.lo+i]) }

// Time is row i's time.
func (x Cells) Time(i int) time.Time { return x.c.time(x.lo + i) }

// Text is row i's text.
func (x Cells) Text(i int) string { return x.c.txt.get(x.lo + i) }

// Code is the dictionary code of row i's text: rows with the same code
// hold the same text. Codes run from 0 to Codes()-1.
func (x Cells) Code(i int) uint32 { return x.c.txt.codeAt(x.lo + i) }

// Value is the text of code k.
func (x Cells) Value(k uint32) string { return x.c.txt.value(k) }

// Codes is the number of codes of a text column (some may be held by no
// row any more).
func (x Cells) Codes() int { return len(x.c.txt.spans) }

// Row returns a copy of row i of t as an addressable struct value of the
// table's row type (for reporting on a row a column check found).
func Row(t Table, i int) reflect.Value {
	var out reflect.Value
	Each(t.Slice(i, i+1), func(_ int, row reflect.Value) error {
		out = reflect.New(row.Type()).Elem()
		out.Set(row)
		return nil
	})
	return out
}
