package datasets

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"

	"github.com/cubaexports/cubaexports/schemas"
)

// The CSV and Arrow writers of a fact table read its columns directly,
// without copying rows out: in the scale benchmark (1,000,000 contract
// rates) copying each row out and reading its cells by reflection took
// about 2.7 s for the CSV and 2.2 s for the Arrow records. They write the
// same bytes as schemas.WriteCSV and the same records as schemas.Record
// (TestWritersMatchSchemas holds them equal on random rows).

// columnsOf returns, for each of the table's columns, the stored column
// of its field.
func columnsOf(t *schemas.Table, s *colStore) ([]*column, error) {
	out := make([]*column, len(t.Columns))
	for j, c := range t.Columns {
		for k := range s.cols {
			if s.cols[k].f.csv == c.Name {
				out[j] = &s.cols[k]
			}
		}
		if out[j] == nil {
			return nil, fmt.Errorf("table %s: column %s has no stored field", t.Name, c.Name)
		}
	}
	return out, nil
}

// writeCSV writes rows [lo, hi) of s as the table's CSV file.
func writeCSV(w io.Writer, t *schemas.Table, s *colStore, lo, hi int) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(t.Header()); err != nil {
		return err
	}
	if s == nil || lo == hi {
		cw.Flush()
		return cw.Error()
	}
	cols, err := columnsOf(t, s)
	if err != nil {
		return err
	}
	rec := make([]string, len(cols))
	ends := make([]int, len(cols))  // end of each non-text cell in text
	round := make([]int, len(cols)) // decimals of a rounded column (schemas' precision.go), or -1
	for j, c := range t.Columns {
		if round[j] = -1; c.Type == schemas.Number {
			if d, ok := t.Decimals(c.Name); ok {
				round[j] = d
			}
		}
	}
	var text []byte
	for i := lo; i < hi; i++ {
		text = text[:0]
		for j, c := range cols {
			if c.f.kind == kString {
				rec[j], ends[j] = schemas.EscapeCell(c.txt.get(i)), -1
				continue
			}
			n := len(text)
			if round[j] >= 0 && (c.f.kind == kFloat64 || c.isValid(i)) {
				text = schemas.AppendRounded(text, math.Float64frombits(c.words[i]), round[j])
			} else {
				text = c.appendText(text, i)
			}
			ends[j] = len(text)
			if len(text) == n {
				rec[j], ends[j] = "", -1
			}
		}
		schemas.CutCells(rec, text, ends)
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// appendText appends row i's value as gocsv writes it (integers in
// decimal, numbers in their shortest exact form without exponent,
// booleans as true or false, times as time.Time.MarshalText); a null
// appends nothing.
func (c *column) appendText(dst []byte, i int) []byte {
	switch c.f.kind {
	case kPtrInt64, kPtrFloat64, kPtrBool:
		if !c.isValid(i) {
			return dst
		}
	}
	w := c.words[i]
	switch c.f.kind {
	case kInt, kInt64, kPtrInt64:
		return strconv.AppendInt(dst, int64(w), 10)
	case kFloat64, kPtrFloat64:
		return strconv.AppendFloat(dst, math.Float64frombits(w), 'f', -1, 64)
	case kBool, kPtrBool:
		return strconv.AppendBool(dst, w != 0)
	case kTime:
		b, err := c.time(i).AppendText(dst)
		if err != nil { // a year outside 0-9999: gocsv writes the error text
			return append(dst, err.Error()...)
		}
		return b
	}
	return dst
}

// record builds rows [lo, hi) of s as one Arrow record of the table.
func record(mem memory.Allocator, t *schemas.Table, s *colStore, lo, hi int) (arrow.Record, error) {
	b := array.NewRecordBuilder(mem, t.ArrowSchema())
	defer b.Release()
	if s == nil || lo == hi {
		return b.NewRecord(), nil
	}
	cols, err := columnsOf(t, s)
	if err != nil {
		return nil, err
	}
	n := hi - lo
	b.Reserve(n)
	for j, c := range cols {
		nullable := t.Columns[j].Nullable
		switch fb := b.Field(j).(type) {
		case *array.StringBuilder:
			size := 0
			for i := lo; i < hi; i++ {
				size += len(c.txt.get(i))
			}
			fb.ReserveData(size)
			for i := lo; i < hi; i++ {
				if v := c.txt.get(i); v != "" || !nullable {
					fb.Append(v)
				} else {
					fb.AppendNull()
				}
			}
		case *array.Int64Builder:
			for i := lo; i < hi; i++ {
				if c.null(i) {
					fb.AppendNull()
				} else {
					fb.UnsafeAppend(int64(c.words[i]))
				}
			}
		case *array.Float64Builder:
			for i := lo; i < hi; i++ {
				if c.null(i) {
					fb.AppendNull()
				} else {
					fb.UnsafeAppend(math.Float64frombits(c.words[i]))
				}
			}
		case *array.BooleanBuilder:
			for i := lo; i < hi; i++ {
				if c.null(i) {
					fb.AppendNull()
				} else {
					fb.UnsafeAppend(c.words[i] != 0)
				}
			}
		case *array.TimestampBuilder:
			for i := lo; i < hi; i++ {
				fb.UnsafeAppend(arrow.Timestamp(int64(c.words[i])))
			}
		default:
			return nil, fmt.Errorf("table %s: column %s: no writer for Arrow type %s", t.Name, t.Columns[j].Name, fb.Type())
		}
	}
	return b.NewRecord(), nil
}

// null reports whether row i of a pointer column is nil.
func (c *column) null(i int) bool { return c.valid != nil && !c.isValid(i) }
