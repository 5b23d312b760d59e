package schemas

import (
	"reflect"
	"time"
)

// access reads the columns of a table's rows held as structs (RowCells).
// It is compiled once per write from the row struct's reflection (each
// column's field index, kind and nullability, as encoding/json caches its
// field encoders), so a cell is read without reflect.Value.Interface and
// its allocation. A column added to a row struct is read with no change
// here.
type access []cellAccess

// cellKind is how a column's Go value is read.
type cellKind uint8

const (
	cellString cellKind = iota
	cellInt
	cellFloat
	cellBool
	cellTime
)

// cellAccess reads one column.
type cellAccess struct {
	index    []int // field index path in the row struct
	kind     cellKind
	pointer  bool // a *T field: nil is null
	nullable bool // a text column whose empty value is null in Arrow
}

// access compiles the readers of t's columns.
func (t *Table) access() access {
	a := make(access, len(t.Columns))
	for j, c := range t.Columns {
		ft := t.rowType.FieldByIndex(c.index).Type
		ca := cellAccess{index: c.index, pointer: ft.Kind() == reflect.Pointer, nullable: c.Nullable}
		switch c.Type {
		case Integer:
			ca.kind = cellInt
		case Number:
			ca.kind = cellFloat
		case Boolean:
			ca.kind = cellBool
		case Timestamp:
			ca.kind = cellTime
		default:
			ca.kind = cellString
		}
		a[j] = ca
	}
	return a
}

// value returns the column's value in row (an addressable struct of the
// table's row type), dereferenced; ok is false for a nil pointer.
func (c *cellAccess) value(row reflect.Value) (v reflect.Value, ok bool) {
	if len(c.index) == 1 {
		v = row.Field(c.index[0])
	} else {
		v = row.FieldByIndex(c.index)
	}
	if c.pointer {
		if v.IsNil() {
			return v, false
		}
		v = v.Elem()
	}
	return v, true
}

// timeOf reads a time.Time value without copying it into an interface.
func timeOf(v reflect.Value) time.Time { return *v.Addr().Interface().(*time.Time) }
