package datasets

import (
	"fmt"
	"io"
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
		typed[schemas.Revenue]{table(schemas.RevenueName), r.Revenue},
		typed[schemas.ContractRate]{table(schemas.ContractRatesName), r.ContractRates},
		typed[schemas.WorkerCount]{table(schemas.WorkerCountsName), r.WorkerCounts},
		typed[schemas.Source]{table(schemas.SourcesName), r.Sources},
		typed[schemas.FXRate]{table(schemas.FXRatesName), r.FXRates},
	}
}

// ReadCSV reads a published CSV file of the named table back into rows.
func ReadCSV(name string, r io.Reader) (Table, error) {
	switch name {
	case schemas.RevenueName:
		return readCSV[schemas.Revenue](name, r)
	case schemas.ContractRatesName:
		return readCSV[schemas.ContractRate](name, r)
	case schemas.WorkerCountsName:
		return readCSV[schemas.WorkerCount](name, r)
	case schemas.SourcesName:
		return readCSV[schemas.Source](name, r)
	case schemas.FXRatesName:
		return readCSV[schemas.FXRate](name, r)
	}
	return nil, fmt.Errorf("no published table %q", name)
}

func readCSV[T any](name string, r io.Reader) (Table, error) {
	t := table(name)
	rows, err := schemas.ReadCSV[T](r, t)
	if err != nil {
		return nil, err
	}
	return typed[T]{t, rows}, nil
}

// FromRecords reads Arrow records of the named table (e.g. the record
// batches of a Parquet file) back into rows.
func FromRecords(name string, recs []arrow.Record) (Table, error) {
	switch name {
	case schemas.RevenueName:
		return fromRecords[schemas.Revenue](name, recs)
	case schemas.ContractRatesName:
		return fromRecords[schemas.ContractRate](name, recs)
	case schemas.WorkerCountsName:
		return fromRecords[schemas.WorkerCount](name, recs)
	case schemas.SourcesName:
		return fromRecords[schemas.Source](name, recs)
	case schemas.FXRatesName:
		return fromRecords[schemas.FXRate](name, recs)
	}
	return nil, fmt.Errorf("no published table %q", name)
}

func fromRecords[T any](name string, recs []arrow.Record) (Table, error) {
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
