package datasets

import (
	"fmt"
	"iter"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"sync"

	"github.com/cubaexports/cubaexports/schemas"
)

// Columns holds the rows of one fact table, column by column (see
// store): text as dictionary codes, numbers in typed arrays. Code reads
// a row with At or All (a copy of the row: changing it changes nothing
// stored), writes one with Set, adds rows with Append and rewrites every
// row with Edit.
//
// Columns is a handle: a copy of it shares its rows with the original,
// as a copy of a slice shares its array; Clone gives an independent copy.
// The zero value holds no rows and is ready to use. Rows handed out stay
// valid and unchanged whatever happens to the store afterwards. Reading
// from several goroutines at once is safe; writing is not.
type Columns[T any] struct {
	s store[T]
}

// Of holds copies of rows in a new Columns.
func Of[T any](rows ...T) Columns[T] {
	var c Columns[T]
	c.Append(rows...)
	return c
}

// Len is the number of rows.
func (c Columns[T]) Len() int {
	if c.s == nil {
		return 0
	}
	return c.s.base().n
}

// At returns a copy of row i; it panics if i is out of range.
func (c Columns[T]) At(i int) T {
	var r T
	c.s.load(c.check(i), &r, &slab{n: 1})
	return r
}

// Set replaces row i with a copy of r; it panics if i is out of range.
func (c Columns[T]) Set(i int, r T) { c.s.save(c.check(i), &r, nil) }

func (c Columns[T]) check(i int) int {
	if n := c.Len(); i < 0 || i >= n {
		panic(indexError{i, n})
	}
	return i
}

type indexError struct{ i, n int }

func (e indexError) Error() string {
	return "datasets: row " + strconv.Itoa(e.i) + " out of range of a table of " + strconv.Itoa(e.n) + " rows"
}

// Append adds copies of rows at the end.
func (c *Columns[T]) Append(rows ...T) {
	if len(rows) == 0 {
		return
	}
	if c.s == nil {
		c.s = newStore[T](len(rows))
	}
	if len(rows) < parallelRows || runtime.GOMAXPROCS(0) == 1 {
		c.s.pushRows(rows, 0)
		c.s.pushRows(rows, 1)
	} else {
		var wg sync.WaitGroup
		wg.Go(func() { c.s.pushRows(rows, 1) })
		c.s.pushRows(rows, 0)
		wg.Wait()
	}
	c.s.base().n += len(rows)
}

// parallelRows is the fewest rows Append splits over two goroutines:
// fewer cost less than starting one.
const parallelRows = 512

// Grow makes room for n more rows, so appending them allocates once.
func (c *Columns[T]) Grow(n int) {
	if c.s == nil {
		c.s = newStore[T](n)
		return
	}
	c.s.base().grow(n)
}

// All yields each row's index and a copy of the row, in order.
func (c Columns[T]) All() iter.Seq2[int, T] { return c.Between(0, c.Len()) }

// Between is All for rows [lo, hi) alone. Reading never writes the
// store, so passes over different rows may run at the same time.
func (c Columns[T]) Between(lo, hi int) iter.Seq2[int, T] {
	if lo < 0 || hi < lo || hi > c.Len() {
		panic(fmt.Sprintf("datasets: rows [%d:%d] of %d", lo, hi, c.Len()))
	}
	return func(yield func(int, T) bool) {
		r := new(T) // one row for the whole pass: load overwrites every field
		sl := slab{n: slabValues}
		for i := lo; i < hi; i++ {
			c.s.load(i, r, &sl)
			if !yield(i, *r) {
				return
			}
		}
	}
}

// Rows returns a copy of every row as a slice (for small tables and
// tests; a large table is better read with All).
func (c Columns[T]) Rows() []T {
	if c.Len() == 0 {
		return nil
	}
	out := make([]T, c.Len())
	sl := slab{n: slabValues}
	for i := range out {
		c.s.load(i, &out[i], &sl)
	}
	return out
}

// Edit calls fn with each row's index and a copy of the row, in order,
// and stores the row as fn leaves it. *r is valid only during the call
// (the next row is loaded into it); the values of its fields stay valid.
func (c Columns[T]) Edit(fn func(i int, r *T)) {
	r, orig := new(T), new(T) // one row for the whole pass: load overwrites every field
	sl := slab{n: slabValues}
	for i := range c.Len() {
		c.s.load(i, r, &sl)
		*orig = *r
		fn(i, r)
		c.s.save(i, r, orig)
	}
}

// SetFlags sets the boolean column named column (its CSV name; the field
// a *bool) of every row i to flag(i), never nil. It writes that one
// column, where Edit would load and store every field of every row.
func (c Columns[T]) SetFlags(column string, flag func(i int) bool) {
	if c.Len() == 0 {
		return
	}
	s := c.s.base()
	for j := range s.cols {
		if col := &s.cols[j]; col.f.csv == column && col.f.kind == kPtrBool {
			for i := range c.Len() {
				col.setValid(i, true)
				col.words[i] = b2w(flag(i))
			}
			return
		}
	}
	panic("datasets: no boolean column " + column + " in table " + schemas.TableOf[T]().Name)
}

// Column is the column named column (its CSV name) of every row, read
// cell by cell with no row loaded: a pass that looks at a few columns
// reads only those. A column the table does not have is a programming
// error.
func (c *Columns[T]) Column(column string) Cells {
	x, ok := CellsOf(c.view(), column)
	if !ok {
		panic("datasets: no column " + column + " in table " + schemas.TableOf[T]().Name)
	}
	return x
}

// MapText sets the text column named column (its CSV name) of every row
// to fn of its text. fn is called once per distinct text of the column,
// not once per row, so it must answer a text the same way every time;
// no row is loaded. A column that is not a text column is a programming
// error.
func (c Columns[T]) MapText(column string, fn func(string) string) {
	if c.Len() > 0 {
		c.s.base().textOf(column).mapValues(fn)
	}
}

// SetTextBy sets the text column dst of every row to fn of its text in
// column src, where fn answers ok; the other rows keep their text. fn is
// called once per distinct text of src.
func (c Columns[T]) SetTextBy(dst, src string, fn func(string) (string, bool)) {
	if c.Len() > 0 {
		s := c.s.base()
		s.textOf(dst).setBy(s.textOf(src), fn)
	}
}

// Clone returns a copy of c that shares nothing with it.
func (c Columns[T]) Clone() Columns[T] {
	if c.s == nil {
		return c
	}
	return Columns[T]{c.s.clone()}
}

// base is the store's columns, or nil when c holds no rows yet.
func (c Columns[T]) base() *colStore {
	if c.s == nil {
		return nil
	}
	return c.s.base()
}

// permute puts the rows in the order idx gives (row j becomes the old row
// idx[j]).
func (c Columns[T]) permute(idx []int) {
	if c.s != nil {
		c.s.base().permute(idx)
	}
}

// rowsIn returns copies of rows [i, j) in buf (grown as needed), for the
// writers that take a table a batch of rows at a time.
func (c Columns[T]) rowsIn(i, j int, buf []T) []T {
	buf = slices.Grow(buf[:0], j-i)[:j-i]
	sl := slab{n: slabValues}
	for k := range buf {
		c.s.load(i+k, &buf[k], &sl)
	}
	return buf
}

func (*Columns[T]) rowType() reflect.Type { return reflect.TypeFor[T]() }

func (c *Columns[T]) appendFrom(o holder) {
	for _, r := range o.(*Columns[T]).All() {
		c.Append(r)
	}
}

func (c *Columns[T]) sorted() bool  { return sortedByID(*c) }
func (c *Columns[T]) sort()         { sortByID(*c) }
func (c *Columns[T]) clone() holder { x := c.Clone(); return &x }
func (c *Columns[T]) view() Table {
	return facts[T]{schemas.TableOf[T](), *c, 0, c.Len()}
}

// editProvenance calls fn with the provenance of every row, and stores
// the provenance as fn leaves it; the other fields are neither loaded nor
// stored.
func (c *Columns[T]) editProvenance(fn func(*schemas.Provenance)) {
	var p, orig schemas.Provenance
	sl := slab{n: slabValues}
	for i := range c.Len() {
		c.s.loadProv(i, &p, &sl)
		orig = p
		fn(&p)
		c.s.saveProv(i, &p, &orig)
	}
}

// provenanced is every fact row: its embedded Provenance gives it Prov.
type provenanced interface{ Prov() *schemas.Provenance }
