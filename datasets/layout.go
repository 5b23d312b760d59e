package datasets

import (
	"reflect"
	"time"

	"github.com/cubaexports/cubaexports/datasets/internal/tablegen"
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
)

// reflectStore holds rows of a type with no generated store (a table
// declared by a test, not in schemas) in the same columns, each field
// reached through reflection. The published tables never use it: the
// test of zz_tables.go holds a generated store for each of them.
type reflectStore[T any] struct {
	*colStore
	index [][]int // each stored field's index path
}

// newReflectStore panics on a field of a type no store holds (a
// programming error).
func newReflectStore[T any](capacity int) store[T] {
	rt := reflect.TypeFor[T]()
	fields, err := tablegen.Fields(rt)
	if err != nil {
		panic("datasets: " + rt.String() + ": " + err.Error())
	}
	fs := make([]fieldAt, len(fields))
	s := reflectStore[T]{index: make([][]int, len(fields))}
	for j, f := range fields {
		fs[j] = fieldAt{name: f.Path, csv: f.CSV, kind: f.Kind}
		s.index[j] = f.Index
	}
	s.colStore = newColStore(fs, capacity)
	return s
}

func (s reflectStore[T]) base() *colStore { return s.colStore }
func (s reflectStore[T]) clone() store[T] { return reflectStore[T]{s.colStore.clone(), s.index} }

func (s reflectStore[T]) push(r *T) {
	s.n++
	s.write(-1, r)
}

func (s reflectStore[T]) save(i int, r *T) { s.write(i, r) }

// write appends row r (i < 0) or writes it over row i.
func (s reflectStore[T]) write(i int, r *T) {
	v := reflect.ValueOf(r).Elem()
	for j := range s.cols {
		c, f := &s.cols[j], v.FieldByIndex(s.index[j])
		if i < 0 {
			switch c.f.kind {
			case kString:
				c.pushText(f.String())
			case kTime:
				c.pushTime(f.Interface().(time.Time))
			case kPtrInt64, kPtrFloat64, kPtrBool:
				c.pushSlot()
				s.set(c, len(c.words)-1, f)
			default:
				c.words = append(c.words, 0)
				s.set(c, len(c.words)-1, f)
			}
			continue
		}
		s.set(c, i, f)
	}
}

func (s reflectStore[T]) set(c *column, i int, f reflect.Value) {
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
	}
}

func (s reflectStore[T]) load(i int, r *T, sl *slab) {
	v := reflect.ValueOf(r).Elem()
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
		}
	}
}
