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

// CellsOf returns the named column of t, when t holds its rows by column
// (the fact tables of Rows.Tables); ok is false otherwise.
func CellsOf(t Table, name string) (cells Cells, ok bool) {
	if x, is := t.(interface{ cells(string) (Cells, bool) }); is {
		return x.cells(name)
	}
	return Cells{}, false
}

func (x facts[T]) cells(name string) (Cells, bool) {
	if x.c.s == nil {
		return Cells{}, false
	}
	cols, err := columnsOf(x.t, x.c.s.base())
	if err != nil {
		return Cells{}, false
	}
	for j, c := range x.t.Columns {
		if c.Name == name {
			return Cells{cols[j], x.lo, x.hi}, true
		}
	}
	return Cells{}, false
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
func (x Cells) Codes() int { return len(x.c.txt.vals) }

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
