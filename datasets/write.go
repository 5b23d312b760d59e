package datasets

import (
	"fmt"
	"io"
	"time"

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

func (x colCells) Len() int                { return x.hi - x.lo }
func (x colCells) Null(j, i int) bool      { return x.cols[j].null(x.lo + i) }
func (x colCells) Text(j, i int) string    { return x.cols[j].text(x.lo + i) }
func (x colCells) Int(j, i int) int64      { return x.cols[j].int(x.lo + i) }
func (x colCells) Float(j, i int) float64  { return x.cols[j].float(x.lo + i) }
func (x colCells) Bool(j, i int) bool      { return x.cols[j].bool(x.lo + i) }
func (x colCells) Time(j, i int) time.Time { return x.cols[j].time(x.lo + i) }

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
