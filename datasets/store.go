package datasets

import (
	"math"
	"reflect"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/cubaexports/cubaexports/schemas"
)

// A store keeps the rows of one fact table column by column. The store
// of each table declared in schemas is generated from its row struct
// (zz_tables.go, written by internal/tablegen): typed code that copies
// each field into its column and back, with no reflection per cell. A
// row type with no generated store (a table a test declares) is held by
// reflectStore, the same columns filled through reflection.
type store[T any] interface {
	base() *colStore
	// pushRows appends part 0 or part 1 of the fields of rows, two
	// disjoint sets of columns that two goroutines may append at once;
	// the caller adds len(rows) to the row count when both are done.
	pushRows(rows []T, part int)
	// save writes row r over row i. orig, when not nil, is row i as it
	// was loaded before r was edited from it: a text field r still
	// shares with it is not written.
	save(i int, r, orig *T)
	// load writes row i into *r (every stored field is overwritten); the
	// pointer fields that are not nil point into sl.
	load(i int, r *T, sl *slab)
	// saveProv and loadProv are save and load of the row's embedded
	// schemas.Provenance alone.
	saveProv(i int, p, orig *schemas.Provenance)
	loadProv(i int, p *schemas.Provenance, sl *slab)
	clone() store[T]
}

//go:generate go run ./internal/tablegen/cmd/tablegen -o zz_tables.go

// newStore returns the store of row type T, with room for capacity rows.
func newStore[T any](capacity int) store[T] {
	if mk, ok := generated[reflect.TypeFor[T]()]; ok {
		return mk(capacity).(store[T])
	}
	return newReflectStore[T](capacity)
}

// A colStore is a table's columns: text as dictionary codes (text),
// numbers, booleans and times as 64-bit words, pointers as a word and a
// bit saying whether it is nil. A million contract rates take about a
// third of the memory they take as structs, and the garbage collector
// does not scan them row by row: the columns hold no pointer per row.
type colStore struct {
	n    int
	cols []column
}

// column is one field's values; which slices are in use depends on kind.
type column struct {
	f     fieldAt
	txt   *text
	words []uint64 // numbers and booleans; times: seconds since 1970
	valid []uint64 // pointer kinds: bit i set when row i's pointer is not nil
	nsec  []int32  // times: nanoseconds
	lcode []uint8  // times: index into locs, nil while every time is UTC
	locs  []*time.Location
}

// fieldAt is one stored field: its Go path in the row, its published
// column (csv name, "" when not published) and its kind.
type fieldAt struct {
	name string
	csv  string
	kind fieldKind
}

func newColStore(fields []fieldAt, capacity int) *colStore {
	s := &colStore{cols: make([]column, len(fields))}
	for j, f := range fields {
		c := &s.cols[j]
		c.f = f
		switch f.kind {
		case kString:
			c.txt = newText(capacity)
		case kTime:
			c.words = make([]uint64, 0, capacity)
			c.nsec = make([]int32, 0, capacity)
		case kPtrTime:
			c.words = make([]uint64, 0, capacity)
			c.nsec = make([]int32, 0, capacity)
			c.valid = make([]uint64, 0, capacity/64+1)
		case kPtrInt64, kPtrFloat64, kPtrBool:
			c.words = make([]uint64, 0, capacity)
			c.valid = make([]uint64, 0, capacity/64+1)
		default:
			c.words = make([]uint64, 0, capacity)
		}
	}
	return s
}

// textOf is the text column of the published column named csv; it
// panics when there is none (a programming error).
func (s *colStore) textOf(csv string) *text {
	for j := range s.cols {
		if c := &s.cols[j]; c.f.csv == csv && c.txt != nil {
			return c.txt
		}
	}
	panic("datasets: a store has no text column " + csv)
}

// grow makes room for n more rows in every column.
func (s *colStore) grow(n int) {
	for j := range s.cols {
		c := &s.cols[j]
		switch {
		case c.txt != nil:
			t := c.txt
			t.c8, t.c16, t.c32 = growNonNil(t.c8, n), growNonNil(t.c16, n), growNonNil(t.c32, n)
		default:
			c.words = slices.Grow(c.words, n)
			if c.nsec != nil {
				c.nsec = slices.Grow(c.nsec, n)
			}
		}
	}
}

// growNonNil grows s, keeping nil as nil (a text column uses the one of
// its code slices that is not nil).
func growNonNil[E any](s []E, n int) []E {
	if s == nil {
		return nil
	}
	return slices.Grow(s, n)
}

// The typed accessors the generated stores call: push appends a row's
// value, set overwrites row i's, and the getters read row i's.

func (c *column) pushText(v string)       { c.txt.push(v) }
func (c *column) setText(i int, v string) { c.txt.set(i, v) }
func (c *column) text(i int) string       { return c.txt.get(i) }

func (c *column) pushInt(v int64)           { c.words = append(c.words, uint64(v)) }
func (c *column) setInt(i int, v int64)     { c.words[i] = uint64(v) }
func (c *column) int(i int) int64           { return int64(c.words[i]) }
func (c *column) pushFloat(v float64)       { c.words = append(c.words, math.Float64bits(v)) }
func (c *column) setFloat(i int, v float64) { c.words[i] = math.Float64bits(v) }
func (c *column) float(i int) float64       { return math.Float64frombits(c.words[i]) }
func (c *column) pushBool(v bool)           { c.words = append(c.words, b2w(v)) }
func (c *column) setBool(i int, v bool)     { c.words[i] = b2w(v) }
func (c *column) bool(i int) bool           { return c.words[i] != 0 }

func (c *column) pushTime(t time.Time) {
	i := len(c.words)
	c.words = append(c.words, 0)
	c.nsec = append(c.nsec, 0)
	if c.lcode != nil {
		c.lcode = append(c.lcode, 0)
	}
	c.setTime(i, t)
}

func (c *column) setTime(i int, t time.Time) {
	c.words[i], c.nsec[i] = uint64(t.Unix()), int32(t.Nanosecond())
	c.setLoc(i, t.Location())
}

// time is row i's time.
func (c *column) time(i int) time.Time {
	t := time.Unix(int64(c.words[i]), int64(c.nsec[i])).UTC()
	if c.lcode != nil && c.lcode[i] != 0 {
		t = t.In(c.locs[c.lcode[i]])
	}
	return t
}

// pushSlot appends a row to a pointer column, null until set.
func (c *column) pushSlot() int {
	i := len(c.words)
	c.words = append(c.words, 0)
	if c.nsec != nil {
		c.nsec = append(c.nsec, 0)
		if c.lcode != nil {
			c.lcode = append(c.lcode, 0)
		}
	}
	if i/64 >= len(c.valid) {
		c.valid = append(c.valid, 0)
	}
	return i
}

func (c *column) pushTimePtr(p *time.Time) { c.setTimePtr(c.pushSlot(), p) }

func (c *column) setTimePtr(i int, p *time.Time) {
	if c.setValid(i, p != nil) {
		c.setTime(i, *p)
	}
}

func (c *column) timePtr(i int, sl *slab) *time.Time {
	if !c.isValid(i) {
		return nil
	}
	return sl.time(c.time(i))
}

func (c *column) pushIntPtr(p *int64)     { c.setIntPtr(c.pushSlot(), p) }
func (c *column) pushFloatPtr(p *float64) { c.setFloatPtr(c.pushSlot(), p) }
func (c *column) pushBoolPtr(p *bool)     { c.setBoolPtr(c.pushSlot(), p) }

func (c *column) setIntPtr(i int, p *int64) {
	if c.setValid(i, p != nil) {
		c.words[i] = uint64(*p)
	}
}

func (c *column) setFloatPtr(i int, p *float64) {
	if c.setValid(i, p != nil) {
		c.words[i] = math.Float64bits(*p)
	}
}

func (c *column) setBoolPtr(i int, p *bool) {
	if c.setValid(i, p != nil) {
		c.words[i] = b2w(*p)
	}
}

func (c *column) intPtr(i int, sl *slab) *int64 {
	if !c.isValid(i) {
		return nil
	}
	return sl.int(int64(c.words[i]))
}

func (c *column) floatPtr(i int, sl *slab) *float64 {
	if !c.isValid(i) {
		return nil
	}
	return sl.float(math.Float64frombits(c.words[i]))
}

func (c *column) boolPtr(i int, sl *slab) *bool {
	if !c.isValid(i) {
		return nil
	}
	return sl.bool(c.words[i] != 0)
}

func b2w(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// setValid records whether row i's pointer is set, and returns it.
func (c *column) setValid(i int, ok bool) bool {
	if ok {
		c.valid[i/64] |= 1 << (i % 64)
	} else {
		c.valid[i/64] &^= 1 << (i % 64)
		c.words[i] = 0
	}
	return ok
}

func (c *column) isValid(i int) bool { return c.valid[i/64]&(1<<(i%64)) != 0 }

// setLoc records row i's time zone; UTC (the zone of every time the
// pipeline writes) needs no storage.
func (c *column) setLoc(i int, loc *time.Location) {
	if loc == time.UTC && c.lcode == nil {
		return
	}
	if c.lcode == nil {
		c.lcode = make([]uint8, len(c.words), cap(c.words))
		c.locs = []*time.Location{time.UTC}
	}
	k := -1
	for j, l := range c.locs {
		if l == loc {
			k = j
		}
	}
	if k < 0 {
		if len(c.locs) == 256 {
			panic("datasets: a time column holds more than 256 time zones")
		}
		k = len(c.locs)
		c.locs = append(c.locs, loc)
	}
	c.lcode[i] = uint8(k)
}

// slabValues is how many pointer targets of a type a pass over many
// rows allocates at once: rows loaded in one pass share slabs, one
// allocation per few hundred values instead of one per row.
const slabValues = 512

// A slab hands out the targets of a loaded row's pointer fields, n at
// a time. A value is never handed out twice, so a row's pointers stay
// its own.
type slab struct {
	n      int
	ints   []int64
	floats []float64
	bools  []bool
	times  []time.Time
}

func (s *slab) int(v int64) *int64          { return take(&s.ints, s.n, v) }
func (s *slab) float(v float64) *float64    { return take(&s.floats, s.n, v) }
func (s *slab) bool(v bool) *bool           { return take(&s.bools, s.n, v) }
func (s *slab) time(v time.Time) *time.Time { return take(&s.times, s.n, v) }

// take returns the first value of *free, set to v, and drops it from
// *free, which is refilled with n new values when it is empty.
func take[V any](free *[]V, n int, v V) *V {
	if len(*free) == 0 {
		*free = make([]V, max(n, 1))
	}
	p := &(*free)[0]
	*free = (*free)[1:]
	*p = v
	return p
}

// permute puts the rows in the order idx gives (row j becomes the old
// row idx[j]). Columns are independent, so they are moved on every core
// at once, each by one goroutine.
func (s *colStore) permute(idx []int) {
	workers := min(runtime.GOMAXPROCS(0), len(s.cols))
	next := make(chan int, len(s.cols))
	for j := range s.cols {
		next <- j
	}
	close(next)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range next {
				s.cols[j].permute(idx)
			}
		})
	}
	wg.Wait()
}

// permute puts the column's rows in the order idx gives; it does not
// change idx.
func (c *column) permute(idx []int) {
	if c.txt != nil {
		c.txt.permute(idx)
		return
	}
	c.words = gather(c.words, idx)
	if c.nsec != nil {
		c.nsec = gather(c.nsec, idx)
	}
	if c.lcode != nil {
		c.lcode = gather(c.lcode, idx)
	}
	if c.valid != nil {
		valid := make([]uint64, len(c.valid))
		for to, from := range idx {
			if c.valid[from/64]&(1<<(from%64)) != 0 {
				valid[to/64] |= 1 << (to % 64)
			}
		}
		c.valid = valid
	}
}

// clone is an independent copy of s.
func (s *colStore) clone() *colStore {
	o := &colStore{n: s.n, cols: make([]column, len(s.cols))}
	for j, c := range s.cols {
		if c.txt != nil {
			c.txt = c.txt.clone()
		}
		c.words, c.valid, c.nsec, c.lcode, c.locs = clip(c.words), clip(c.valid), clip(c.nsec), clip(c.lcode), clip(c.locs)
		o.cols[j] = c
	}
	return o
}
