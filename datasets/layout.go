package datasets

import (
	"fmt"
	"reflect"
	"sync"
	"time"
	"unsafe"
)

// A layout is where each stored field of a row type T lies in a T: its
// byte offset and how its value is kept. It is derived once per row type
// from the struct itself (nested and embedded structs such as Provenance
// and Origin are flattened), so a field added to a table's row struct is
// stored with no change here.
type layout struct {
	typ    reflect.Type
	fields []fieldAt
	ptrs   int // fields held behind a pointer (*int64, *float64, *bool)
}

// fieldKind is how a field's value is kept.
type fieldKind uint8

const (
	kString fieldKind = iota
	kInt
	kInt64
	kFloat64
	kBool
	kTime
	kPtrInt64
	kPtrFloat64
	kPtrBool
)

// fieldAt is one stored field: its offset in the row and its kind.
type fieldAt struct {
	name string // the Go field path, for messages
	off  uintptr
	kind fieldKind
}

var (
	layoutsMu sync.Mutex
	layouts   = map[reflect.Type]*layout{} // registry of derived layouts, one per row type
	timeType  = reflect.TypeFor[time.Time]()
)

// layoutOf returns the layout of T, deriving it the first time. It
// panics on a field of a kind no table uses (a programming error that
// the package's tests catch for every row type).
func layoutOf[T any]() *layout {
	t := reflect.TypeFor[T]()
	layoutsMu.Lock()
	defer layoutsMu.Unlock()
	if l, ok := layouts[t]; ok {
		return l
	}
	l := &layout{typ: t}
	l.add(t, 0, "")
	layouts[t] = l
	return l
}

func (l *layout) add(t reflect.Type, base uintptr, prefix string) {
	for i := range t.NumField() {
		f := t.Field(i)
		name := prefix + f.Name
		off := base + f.Offset
		ft := f.Type
		if ft == timeType {
			l.fields = append(l.fields, fieldAt{name: name, off: off, kind: kTime})
			continue
		}
		if ft.Kind() == reflect.Struct {
			l.add(ft, off, name+".")
			continue
		}
		kind, ok := kindOf(ft)
		if !ok {
			panic(fmt.Sprintf("datasets: %s field %s has type %s, which a stored row cannot hold", l.typ, name, ft))
		}
		if kind >= kPtrInt64 {
			l.ptrs++
		}
		l.fields = append(l.fields, fieldAt{name: name, off: off, kind: kind})
	}
}

// kindOf is how a field of type t is kept. Only the predeclared types
// (and pointers to them) are accepted: a named type may carry methods
// that plain storage would bypass.
func kindOf(t reflect.Type) (fieldKind, bool) {
	ptr := t.Kind() == reflect.Pointer
	if ptr {
		t = t.Elem()
	}
	if t.PkgPath() != "" {
		return 0, false
	}
	switch k := t.Kind(); {
	case !ptr && k == reflect.String:
		return kString, true
	case !ptr && k == reflect.Int:
		return kInt, true
	case !ptr && k == reflect.Int64:
		return kInt64, true
	case !ptr && k == reflect.Float64:
		return kFloat64, true
	case !ptr && k == reflect.Bool:
		return kBool, true
	case ptr && k == reflect.Int64:
		return kPtrInt64, true
	case ptr && k == reflect.Float64:
		return kPtrFloat64, true
	case ptr && k == reflect.Bool:
		return kPtrBool, true
	}
	return 0, false
}

// at is the address of field f in the row at p.
func at(p unsafe.Pointer, f *fieldAt) unsafe.Pointer { return unsafe.Add(p, f.off) }
