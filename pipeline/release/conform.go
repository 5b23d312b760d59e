package release

import (
	"fmt"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
)

// conform returns rec under the declared schema want. A record read from
// Parquet differs from the one written in two ways that carry no data:
// its fields have a "PARQUET:field_id" metadata entry, and its timestamps
// are in milliseconds (Parquet has no seconds). Column names, order,
// nullability and every other type must match exactly; a timestamp that
// is not a whole number of the declared unit is an error, not rounded.
// The caller releases the result.
func conform(rec arrow.Record, want *arrow.Schema, mem memory.Allocator) (arrow.Record, error) {
	if int(rec.NumCols()) != want.NumFields() {
		return nil, fmt.Errorf("%d columns, want %d", rec.NumCols(), want.NumFields())
	}
	cols := make([]arrow.Array, 0, want.NumFields())
	defer func() {
		for _, c := range cols {
			c.Release()
		}
	}()
	for i, wf := range want.Fields() {
		gf, col := rec.Schema().Field(i), rec.Column(i)
		if gf.Name != wf.Name || gf.Nullable != wf.Nullable {
			return nil, fmt.Errorf("column %d is %s (nullable %t), want %s (nullable %t)", i+1, gf.Name, gf.Nullable, wf.Name, wf.Nullable)
		}
		gt, gok := gf.Type.(*arrow.TimestampType)
		wt, wok := wf.Type.(*arrow.TimestampType)
		switch {
		case arrow.TypeEqual(gf.Type, wf.Type):
			col.Retain()
		case gok && wok && gt.TimeZone == wt.TimeZone:
			var err error
			if col, err = rescale(col.(*array.Timestamp), gt, wt, mem); err != nil {
				return nil, fmt.Errorf("column %s: %w", wf.Name, err)
			}
		default:
			return nil, fmt.Errorf("column %s is %s, want %s", wf.Name, gf.Type, wf.Type)
		}
		cols = append(cols, col)
	}
	return array.NewRecord(want, cols, rec.NumRows()), nil
}

// rescale converts timestamps from one unit to another, exactly.
func rescale(a *array.Timestamp, from, to *arrow.TimestampType, mem memory.Allocator) (arrow.Array, error) {
	fromNs, toNs := int64(from.Unit.Multiplier()), int64(to.Unit.Multiplier())
	b := array.NewTimestampBuilder(mem, to)
	defer b.Release()
	b.Reserve(a.Len())
	for i := range a.Len() {
		if a.IsNull(i) {
			b.AppendNull()
			continue
		}
		v := int64(a.Value(i))
		switch {
		case fromNs > toNs:
			v *= fromNs / toNs
		case v%(toNs/fromNs) != 0:
			return nil, fmt.Errorf("row %d: %d%s is not a whole number of %s", i+1, v, from.Unit, to.Unit)
		default:
			v /= toNs / fromNs
		}
		b.Append(arrow.Timestamp(v))
	}
	return b.NewArray(), nil
}
