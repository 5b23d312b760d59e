package schemas

import (
	"fmt"
	"reflect"
	"sync"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
)

// The codec between a table's row structs and Arrow, both directions.
// Rows are encoded column by column into a record of the table's stored
// schema (StoredSchema): the published columns, with text
// dictionary-encoded (a record holds at most MaxBatchRows rows, so 16-bit
// codes always suffice), followed by the row's Origin (where it was read
// from: not published, but kept for error messages) when the row type has
// one. Published derives a record of the published schema (ArrowSchema)
// from a stored one; Decode reads either kind back into rows.
//
// Text decoded from a record refers to the record's buffers (Arrow's Go
// allocator keeps them alive as long as a string refers to them): rows
// that come from a record share their text with it, not copy it.

// cellTimeText is the kind of the stored column that keeps a time's
// exact text (MarshalText) when seconds in UTC do not say it all: a
// fraction of a second or another zone's offset; null otherwise.
const cellTimeText cellKind = 100

// MaxBatchRows is the most rows one record of a table holds (a Parquet
// row group is one record).
const MaxBatchRows = 64 * 1024

// Names of the stored columns that hold a row's Origin.
const (
	originFile  = "origin.file"
	originSheet = "origin.sheet"
	originRow   = "origin.row"

	timeTextSuffix = ".text" // the stored column of a time column's exact text
)

var dictType = &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Uint16, ValueType: arrow.BinaryTypes.String}

// codec is a table's compiled encoder and decoder.
type codec struct {
	cols   []codecCol
	stored *arrow.Schema
}

// codecCol is one stored column.
type codecCol struct {
	name     string
	index    []int // field index path in the row struct
	kind     cellKind
	pointer  bool // a *T field: nil is null
	nullable bool // a text column whose empty value is null
}

// field is the column's field in row (an addressable struct).
func (c *codecCol) field(row reflect.Value) reflect.Value {
	if len(c.index) == 1 {
		return row.Field(c.index[0])
	}
	return row.FieldByIndex(c.index)
}

var codecs sync.Map // *Table → *codec

// codec compiles (once) the table's codec.
func (t *Table) codec() *codec {
	if c, ok := codecs.Load(t); ok {
		return c.(*codec)
	}
	c := &codec{}
	acc := t.access()
	for j, col := range t.Columns {
		c.cols = append(c.cols, codecCol{name: col.Name, index: acc[j].index, kind: acc[j].kind,
			pointer: acc[j].pointer, nullable: acc[j].nullable})
	}
	fields := t.ArrowSchema().Fields()
	for j := range fields {
		if t.Columns[j].Type == String {
			fields[j].Type = dictType
		}
	}
	for j, col := range t.Columns {
		if col.Type == Timestamp {
			c.cols = append(c.cols, codecCol{name: col.Name + timeTextSuffix, index: acc[j].index, kind: cellTimeText,
				pointer: acc[j].pointer})
			fields = append(fields, arrow.Field{Name: col.Name + timeTextSuffix, Type: dictType, Nullable: true})
		}
	}
	if f, ok := findOrigin(t.rowType, nil); ok {
		for _, o := range []struct {
			name string
			sub  int
			kind cellKind
		}{{originFile, 0, cellString}, {originSheet, 1, cellString}, {originRow, 2, cellInt}} {
			c.cols = append(c.cols, codecCol{name: o.name, index: append(append([]int{}, f...), o.sub), kind: o.kind})
			ty := arrow.DataType(dictType)
			if o.kind == cellInt {
				ty = arrow.PrimitiveTypes.Int64
			}
			fields = append(fields, arrow.Field{Name: o.name, Type: ty})
		}
	}
	c.stored = arrow.NewSchema(fields, nil)
	v, _ := codecs.LoadOrStore(t, c)
	return v.(*codec)
}

// findOrigin is the index path of the Origin field of a row type (in the
// row or in a struct it embeds).
func findOrigin(rt reflect.Type, path []int) ([]int, bool) {
	for i := range rt.NumField() {
		f := rt.Field(i)
		idx := append(append([]int{}, path...), i)
		if f.Type == originType {
			return idx, true
		}
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			if p, ok := findOrigin(f.Type, idx); ok {
				return p, true
			}
		}
	}
	return nil, false
}

// StoredSchema is the schema of the records Encode builds.
func (t *Table) StoredSchema() *arrow.Schema { return t.codec().stored }

// Encode builds one record of the stored schema from rows, a slice of the
// table's row type of at most MaxBatchRows rows. When base is a record of
// the same number of rows (the rows as they were before an edit), each
// column whose every value is unchanged is base's column, shared, not
// built again. The caller releases the record.
func (t *Table) Encode(mem memory.Allocator, rows any, base arrow.Record) (arrow.Record, error) {
	v, err := t.slice(rows)
	if err != nil {
		return nil, err
	}
	n := v.Len()
	if n > MaxBatchRows {
		return nil, fmt.Errorf("table %s: %d rows in one record, at most %d", t.Name, n, MaxBatchRows)
	}
	if base != nil && (int(base.NumRows()) != n || !base.Schema().Equal(t.codec().stored)) {
		base = nil
	}
	c := t.codec()
	cols := make([]arrow.Array, len(c.cols))
	defer func() {
		for _, a := range cols {
			if a != nil {
				a.Release()
			}
		}
	}()
	for j := range c.cols {
		if base != nil && c.cols[j].same(base.Column(j), v) {
			cols[j] = base.Column(j)
			cols[j].Retain()
			continue
		}
		cols[j] = c.cols[j].build(mem, v)
	}
	return array.NewRecord(c.stored, cols, int64(n)), nil
}

// build encodes the column of rows.
func (c *codecCol) build(mem memory.Allocator, rows reflect.Value) arrow.Array {
	n := rows.Len()
	switch c.kind {
	case cellString, cellTimeText:
		b := array.NewDictionaryBuilder(mem, dictType).(*array.BinaryDictionaryBuilder)
		defer b.Release()
		b.Reserve(n)
		for i := range n {
			s, ok := c.text(rows.Index(i))
			if !ok {
				b.AppendNull()
			} else if err := b.AppendString(s); err != nil {
				panic(err) // only on more distinct values than uint16 codes: n <= MaxBatchRows rules that out
			}
		}
		return b.NewArray()
	}
	b := array.NewBuilder(mem, c.arrowType())
	defer b.Release()
	b.Reserve(n)
	for i := range n {
		f, ok := c.value(rows.Index(i))
		if !ok {
			b.AppendNull()
			continue
		}
		switch b := b.(type) {
		case *array.Int64Builder:
			b.UnsafeAppend(f.Int())
		case *array.Float64Builder:
			b.UnsafeAppend(f.Float())
		case *array.BooleanBuilder:
			b.UnsafeAppend(f.Bool())
		case *array.TimestampBuilder:
			b.UnsafeAppend(arrow.Timestamp(timeOf(f).Unix()))
		}
	}
	return b.NewArray()
}

// text is the text a text column stores for row; ok is false for a null.
func (c *codecCol) text(row reflect.Value) (s string, ok bool) {
	if c.kind == cellTimeText {
		f, ok := c.value(row)
		if !ok {
			return "", false
		}
		return exactTime(timeOf(f))
	}
	s = c.field(row).String()
	return s, s != "" || !c.nullable
}

// exactTime is t's text when seconds in UTC do not give it back.
func exactTime(t time.Time) (string, bool) {
	if _, off := t.Zone(); off == 0 && t.Nanosecond() == 0 {
		return "", false
	}
	b, err := t.MarshalText()
	if err != nil {
		return "", false
	}
	return string(b), true
}

// arrowType is the stored Arrow type of a column that is not text.
func (c *codecCol) arrowType() arrow.DataType {
	switch c.kind {
	case cellInt:
		return arrow.PrimitiveTypes.Int64
	case cellFloat:
		return arrow.PrimitiveTypes.Float64
	case cellBool:
		return arrow.FixedWidthTypes.Boolean
	}
	return timestampType
}

// value is the column's value in row, dereferenced; ok is false for a
// nil pointer.
func (c *codecCol) value(row reflect.Value) (reflect.Value, bool) {
	f := c.field(row)
	if c.pointer {
		if f.IsNil() {
			return f, false
		}
		f = f.Elem()
	}
	return f, true
}

// same reports whether every row's value of the column is the one a holds.
func (c *codecCol) same(a arrow.Array, rows reflect.Value) bool {
	for i := range rows.Len() {
		if c.kind == cellString || c.kind == cellTimeText {
			s, ok := c.text(rows.Index(i))
			d, isDict := a.(*array.Dictionary)
			if !isDict || ok == a.IsNull(i) || (ok && s != d.Dictionary().(*array.String).Value(d.GetValueIndex(i))) {
				return false
			}
			continue
		}
		f, ok := c.value(rows.Index(i))
		if ok == a.IsNull(i) {
			return false
		}
		if !ok {
			continue
		}
		switch a := a.(type) {
		case *array.Int64:
			if f.Int() != a.Value(i) {
				return false
			}
		case *array.Float64:
			if x := f.Float(); x != a.Value(i) || (x == 0 && (1/x > 0) != (1/a.Value(i) > 0)) {
				return false // -0 is not 0: it prints as -0
			}
		case *array.Boolean:
			if f.Bool() != a.Value(i) {
				return false
			}
		case *array.Timestamp:
			if timeOf(f).Unix() != int64(a.Value(i)) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// Published is the record of the published schema (ArrowSchema) with
// the rows of rec, a record of the stored schema: text as plain strings,
// no Origin. The caller releases it.
func (t *Table) Published(mem memory.Allocator, rec arrow.Record) arrow.Record {
	cols := make([]arrow.Array, len(t.Columns))
	for j := range cols {
		a := rec.Column(j)
		if d, ok := a.(*array.Dictionary); ok {
			cols[j] = plainStrings(mem, d)
		} else {
			cols[j] = a
			a.Retain()
		}
	}
	out := array.NewRecord(t.ArrowSchema(), cols, rec.NumRows())
	for _, a := range cols {
		a.Release()
	}
	return out
}

// plainStrings decodes a dictionary-encoded text column.
func plainStrings(mem memory.Allocator, d *array.Dictionary) arrow.Array {
	dict := d.Dictionary().(*array.String)
	codes := d.Indices().(*array.Uint16).Uint16Values()
	b := array.NewStringBuilder(mem)
	defer b.Release()
	b.Reserve(d.Len())
	size := 0
	for i, k := range codes {
		if d.IsValid(i) {
			size += dict.ValueLen(int(k))
		}
	}
	b.ReserveData(size)
	for i, k := range codes {
		if d.IsValid(i) {
			b.Append(dict.Value(int(k)))
		} else {
			b.AppendNull()
		}
	}
	return b.NewArray()
}

// Decode writes rows [lo, hi) of rec, a record of the stored or the
// published schema, into dst, a slice of the table's row type of length
// hi-lo; every field the record has a column for is overwritten (the
// Origin stays as it is when rec has none). A pointer field that is not
// nil points to a value of its own: the values of one call share one
// allocation per column.
func (t *Table) Decode(rec arrow.Record, lo, hi int, dst any) error {
	v, err := t.slice(dst)
	if err != nil {
		return err
	}
	if v.Len() != hi-lo || lo < 0 || hi > int(rec.NumRows()) {
		return fmt.Errorf("table %s: decoding rows [%d:%d] of %d into %d", t.Name, lo, hi, rec.NumRows(), v.Len())
	}
	c := t.codec()
	sc := rec.Schema()
	for j := range c.cols {
		col := &c.cols[j]
		k := j
		if k >= int(rec.NumCols()) || sc.Field(k).Name != col.name {
			idx := sc.FieldIndices(col.name)
			if len(idx) == 0 {
				if j < len(t.Columns) {
					return fmt.Errorf("table %s: the record has no column %s", t.Name, col.name)
				}
				continue
			}
			k = idx[0]
		}
		if err := col.decode(rec.Column(k), lo, hi, v); err != nil {
			return fmt.Errorf("table %s: column %s: %w", t.Name, col.name, err)
		}
	}
	return nil
}

// decode writes a[lo:hi) into the column's field of dst's rows.
func (c *codecCol) decode(a arrow.Array, lo, hi int, dst reflect.Value) error {
	nulls := a.NullN() > 0
	set := func(k int) (reflect.Value, bool) { // the field of row k, or false after setting a null
		f := c.field(dst.Index(k))
		if nulls && a.IsNull(lo+k) {
			f.SetZero()
			return f, false
		}
		return f, true
	}
	n := hi - lo
	switch a := a.(type) {
	case *array.Dictionary:
		dict, ok := a.Dictionary().(*array.String)
		codes, ok2 := a.Indices().(*array.Uint16)
		if !ok || !ok2 || (c.kind != cellString && c.kind != cellTimeText) {
			return fmt.Errorf("unexpected dictionary %s", a.DataType())
		}
		vals := codes.Uint16Values()
		if c.kind == cellTimeText { // after the time column: overwrite the times it has the text of
			for k := range n {
				if a.IsValid(lo + k) {
					tm, err := time.Parse(time.RFC3339Nano, dict.Value(int(vals[lo+k])))
					if err != nil {
						return err
					}
					f, _ := c.value(dst.Index(k))
					*f.Addr().Interface().(*time.Time) = tm
				}
			}
			return nil
		}
		for k := range n {
			if f, ok := set(k); ok {
				f.SetString(dict.Value(int(vals[lo+k])))
			}
		}
	case *array.String:
		if c.kind != cellString {
			return fmt.Errorf("unexpected type %s", a.DataType())
		}
		for k := range n {
			if f, ok := set(k); ok {
				f.SetString(a.Value(lo + k))
			}
		}
	case *array.Int64:
		if c.kind != cellInt {
			return fmt.Errorf("unexpected type %s", a.DataType())
		}
		vals := a.Int64Values()
		decodeValues(c.pointer, n, func(k int) int64 { return vals[lo+k] }, set, reflect.Value.SetInt)
	case *array.Float64:
		if c.kind != cellFloat {
			return fmt.Errorf("unexpected type %s", a.DataType())
		}
		vals := a.Float64Values()
		decodeValues(c.pointer, n, func(k int) float64 { return vals[lo+k] }, set, reflect.Value.SetFloat)
	case *array.Boolean:
		if c.kind != cellBool {
			return fmt.Errorf("unexpected type %s", a.DataType())
		}
		decodeValues(c.pointer, n, func(k int) bool { return a.Value(lo + k) }, set, reflect.Value.SetBool)
	case *array.Timestamp:
		if c.kind != cellTime {
			return fmt.Errorf("unexpected type %s", a.DataType())
		}
		vals := a.TimestampValues()
		decodeValues(c.pointer, n, func(k int) time.Time { return time.Unix(int64(vals[lo+k]), 0).UTC() }, set,
			func(f reflect.Value, tm time.Time) { *f.Addr().Interface().(*time.Time) = tm })
	default:
		return fmt.Errorf("unexpected type %s", a.DataType())
	}
	return nil
}

// decodeValues sets the fields of n rows from the values at gives. A
// pointer field points into one slab of n values made for the call (one
// allocation per batch, not per cell); any other field is set with put.
// set gives row k's field, or false once it has set a null.
func decodeValues[V any](pointer bool, n int, at func(k int) V, set func(k int) (reflect.Value, bool), put func(reflect.Value, V)) {
	var slab []V
	if pointer {
		slab = make([]V, n)
	}
	for k := range n {
		if f, ok := set(k); ok {
			if pointer {
				slab[k] = at(k)
				f.Set(reflect.ValueOf(&slab[k]))
			} else {
				put(f, at(k))
			}
		}
	}
}

// Detach gives each pointer field of row (a pointer to a row of the
// table's type) a value of its own, so that the row shares nothing
// with the caller's variables.
func (t *Table) Detach(row any) {
	v := reflect.ValueOf(row).Elem()
	for j := range t.codec().cols {
		c := &t.codec().cols[j]
		if !c.pointer {
			continue
		}
		f := c.field(v)
		if !f.IsNil() {
			p := reflect.New(f.Type().Elem())
			p.Elem().Set(f.Elem())
			f.Set(p)
		}
	}
}
