package schemas

import (
	"fmt"
	"math"
	"reflect"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/bitutil"
	"github.com/apache/arrow/go/v15/arrow/memory"
)

// Cells is the rows of a table as its writers read them: a column at a
// time, a block of consecutive rows at a time (Read), so that a writer
// makes one call per column and block, not one per cell, and its inner
// loops read plain slices. Rows held as structs (RowCells) and datasets'
// column store both give Cells, so each output has one writer: the CSV
// (CSVWriter) and the Arrow record (BuildRecord) that Parquet is written
// from.
type Cells interface {
	Len() int
	// Read sets b to column j (in the order of Table.Columns) of rows
	// [lo, lo+n): b.Null, and the slice of the column's type.
	Read(j, lo, n int, b *Block)
}

// Block is one column's values in n consecutive rows. Null[i] is true
// for a nil pointer (text is never null here; BuildRecord makes an empty
// text of a nullable column null); the slice of the column's type holds
// the values, a null's value being unspecified, and the other slices
// are left as they were. A Block is reused from read to read.
type Block struct {
	Null  []bool
	Text  []string
	Int   []int64
	Float []float64
	Bool  []bool
	Time  []time.Time
}

// Sized returns s with length n, reusing its array when it is large
// enough; the values are unspecified.
func Sized[V any](s []V, n int) []V {
	if cap(s) < n {
		return make([]V, n)
	}
	return s[:n]
}

// RowCells returns the Cells of rows, a slice of the table's row type,
// read through the table's compiled column access.
func (t *Table) RowCells(rows any) (Cells, error) {
	v, err := t.slice(rows)
	if err != nil {
		return nil, err
	}
	return &rowCells{acc: t.access(), rows: v}, nil
}

// rowCells reads the cells of rows held as structs (a reflect.Value of a
// slice of the row type) through reflection: the small tables' path, and
// rows read back from Parquet (the fact tables are written from their
// columns).
type rowCells struct {
	acc  access
	rows reflect.Value
}

func (x *rowCells) Len() int { return x.rows.Len() }

func (x *rowCells) Read(j, lo, n int, b *Block) {
	a := &x.acc[j]
	b.Null = Sized(b.Null, n)
	switch a.kind {
	case cellString:
		b.Text = Sized(b.Text, n)
	case cellInt:
		b.Int = Sized(b.Int, n)
	case cellFloat:
		b.Float = Sized(b.Float, n)
	case cellBool:
		b.Bool = Sized(b.Bool, n)
	case cellTime:
		b.Time = Sized(b.Time, n)
	}
	for i := range n {
		v, ok := a.value(x.rows.Index(lo + i))
		if b.Null[i] = !ok; !ok {
			continue
		}
		switch a.kind {
		case cellString:
			b.Text[i] = v.String()
		case cellInt:
			b.Int[i] = v.Int()
		case cellFloat:
			b.Float[i] = v.Float()
		case cellBool:
			b.Bool[i] = v.Bool()
		case cellTime:
			b.Time[i] = timeOf(v)
		}
	}
}

// BuildRecord builds the rows of c as one Arrow record of the table's
// published schema (ArrowSchema), column by column (BuildColumn). The
// caller releases the record.
func (t *Table) BuildRecord(mem memory.Allocator, c Cells) (arrow.Record, error) {
	if c.Len() == 0 {
		b := array.NewRecordBuilder(mem, t.ArrowSchema())
		defer b.Release()
		return b.NewRecord(), nil
	}
	cols := make([]arrow.Array, len(t.Columns))
	defer func() {
		for _, a := range cols {
			if a != nil {
				a.Release()
			}
		}
	}()
	var blk Block
	for j := range t.Columns {
		a, err := t.BuildColumn(mem, c, j, &blk)
		if err != nil {
			return nil, err
		}
		cols[j] = a
	}
	return array.NewRecord(t.ArrowSchema(), cols, int64(c.Len())), nil
}

// BuildColumn builds column j of the rows of c as an Arrow array of the
// column's published type; an empty text of a nullable column is null.
// blk is where the column is read into, reused from call to call. Calls
// for different columns may run at the same time, each with its own blk,
// when c's Read may. The caller releases the array.
func (t *Table) BuildColumn(mem memory.Allocator, c Cells, j int, blk *Block) (arrow.Array, error) {
	col := t.Columns[j]
	n := c.Len()
	c.Read(j, 0, n, blk)
	if col.Type == String {
		return buildText(col, blk)
	}
	b := array.NewBuilder(mem, col.Type.ArrowType())
	defer b.Release()
	b.Reserve(n)
	switch fb := b.(type) {
	case *array.Int64Builder:
		appendBlock(fb, blk.Null, blk.Int, func(v int64) int64 { return v })
	case *array.Float64Builder:
		appendBlock(fb, blk.Null, blk.Float, func(v float64) float64 { return v })
	case *array.BooleanBuilder:
		appendBlock(fb, blk.Null, blk.Bool, func(v bool) bool { return v })
	case *array.TimestampBuilder:
		appendBlock(fb, blk.Null, blk.Time, func(v time.Time) arrow.Timestamp { return arrow.Timestamp(v.Unix()) })
	default:
		return nil, fmt.Errorf("table %s: column %s: no builder for Arrow type %s", t.Name, col.Name, fb.Type())
	}
	return b.NewArray(), nil
}

// buildText is BuildColumn of a text column: the array's offsets,
// values and validity are laid out in one pass each, where a builder
// would append value by value, growing its buffers as it goes (the
// values are the ones StringBuilder gives; TestBuildTextMatchesBuilder).
// The buffers are Go memory, not the allocator's: the garbage collector
// frees them once the array and its readers are done.
func buildText(col Column, blk *Block) (arrow.Array, error) {
	n := len(blk.Text)
	offsets := make([]int32, n+1)
	var valid []byte
	nulls, size := 0, 0
	for i, v := range blk.Text {
		if blk.Null[i] || v == "" && col.Nullable {
			if valid == nil {
				valid = make([]byte, bitutil.BytesForBits(int64(n)))
				bitutil.SetBitsTo(valid, 0, int64(i), true)
			}
			nulls++
		} else {
			if valid != nil {
				bitutil.SetBit(valid, i)
			}
			size += len(v)
			if size > math.MaxInt32 {
				return nil, fmt.Errorf("column %s: over %d bytes of text in one row group", col.Name, math.MaxInt32)
			}
		}
		offsets[i+1] = int32(size)
	}
	data := make([]byte, 0, size)
	for i, v := range blk.Text {
		if offsets[i+1] > offsets[i] {
			data = append(data, v...)
		}
	}
	var validity *memory.Buffer
	if valid != nil {
		validity = memory.NewBufferBytes(valid)
	}
	d := array.NewData(arrow.BinaryTypes.String, n,
		[]*memory.Buffer{validity, memory.NewBufferBytes(arrow.Int32Traits.CastToBytes(offsets)), memory.NewBufferBytes(data)}, nil, nulls, 0)
	defer d.Release()
	return array.NewStringData(d), nil
}

// appendBlock appends a block's values (conv of each) to b, a builder of
// fixed-width values with room for them (BuildRecord reserves it).
func appendBlock[V, A any](b interface {
	AppendNull()
	UnsafeAppend(A)
}, null []bool, vals []V, conv func(V) A) {
	for i, v := range vals {
		if null[i] {
			b.AppendNull()
		} else {
			b.UnsafeAppend(conv(v))
		}
	}
}
