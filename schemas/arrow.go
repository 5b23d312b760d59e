package schemas

import (
	"fmt"
	"reflect"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
)

// Metadata keys written on Arrow fields and schemas; pqarrow stores them in
// the Parquet footer.
const (
	MetaDescription = "description"
	MetaUnit        = "unit"
	MetaVocabulary  = "vocabulary"
	MetaTable       = "cubaexports.table"
	MetaTitle       = "cubaexports.title"
)

var timestampType = &arrow.TimestampType{Unit: arrow.Second, TimeZone: "UTC"}

// ArrowType is the Arrow type of a column type.
func (ty Type) ArrowType() arrow.DataType {
	switch ty {
	case Integer:
		return arrow.PrimitiveTypes.Int64
	case Number:
		return arrow.PrimitiveTypes.Float64
	case Boolean:
		return arrow.FixedWidthTypes.Boolean
	case Timestamp:
		return timestampType
	default:
		return arrow.BinaryTypes.String
	}
}

// ArrowSchema is the table's Arrow schema, with each column's description,
// unit and vocabulary as field metadata and the table's name and
// description as schema metadata.
func (t *Table) ArrowSchema() *arrow.Schema {
	fields := make([]arrow.Field, len(t.Columns))
	for i, c := range t.Columns {
		keys, vals := []string{MetaDescription}, []string{c.Doc}
		if c.Unit != "" {
			keys, vals = append(keys, MetaUnit), append(vals, c.Unit)
		}
		if c.Vocab != "" {
			keys, vals = append(keys, MetaVocabulary), append(vals, c.Vocab)
		}
		fields[i] = arrow.Field{Name: c.Name, Type: c.Type.ArrowType(), Nullable: c.Nullable,
			Metadata: arrow.NewMetadata(keys, vals)}
	}
	md := t.ParquetMetadata()
	keys, vals := sortedPairs(md)
	return arrow.NewSchema(fields, ptr(arrow.NewMetadata(keys, vals)))
}

// ParquetMetadata is the file-level key/value metadata of the table's
// Parquet file: the table's name, title and description, and one
// description (and unit) entry per column.
func (t *Table) ParquetMetadata() map[string]string {
	md := map[string]string{MetaTable: t.Name, MetaTitle: t.Title, MetaDescription: t.Doc}
	for _, c := range t.Columns {
		md["cubaexports.column."+c.Name+".description"] = c.Doc
		if c.Unit != "" {
			md["cubaexports.column."+c.Name+".unit"] = c.Unit
		}
	}
	return md
}

// Record builds one Arrow record from rows of the table's row type. The
// caller releases it. Empty nullable strings become nulls.
func Record[T any](mem memory.Allocator, t *Table, rows []T) (arrow.Record, error) {
	return t.RecordOf(mem, rows)
}

// RecordOf is Record for rows given as any slice of the table's row
// type.
func (t *Table) RecordOf(mem memory.Allocator, rows any) (arrow.Record, error) {
	c, err := t.RowCells(rows)
	if err != nil {
		return nil, err
	}
	return t.BuildRecord(mem, c)
}

// Rows reads an Arrow record of the table back into rows of type T. It is
// the inverse of Record.
func Rows[T any](t *Table, rec arrow.Record) ([]T, error) {
	return typedRows[T](t, func() (any, error) { return t.RowsOf(rec) })
}

// typedRows checks that T is the table's row type, then returns the rows
// read returns (a []T) as such.
func typedRows[T any](t *Table, read func() (any, error)) ([]T, error) {
	if _, err := t.slice([]T(nil)); err != nil {
		return nil, err
	}
	rows, err := read()
	if err != nil {
		return nil, err
	}
	return rows.([]T), nil
}

// RowsOf is Rows for code that does not know the table's row type: it
// returns a slice of the row type.
func (t *Table) RowsOf(rec arrow.Record) (any, error) {
	if !rec.Schema().Equal(t.ArrowSchema()) {
		return nil, fmt.Errorf("table %s: record schema %s does not match the declared schema", t.Name, rec.Schema())
	}
	out := reflect.MakeSlice(reflect.SliceOf(t.rowType), int(rec.NumRows()), int(rec.NumRows()))
	for j, c := range t.Columns {
		col := rec.Column(j)
		for i := range out.Len() {
			if col.IsNull(i) {
				continue
			}
			setValue(c.Field(out.Index(i)), col, i)
		}
	}
	return out.Interface(), nil
}

func setValue(f reflect.Value, col arrow.Array, i int) {
	if f.Kind() == reflect.Pointer {
		f.Set(reflect.New(f.Type().Elem()))
		f = f.Elem()
	}
	switch a := col.(type) {
	case *array.String:
		f.SetString(a.Value(i))
	case *array.Int64:
		f.SetInt(a.Value(i))
	case *array.Float64:
		f.SetFloat(a.Value(i))
	case *array.Boolean:
		f.SetBool(a.Value(i))
	case *array.Timestamp:
		f.Set(reflect.ValueOf(time.Unix(int64(a.Value(i)), 0).UTC()))
	}
}

func ptr[T any](v T) *T { return &v }
