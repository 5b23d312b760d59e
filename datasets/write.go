package datasets

import (
	"fmt"
	"io"
	"math"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/memory"

	"github.com/cubaexports/cubaexports/schemas"
)

// A fact table is written by the writers of schemas (CSVWriter,
// BuildRecord), reading its columns directly as schemas.Cells: no row is
// copied out, and the bytes are those of the same rows held as structs
// (TestWritersMatchSchemas).

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

// colCells is rows [lo, hi) of a store as schemas.Cells.
type colCells struct {
	cols   []*column
	lo, hi int
}

// cellsOf returns rows [lo, hi) of s (nil when no row was ever added)
// as the table's Cells.
func cellsOf(t *schemas.Table, s *colStore, lo, hi int) (schemas.Cells, error) {
	if s == nil {
		return colCells{}, nil
	}
	cols, err := columnsOf(t, s)
	if err != nil {
		return nil, err
	}
	return colCells{cols, lo, hi}, nil
}

func (x colCells) Len() int { return x.hi - x.lo }

func (x colCells) Read(j, lo, n int, b *schemas.Block) {
	c := x.cols[j]
	lo += x.lo
	b.Null = schemas.Sized(b.Null, n)
	if c.valid == nil {
		clear(b.Null)
	} else {
		for i := range b.Null {
			b.Null[i] = !c.isValid(lo + i)
		}
	}
	switch c.f.kind {
	case kString:
		b.Text = schemas.Sized(b.Text, n)
		c.txt.values(lo, b.Text)
	case kInt, kInt64, kPtrInt64:
		b.Int = schemas.Sized(b.Int, n)
		for i, v := range c.words[lo : lo+n] {
			b.Int[i] = int64(v)
		}
	case kFloat64, kPtrFloat64:
		b.Float = schemas.Sized(b.Float, n)
		for i, v := range c.words[lo : lo+n] {
			b.Float[i] = math.Float64frombits(v)
		}
	case kBool, kPtrBool:
		b.Bool = schemas.Sized(b.Bool, n)
		for i, v := range c.words[lo : lo+n] {
			b.Bool[i] = v != 0
		}
	case kTime, kPtrTime:
		b.Time = schemas.Sized(b.Time, n)
		for i := range b.Time {
			b.Time[i] = c.time(lo + i)
		}
	}
}

// writeCSV writes rows [lo, hi) of s as the table's CSV file.
func writeCSV(w io.Writer, t *schemas.Table, s *colStore, lo, hi int) error {
	c, err := cellsOf(t, s, lo, hi)
	if err != nil {
		return err
	}
	return t.WriteCells(w, c)
}

// record builds rows [lo, hi) of s as one Arrow record of the table.
func record(mem memory.Allocator, t *schemas.Table, s *colStore, lo, hi int) (arrow.Record, error) {
	c, err := cellsOf(t, s, lo, hi)
	if err != nil {
		return nil, err
	}
	return t.BuildRecord(mem, c)
}

// null reports whether row i of a pointer column is nil.
func (c *column) null(i int) bool { return c.valid != nil && !c.isValid(i) }
