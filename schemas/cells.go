package schemas

import (
	"fmt"
	"reflect"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
)

// Cells is the rows of a table as its writers read them: the value of
// column j (in the order of Table.Columns) in row i, for i from 0 to
// Len()-1. A getter is called only for a column of its type, and only
// where Null is false. Rows held as structs (RowCells) and datasets'
// column store both give Cells, so each output has one writer: the CSV
// (CSVWriter) and the Arrow record (BuildRecord) that Parquet is written
// from.
type Cells interface {
	Len() int
	// Null reports whether the cell is null: a nil pointer (text is never
	// null here; BuildRecord makes an empty text of a nullable column null).
	Null(j, i int) bool
	Text(j, i int) string
	Int(j, i int) int64
	Float(j, i int) float64
	Bool(j, i int) bool
	Time(j, i int) time.Time
}

// RowCells returns the Cells of rows, a slice of the table's row type,
// read through the table's compiled column access.
func (t *Table) RowCells(rows any) (Cells, error) {
	v, err := t.slice(rows)
	if err != nil {
		return nil, err
	}
	return &rowCells{acc: t.access(), rows: v, j: -1}, nil
}

// rowCells reads the cells of rows held as structs (a reflect.Value of a
// slice of the row type) through reflection: the small tables' path, and
// rows read back from Parquet (the fact tables are written from their
// columns). The cell last asked for is kept, so Null and the getter that
// follows it look the field up once.
type rowCells struct {
	acc  access
	rows reflect.Value
	j, i int // the cell in v, ok
	v    reflect.Value
	ok   bool
}

func (x *rowCells) Len() int { return x.rows.Len() }

func (x *rowCells) cell(j, i int) reflect.Value {
	if j != x.j || i != x.i {
		x.j, x.i = j, i
		x.v, x.ok = x.acc[j].value(x.rows.Index(i))
	}
	return x.v
}

func (x *rowCells) Null(j, i int) bool      { x.cell(j, i); return !x.ok }
func (x *rowCells) Text(j, i int) string    { return x.cell(j, i).String() }
func (x *rowCells) Int(j, i int) int64      { return x.cell(j, i).Int() }
func (x *rowCells) Float(j, i int) float64  { return x.cell(j, i).Float() }
func (x *rowCells) Bool(j, i int) bool      { return x.cell(j, i).Bool() }
func (x *rowCells) Time(j, i int) time.Time { return timeOf(x.cell(j, i)) }

// BuildRecord builds the rows of c as one Arrow record of the table's
// published schema (ArrowSchema), column by column; an empty text of a
// nullable column is null. The caller releases the record.
func (t *Table) BuildRecord(mem memory.Allocator, c Cells) (arrow.Record, error) {
	b := array.NewRecordBuilder(mem, t.ArrowSchema())
	defer b.Release()
	n := c.Len()
	b.Reserve(n)
	for j, col := range t.Columns {
		switch fb := b.Field(j).(type) {
		case *array.StringBuilder:
			size := 0
			for i := range n {
				if !c.Null(j, i) {
					size += len(c.Text(j, i))
				}
			}
			fb.ReserveData(size)
			for i := range n {
				if c.Null(j, i) {
					fb.AppendNull()
				} else if v := c.Text(j, i); v != "" || !col.Nullable {
					fb.Append(v)
				} else {
					fb.AppendNull()
				}
			}
		case *array.Int64Builder:
			appendCells(fb, c, j, c.Int)
		case *array.Float64Builder:
			appendCells(fb, c, j, c.Float)
		case *array.BooleanBuilder:
			appendCells(fb, c, j, c.Bool)
		case *array.TimestampBuilder:
			appendCells(fb, c, j, func(j, i int) arrow.Timestamp { return arrow.Timestamp(c.Time(j, i).Unix()) })
		default:
			return nil, fmt.Errorf("table %s: column %s: no builder for Arrow type %s", t.Name, col.Name, fb.Type())
		}
	}
	return b.NewRecord(), nil
}

// appendCells appends column j of c to b, a builder of fixed-width values
// with room for them (BuildRecord reserves it).
func appendCells[V any](b interface {
	AppendNull()
	UnsafeAppend(V)
}, c Cells, j int, get func(j, i int) V) {
	for i := range c.Len() {
		if c.Null(j, i) {
			b.AppendNull()
		} else {
			b.UnsafeAppend(get(j, i))
		}
	}
}
