package datasets

import (
	"reflect"
	"time"

	"github.com/cubaexports/cubaexports/datasets/internal/tablegen"

	"github.com/cubaexports/cubaexports/schemas"
)

// fieldKind is how a field's values are kept (see tablegen.Kind).
type fieldKind = tablegen.Kind

const (
	kString     = tablegen.String
	kInt        = tablegen.Int
	kInt64      = tablegen.Int64
	kFloat64    = tablegen.Float64
	kBool       = tablegen.Bool
	kTime       = tablegen.Time
	kPtrInt64   = tablegen.PtrInt64
	kPtrFloat64 = tablegen.PtrFloat64
	kPtrBool    = tablegen.PtrBool
	kPtrTime    = tablegen.PtrTime
)

// reflectCols holds rows of a type with no generated store in columns,
// each field reached through reflection: the rows of a table declared by
// a test (not in schemas), and the small tables when they are read by
// column (CellsOf). The fact tables of schemas never use it: the test of
// zz_tables.go holds a generated store for each of them.
type reflectCols struct {
	*colStore
	index [][]int // each stored field's index path
}

// newReflectCols panics on a field of a type no store holds (a
// programming error).
func newReflectCols(rt reflect.Type, capacity int) reflectCols {
	fields, err := tablegen.Fields(rt)
	if err != nil {
		panic("datasets: " + rt.String() + ": " + err.Error())
	}
	fs := make([]fieldAt, len(fields))
	s := reflectCols{index: make([][]int, len(fields))}
	for j, f := range fields {
		fs[j] = fieldAt{name: f.Path, csv: f.CSV, kind: f.Kind}
		s.index[j] = f.Index
	}
	s.colStore = newColStore(fs, capacity)
	return s
}

// push appends row v (a struct of the row type).
func (s reflectCols) push(v reflect.Value) {
	for j := range s.cols {
		c, f := &s.cols[j], v.FieldByIndex(s.index[j])
		switch c.f.kind {
		case kString:
			c.pushText(f.String())
			continue
		case kTime:
			c.pushTime(f.Interface().(time.Time))
			continue
		case kPtrTime:
			c.pushTimePtr(f.Interface().(*time.Time))
			continue
		case kPtrInt64, kPtrFloat64, kPtrBool:
			c.pushSlot()
		default:
			c.words = append(c.words, 0)
		}
		s.set(c, len(c.words)-1, f)
	}
	s.n++
}

// save writes row v over row i.
func (s reflectCols) save(i int, v reflect.Value) {
	for j := range s.cols {
		s.set(&s.cols[j], i, v.FieldByIndex(s.index[j]))
	}
}

func (s reflectCols) set(c *column, i int, f reflect.Value) {
	switch c.f.kind {
	case kString:
		c.setText(i, f.String())
	case kInt, kInt64:
		c.setInt(i, f.Int())
	case kFloat64:
		c.setFloat(i, f.Float())
	case kBool:
		c.setBool(i, f.Bool())
	case kTime:
		c.setTime(i, f.Interface().(time.Time))
	case kPtrInt64:
		c.setIntPtr(i, f.Interface().(*int64))
	case kPtrFloat64:
		c.setFloatPtr(i, f.Interface().(*float64))
	case kPtrBool:
		c.setBoolPtr(i, f.Interface().(*bool))
	case kPtrTime:
		c.setTimePtr(i, f.Interface().(*time.Time))
	}
}

// load writes row i into v (an addressable struct of the row type).
func (s reflectCols) load(i int, v reflect.Value, sl *slab) {
	for j := range s.cols {
		c, f := &s.cols[j], v.FieldByIndex(s.index[j])
		switch c.f.kind {
		case kString:
			f.SetString(c.text(i))
		case kInt, kInt64:
			f.SetInt(c.int(i))
		case kFloat64:
			f.SetFloat(c.float(i))
		case kBool:
			f.SetBool(c.bool(i))
		case kTime:
			f.Set(reflect.ValueOf(c.time(i)))
		case kPtrInt64:
			f.Set(reflect.ValueOf(c.intPtr(i, sl)))
		case kPtrFloat64:
			f.Set(reflect.ValueOf(c.floatPtr(i, sl)))
		case kPtrBool:
			f.Set(reflect.ValueOf(c.boolPtr(i, sl)))
		case kPtrTime:
			f.Set(reflect.ValueOf(c.timePtr(i, sl)))
		}
	}
}

// reflectStore is the store of a row type with no generated store.
type reflectStore[T any] struct{ reflectCols }

func newReflectStore[T any](capacity int) store[T] {
	return reflectStore[T]{newReflectCols(reflect.TypeFor[T](), capacity)}
}

func (s reflectStore[T]) base() *colStore { return s.colStore }
func (s reflectStore[T]) clone() store[T] {
	return reflectStore[T]{reflectCols{s.colStore.clone(), s.index}}
}

// pushRows appends whole rows as part 0 (a reflective store is a test's,
// small): part 1 has no column.
func (s reflectStore[T]) pushRows(rows []T, part int) {
	if part == 0 {
		for i := range rows {
			s.reflectCols.push(reflect.ValueOf(&rows[i]).Elem())
		}
		s.n -= len(rows) // reflectCols.push counted them; the caller counts them once
	}
}
func (s reflectStore[T]) save(i int, r, _ *T) { s.reflectCols.save(i, reflect.ValueOf(r).Elem()) }
func (s reflectStore[T]) load(i int, r *T, sl *slab) {
	s.reflectCols.load(i, reflect.ValueOf(r).Elem(), sl)
}

// loadProv and saveProv go through the whole row (a reflective store is
// a test's, small).
func (s reflectStore[T]) loadProv(i int, p *schemas.Provenance, sl *slab) {
	var r T
	s.load(i, &r, sl)
	*p = *any(&r).(provenanced).Prov()
}
func (s reflectStore[T]) saveProv(i int, p, _ *schemas.Provenance) {
	var r T
	s.load(i, &r, &slab{n: slabValues})
	*any(&r).(provenanced).Prov() = *p
	s.save(i, &r, nil)
}
