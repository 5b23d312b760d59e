package datasets

import (
	"fmt"
	"io"
	"iter"
	"reflect"
	"sync"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/memory"

	"github.com/cubaexports/cubaexports/schemas"
)

// Table is the rows of one published table with the operations every
// writer and reader needs, whatever the row type. Only this package
// implements it (rowsValue is unexported), so Each and RowsOf know every
// Table there is.
type Table interface {
	Schema() *schemas.Table
	Len() int
	// WriteCSV writes the rows as the table's CSV file.
	WriteCSV(w io.Writer) error
	// Record builds the rows as one Arrow record; the caller releases it.
	Record(mem memory.Allocator) (arrow.Record, error)
	// Cells is the rows as the writers of schemas read them, a column at
	// a time (CSVWriter, Table.BuildColumn); different columns may be
	// read at the same time.
	Cells() (schemas.Cells, error)
	// Slice is rows [i, j) of the table, sharing its rows (writers build
	// a large table's Arrow records a row group at a time).
	Slice(i, j int) Table
	// each calls fn with every row in order (see Each).
	each(fn func(i int, row reflect.Value) error) error
	// rowsValue is every row, as a slice of the row type (see RowsOf).
	rowsValue() reflect.Value
	// columns is the store holding the rows and the rows [lo, hi) of it
	// the table is (see CellsOf).
	columns() (s *colStore, lo, hi int)
}

// sliceTable is a table held as a slice of its rows (an addressable
// reflect.Value of type []T).
type sliceTable struct {
	t    *schemas.Table
	rows reflect.Value
	cols *lazyColumns
}

// lazyColumns is a small table's rows put in columns when first read by
// column.
type lazyColumns struct {
	once sync.Once
	s    *colStore
}

func newSliceTable(t *schemas.Table, rows reflect.Value) sliceTable {
	return sliceTable{t, rows, new(lazyColumns)}
}

func (x sliceTable) Schema() *schemas.Table     { return x.t }
func (x sliceTable) Len() int                   { return x.rows.Len() }
func (x sliceTable) WriteCSV(w io.Writer) error { return x.t.WriteCSVOf(w, x.rows.Interface()) }
func (x sliceTable) Record(mem memory.Allocator) (arrow.Record, error) {
	return x.t.RecordOf(mem, x.rows.Interface())
}
func (x sliceTable) Cells() (schemas.Cells, error) { return x.t.RowCells(x.rows.Interface()) }
func (x sliceTable) Slice(i, j int) Table          { return newSliceTable(x.t, x.rows.Slice3(i, j, j)) }
func (x sliceTable) rowsValue() reflect.Value      { return x.rows }

func (x sliceTable) each(fn func(int, reflect.Value) error) error {
	for i := range x.rows.Len() {
		if err := fn(i, x.rows.Index(i)); err != nil {
			return err
		}
	}
	return nil
}

// facts is rows [lo, hi) of a fact table held in Columns. Its writers
// copy the rows out a batch at a time, so a large table is never held
// twice.
type facts[T any] struct {
	t      *schemas.Table
	c      Columns[T]
	lo, hi int
}

// batch is how many rows a fact table's writers copy out at a time.
const batch = 4096

func (x facts[T]) Schema() *schemas.Table     { return x.t }
func (x facts[T]) Len() int                   { return x.hi - x.lo }
func (x facts[T]) WriteCSV(w io.Writer) error { return writeCSV(w, x.t, x.c.base(), x.lo, x.hi) }
func (x facts[T]) Record(mem memory.Allocator) (arrow.Record, error) {
	return record(mem, x.t, x.c.base(), x.lo, x.hi)
}
func (x facts[T]) Cells() (schemas.Cells, error) { return cellsOf(x.t, x.c.base(), x.lo, x.hi) }
func (x facts[T]) Slice(i, j int) Table {
	if i < 0 || j < i || x.lo+j > x.hi {
		panic(fmt.Sprintf("datasets: slice [%d:%d] of %d rows", i, j, x.Len()))
	}
	return facts[T]{x.t, x.c, x.lo + i, x.lo + j}
}
func (x facts[T]) rowsValue() reflect.Value { return reflect.ValueOf(x.c.rowsIn(x.lo, x.hi, nil)) }

// all yields the rows with their index in x, copied out a batch at a time.
func (x facts[T]) all() iter.Seq2[int, T] {
	return func(yield func(int, T) bool) {
		var buf []T
		for lo := x.lo; lo < x.hi; lo += batch {
			buf = x.c.rowsIn(lo, min(lo+batch, x.hi), buf)
			for k, r := range buf {
				if !yield(lo-x.lo+k, r) {
					return
				}
			}
		}
	}
}

func (x facts[T]) each(fn func(int, reflect.Value) error) error {
	cur := new(T)
	row := reflect.ValueOf(cur).Elem()
	for i, r := range x.all() {
		*cur = r
		if err := fn(i, row); err != nil {
			return err
		}
	}
	return nil
}

// Each calls fn with every row of t, in order, as an addressable struct
// value of the table's row type (valid only during the call); it stops at
// fn's first error. A fact table's rows are copied out a batch at a time.
func Each(t Table, fn func(i int, row reflect.Value) error) error { return t.each(fn) }

// RowsOf returns the rows of a Table as a reflect.Value of a slice of the
// table's row structs, for checks that go column by column.
func RowsOf(t Table) reflect.Value { return t.rowsValue() }

// Tables returns the tables of r in release order (the order of schemas.All).
func (r *Rows) Tables() []Table {
	var ts []Table
	r.each(func(_ *schemas.Table, h holder) { ts = append(ts, h.view()) })
	return ts
}

// ReadCSV reads a published CSV file of the named table back into rows.
func ReadCSV(name string, r io.Reader) (Table, error) {
	t, ok := schemas.ByName(name)
	if !ok {
		return nil, fmt.Errorf("no published table %q", name)
	}
	rows, err := t.ReadCSVOf(r)
	if err != nil {
		return nil, err
	}
	return sliceOf(t, rows), nil
}

// FromRecords reads Arrow records of the named table (e.g. the record
// batches of a Parquet file) back into rows.
func FromRecords(name string, recs []arrow.Record) (Table, error) {
	t, ok := schemas.ByName(name)
	if !ok {
		return nil, fmt.Errorf("no published table %q", name)
	}
	all := reflect.MakeSlice(reflect.SliceOf(t.RowType()), 0, 0)
	for _, rec := range recs {
		rows, err := t.RowsOf(rec)
		if err != nil {
			return nil, err
		}
		all = reflect.AppendSlice(all, reflect.ValueOf(rows))
	}
	return sliceOf(t, all.Interface()), nil
}

// sliceOf is a table of rows (a slice of t's row type), addressable.
func sliceOf(t *schemas.Table, rows any) Table {
	v := reflect.New(reflect.TypeOf(rows)).Elem()
	v.Set(reflect.ValueOf(rows))
	return newSliceTable(t, v)
}
