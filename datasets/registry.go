package datasets

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"time"

	"github.com/cubaexports/cubaexports/schemas"
)

// A holder keeps the rows of one table of a Rows: a fact table's
// *Columns[T], or a small table's slice. Every operation Rows performs on
// all tables (append, count, sort, clone, write, validate, obs_ids) goes
// through it, table by table in the order of schemas.All, so a table is
// listed in one place: its schemas.Register line.
type holder interface {
	Len() int
	// appendFrom adds the rows of o (a holder of the same table) at the end.
	appendFrom(o holder)
	sorted() bool
	sort()
	// clone returns an independent copy of the rows.
	clone() holder
	view() Table
}

// A factHolder is the holder of a fact table (*Columns[T]): rows with an
// obs_id and provenance.
type factHolder interface {
	holder
	assignIDs(withLocator func(extractor string) bool)
	editProvenance(fn func(*schemas.Provenance))
}

// rowTyped is implemented by *Columns[T], to find which table a Rows field
// holds.
type rowTyped interface{ rowType() reflect.Type }

// fieldOf maps a row type to the index of the Rows field that holds its
// table (a Columns of it or a slice of it). A table without such a field
// is held in Rows.more.
var fieldOf = sync.OnceValue(func() map[reflect.Type]int {
	m := map[reflect.Type]int{}
	rt := reflect.TypeFor[Rows]()
	for i := range rt.NumField() {
		f := rt.Field(i)
		if !f.IsExported() {
			continue
		}
		switch {
		case f.Type.Kind() == reflect.Slice:
			m[f.Type.Elem()] = i
		case reflect.PointerTo(f.Type).Implements(reflect.TypeFor[rowTyped]()):
			m[reflect.New(f.Type).Interface().(rowTyped).rowType()] = i
		default:
			panic("datasets: Rows field " + f.Name + " holds no table")
		}
	}
	return m
})

// holder returns the holder of table t in r. A table r has no field for
// is kept in r.more; until rows are added to it (FactsOf, SliceOf), it is
// an empty holder.
func (r *Rows) holder(t *schemas.Table) holder {
	if i, ok := fieldOf()[t.RowType()]; ok {
		f := reflect.ValueOf(r).Elem().Field(i)
		if f.Kind() == reflect.Slice {
			return sliceHolder{t, f}
		}
		return f.Addr().Interface().(holder)
	}
	if h, ok := r.more[t.Name]; ok {
		return h
	}
	return sliceHolder{t, reflect.New(reflect.SliceOf(t.RowType())).Elem()}
}

// setHolder makes h (a holder of table t) the rows of t in r.
func (r *Rows) setHolder(t *schemas.Table, h holder) {
	if s, ok := h.(sliceHolder); ok {
		n := s.v.Len()
		s.v = s.v.Slice3(0, n, n) // a later append copies rather than writing into spare capacity
		h = s
	}
	if i, ok := fieldOf()[t.RowType()]; ok {
		f := reflect.ValueOf(r).Elem().Field(i)
		if s, ok := h.(sliceHolder); ok {
			f.Set(s.v)
		} else {
			f.Set(reflect.ValueOf(h).Elem())
		}
		return
	}
	if s, ok := h.(sliceHolder); ok { // keep an addressable slice of its own
		v := reflect.New(s.v.Type()).Elem()
		v.Set(s.v)
		h = sliceHolder{t, v}
	}
	if r.more == nil {
		r.more = map[string]holder{}
	}
	r.more[t.Name] = h
}

// FactsOf returns the rows of the fact table whose rows are T in r: the
// typed field (such as r.ContractRates) when Rows has one, otherwise the
// table's rows kept by its name. It panics when no fact table has rows of
// type T (a programming error).
func FactsOf[T any](r *Rows) *Columns[T] {
	t := schemas.TableOf[T]()
	if !t.IsFact() {
		panic("datasets: " + t.Name + " is not a fact table")
	}
	if i, ok := fieldOf()[t.RowType()]; ok {
		return reflect.ValueOf(r).Elem().Field(i).Addr().Interface().(*Columns[T])
	}
	if _, ok := r.more[t.Name]; !ok {
		r.setHolder(t, new(Columns[T]))
	}
	return r.more[t.Name].(*Columns[T])
}

// SliceOf returns the rows of the table whose rows are T and that is not
// a fact table, as FactsOf does for a fact table.
func SliceOf[T any](r *Rows) *[]T {
	t := schemas.TableOf[T]()
	if t.IsFact() {
		panic("datasets: " + t.Name + " is a fact table: its rows are in a Columns")
	}
	if i, ok := fieldOf()[t.RowType()]; ok {
		return reflect.ValueOf(r).Elem().Field(i).Addr().Interface().(*[]T)
	}
	if _, ok := r.more[t.Name]; !ok {
		r.setHolder(t, sliceHolder{t, reflect.ValueOf(new([]T)).Elem()})
	}
	return r.more[t.Name].(sliceHolder).v.Addr().Interface().(*[]T)
}

// each calls fn with every published table and its rows in r, in release
// order.
func (r *Rows) each(fn func(t *schemas.Table, h holder)) {
	for _, t := range schemas.All() {
		fn(t, r.holder(t))
	}
}

// eachFact calls fn with every fact table and its rows in r.
func (r *Rows) eachFact(fn func(t *schemas.Table, h factHolder)) {
	r.each(func(t *schemas.Table, h holder) {
		if t.IsFact() {
			fh, ok := h.(factHolder)
			if !ok { // a fact table r holds no rows of (see holder)
				return
			}
			fn(t, fh)
		}
	})
}

// sliceHolder is the holder of a small table: a slice of its rows (an
// addressable reflect.Value of type []T).
type sliceHolder struct {
	t *schemas.Table
	v reflect.Value
}

func (h sliceHolder) Len() int { return h.v.Len() }

// appendFrom adds o's rows; an empty table takes o's slice as it is (no
// copy: one large document's rows are not held twice), capped so that a
// later append copies rather than writing into o's spare capacity.
func (h sliceHolder) appendFrom(o holder) {
	ov := o.(sliceHolder).v
	switch n := ov.Len(); {
	case n == 0:
	case h.v.Len() == 0:
		h.v.Set(ov.Slice3(0, n, n))
	default:
		h.v.Set(reflect.AppendSlice(h.v, ov))
	}
}

// compare orders two rows by the table's Order columns.
func (h sliceHolder) compare(a, b reflect.Value) int {
	for _, name := range h.t.Order {
		c, _ := h.t.Column(name)
		if d := compareValues(c.Field(a), c.Field(b)); d != 0 {
			return d
		}
	}
	return 0
}

// compareValues compares two values of the same column type (a nil
// pointer first).
func compareValues(a, b reflect.Value) int {
	if a.Kind() == reflect.Pointer {
		switch {
		case a.IsNil() || b.IsNil():
			return cmp.Compare(b2i(!a.IsNil()), b2i(!b.IsNil()))
		}
		a, b = a.Elem(), b.Elem()
	}
	switch a.Kind() {
	case reflect.String:
		return cmp.Compare(a.String(), b.String())
	case reflect.Int64, reflect.Int:
		return cmp.Compare(a.Int(), b.Int())
	case reflect.Float64:
		return cmp.Compare(a.Float(), b.Float())
	case reflect.Bool:
		return cmp.Compare(b2i(a.Bool()), b2i(b.Bool()))
	}
	if t, ok := a.Interface().(time.Time); ok {
		return t.Compare(b.Interface().(time.Time))
	}
	panic(fmt.Sprintf("datasets: cannot order values of type %s", a.Type()))
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (h sliceHolder) sorted() bool {
	for i := 1; i < h.v.Len(); i++ {
		if h.compare(h.v.Index(i-1), h.v.Index(i)) > 0 {
			return false
		}
	}
	return true
}

// sort sorts the rows stably by the table's Order columns. It sorts an
// index of the rows (ties broken by position) and then moves the rows.
func (h sliceHolder) sort() {
	if h.sorted() {
		return
	}
	n := h.v.Len()
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Or(h.compare(h.v.Index(a), h.v.Index(b)), a-b) })
	sorted := reflect.MakeSlice(h.v.Type(), n, n)
	for j, i := range idx {
		sorted.Index(j).Set(h.v.Index(i))
	}
	reflect.Copy(h.v, sorted)
}

func (h sliceHolder) clone() holder {
	v := reflect.New(h.v.Type()).Elem()
	if h.v.Len() > 0 {
		v.Set(reflect.AppendSlice(reflect.MakeSlice(h.v.Type(), 0, h.v.Len()), h.v))
	}
	return sliceHolder{h.t, v}
}

func (h sliceHolder) view() Table { return newSliceTable(h.t, h.v) }
