package datasets

import (
	"fmt"
	"io"
	"iter"
	"reflect"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/memory"

	"github.com/cubaexports/cubaexports/schemas"
)

// Table is the rows of one published table with the operations every
// writer and reader needs, whatever the row type.
type Table interface {
	Schema() *schemas.Table
	Len() int
	// WriteCSV writes the rows as the table's CSV file.
	WriteCSV(w io.Writer) error
	// Record builds the rows as one Arrow record; the caller releases it.
	Record(mem memory.Allocator) (arrow.Record, error)
	// Slice is rows [i, j) of the table, sharing its rows (writers build
	// a large table's Arrow records a row group at a time).
	Slice(i, j int) Table
}

type typed[T any] struct {
	t    *schemas.Table
	rows []T
}

func (x typed[T]) Schema() *schemas.Table     { return x.t }
func (x typed[T]) Len() int                   { return len(x.rows) }
func (x typed[T]) WriteCSV(w io.Writer) error { return schemas.WriteCSV(w, x.t, x.rows) }
func (x typed[T]) Record(mem memory.Allocator) (arrow.Record, error) {
	return schemas.Record(mem, x.t, x.rows)
}
func (x typed[T]) Slice(i, j int) Table { return typed[T]{x.t, x.rows[i:j:j]} }

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
func (x facts[T]) WriteCSV(w io.Writer) error { return writeCSV(w, x.t, x.c.s, x.lo, x.hi) }
func (x facts[T]) Record(mem memory.Allocator) (arrow.Record, error) {
	return record(mem, x.t, x.c.s, x.lo, x.hi)
}
func (x facts[T]) Slice(i, j int) Table {
	if i < 0 || j < i || x.lo+j > x.hi {
		panic(fmt.Sprintf("datasets: slice [%d:%d] of %d rows", i, j, x.Len()))
	}
	return facts[T]{x.t, x.c, x.lo + i, x.lo + j}
}
func (x facts[T]) slice() any { return x.c.rowsIn(x.lo, x.hi, nil) }

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

// Each calls fn with every row of t, in order, as an addressable struct
// value of the table's row type (valid only during the call); it stops at
// fn's first error. A fact table's rows are copied out a batch at a time.
func Each(t Table, fn func(i int, row reflect.Value) error) error {
	if e, ok := t.(interface {
		each(func(int, reflect.Value) error) error
	}); ok {
		return e.each(fn)
	}
	return nil
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

func (x typed[T]) each(fn func(int, reflect.Value) error) error {
	for i := range x.rows {
		if err := fn(i, reflect.ValueOf(&x.rows[i]).Elem()); err != nil {
			return err
		}
	}
	return nil
}

func table(name string) *schemas.Table {
	t, ok := schemas.ByName(name)
	if !ok {
		panic("datasets: no table " + name)
	}
	return t
}

// Tables returns the tables of r in release order (the order of schemas.All).
func (r *Rows) Tables() []Table {
	return []Table{
		facts[schemas.Revenue]{table(schemas.RevenueName), r.Revenue, 0, r.Revenue.Len()},
		facts[schemas.ContractRate]{table(schemas.ContractRatesName), r.ContractRates, 0, r.ContractRates.Len()},
		facts[schemas.WorkerCount]{table(schemas.WorkerCountsName), r.WorkerCounts, 0, r.WorkerCounts.Len()},
		typed[schemas.Source]{table(schemas.SourcesName), r.Sources},
		typed[schemas.FXRate]{table(schemas.FXRatesName), r.FXRates},
		typed[schemas.CPI]{table(schemas.CPIName), r.CPI},
		typed[schemas.HostEstimate]{table(schemas.HostEstimatesName), r.HostEstimates},
	}
}

// codec reads one published table back, whatever its row type.
type codec struct {
	readCSV     func(r io.Reader) (Table, error)
	fromRecords func(recs []arrow.Record) (Table, error)
}

func codecFor[T any](name string) codec {
	return codec{
		readCSV: func(r io.Reader) (Table, error) {
			t := table(name)
			rows, err := schemas.ReadCSV[T](r, t)
			if err != nil {
				return nil, err
			}
			return typed[T]{t, rows}, nil
		},
		fromRecords: func(recs []arrow.Record) (Table, error) {
			t := table(name)
			var all []T
			for _, rec := range recs {
				rows, err := schemas.Rows[T](t, rec)
				if err != nil {
					return nil, err
				}
				all = append(all, rows...)
			}
			return typed[T]{t, all}, nil
		},
	}
}

func codecOf(name string) (codec, error) {
	switch name {
	case schemas.RevenueName:
		return codecFor[schemas.Revenue](name), nil
	case schemas.ContractRatesName:
		return codecFor[schemas.ContractRate](name), nil
	case schemas.WorkerCountsName:
		return codecFor[schemas.WorkerCount](name), nil
	case schemas.SourcesName:
		return codecFor[schemas.Source](name), nil
	case schemas.FXRatesName:
		return codecFor[schemas.FXRate](name), nil
	case schemas.CPIName:
		return codecFor[schemas.CPI](name), nil
	case schemas.HostEstimatesName:
		return codecFor[schemas.HostEstimate](name), nil
	}
	return codec{}, fmt.Errorf("no published table %q", name)
}

// ReadCSV reads a published CSV file of the named table back into rows.
func ReadCSV(name string, r io.Reader) (Table, error) {
	c, err := codecOf(name)
	if err != nil {
		return nil, err
	}
	return c.readCSV(r)
}

// FromRecords reads Arrow records of the named table (e.g. the record
// batches of a Parquet file) back into rows.
func FromRecords(name string, recs []arrow.Record) (Table, error) {
	c, err := codecOf(name)
	if err != nil {
		return nil, err
	}
	return c.fromRecords(recs)
}

// RowsOf returns the rows of a Table as a reflect.Value of a slice of the
// table's row structs, for checks that go column by column.
func RowsOf(t Table) reflect.Value {
	if s, ok := t.(interface{ slice() any }); ok {
		return reflect.ValueOf(s.slice())
	}
	return reflect.ValueOf([]struct{}{})
}

func (x typed[T]) slice() any { return x.rows }
