package datasets

import (
	"math"
	"runtime"
	"slices"
	"sync"
	"time"
	"unsafe"
)

// A cstore keeps rows of T column by column, following T's layout: text
// as dictionary codes (text), numbers, booleans and times as 64-bit
// words, pointers as a word and a bit saying whether it is nil. A
// million contract rates take about a third of the memory they take as
// structs, and none of it is scanned by the garbage collector row by row.
type cstore[T any] struct {
	l    *layout
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

func newCStore[T any](capacity int) *cstore[T] {
	l := layoutOf[T]()
	s := &cstore[T]{l: l, cols: make([]column, len(l.fields))}
	for j, f := range l.fields {
		c := &s.cols[j]
		c.f = f
		switch f.kind {
		case kString:
			c.txt = newText(capacity)
		case kTime:
			c.words = make([]uint64, 0, capacity)
			c.nsec = make([]int32, 0, capacity)
		default:
			c.words = make([]uint64, 0, capacity)
		}
	}
	return s
}

// textOf is the text column of the named field (its Go name), or an
// empty column when the store is nil; it panics when T has no such text
// field (a programming error).
func (s *cstore[T]) textOf(field string) *text {
	if s == nil {
		return newText(0)
	}
	for j := range s.cols {
		if c := &s.cols[j]; c.f.name == field && c.txt != nil {
			return c.txt
		}
	}
	panic("datasets: " + s.l.typ.String() + " has no text field " + field)
}

// grow makes room for n more rows in every column.
func (s *cstore[T]) grow(n int) {
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

// push appends row r.
func (s *cstore[T]) push(r *T) {
	p := unsafe.Pointer(r)
	i := s.n
	for j := range s.cols {
		c := &s.cols[j]
		a := at(p, &c.f)
		switch c.f.kind {
		case kString:
			c.txt.push(*(*string)(a))
			continue
		case kTime:
			c.words = append(c.words, 0)
			c.nsec = append(c.nsec, 0)
			if c.lcode != nil {
				c.lcode = append(c.lcode, 0)
			}
		case kPtrInt64, kPtrFloat64, kPtrBool:
			c.words = append(c.words, 0)
			if i/64 >= len(c.valid) {
				c.valid = append(c.valid, 0)
			}
		default:
			c.words = append(c.words, 0)
		}
		c.store(i, a)
	}
	s.n++
}

// save writes row r over row i.
func (s *cstore[T]) save(i int, r *T) { s.saveEdited(i, r, nil) }

// saveEdited writes row r over row i, where r was loaded from row i as
// *orig and then edited: a text field whose string is still the one
// loaded (same bytes at the same address) is unchanged and skipped
// without looking it up. orig may be nil.
func (s *cstore[T]) saveEdited(i int, r, orig *T) {
	p := unsafe.Pointer(r)
	for j := range s.cols {
		c := &s.cols[j]
		a := at(p, &c.f)
		if c.f.kind == kString {
			v := *(*string)(a)
			if orig != nil {
				o := *(*string)(at(unsafe.Pointer(orig), &c.f))
				if len(o) == len(v) && unsafe.StringData(o) == unsafe.StringData(v) {
					continue
				}
			}
			c.txt.set(i, v)
			continue
		}
		c.store(i, a)
	}
}

// store writes the non-text field at a into row i (whose slots exist).
func (c *column) store(i int, a unsafe.Pointer) {
	switch c.f.kind {
	case kInt:
		c.words[i] = uint64(*(*int)(a))
	case kInt64:
		c.words[i] = uint64(*(*int64)(a))
	case kFloat64:
		c.words[i] = math.Float64bits(*(*float64)(a))
	case kBool:
		c.words[i] = b2w(*(*bool)(a))
	case kTime:
		t := (*time.Time)(a)
		c.words[i], c.nsec[i] = uint64(t.Unix()), int32(t.Nanosecond())
		c.setLoc(i, t.Location())
	case kPtrInt64:
		v := *(**int64)(a)
		if c.setValid(i, v != nil) {
			c.words[i] = uint64(*v)
		}
	case kPtrFloat64:
		v := *(**float64)(a)
		if c.setValid(i, v != nil) {
			c.words[i] = math.Float64bits(*v)
		}
	case kPtrBool:
		v := *(**bool)(a)
		if c.setValid(i, v != nil) {
			c.words[i] = b2w(*v)
		}
	}
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

// slabWords is how many pointer targets a pass over many rows allocates
// at once: rows loaded in one pass share slabs, one allocation per few
// dozen rows instead of one per row.
const slabWords = 512

// load writes row i into *r (every stored field is overwritten). Each
// pointer field that is not nil points to a word of its own, taken from
// *slab, which is refilled with n new words when it runs out. A word is
// never handed out twice, so a row's pointers stay its own.
func (s *cstore[T]) load(i int, r *T, slab *[]uint64, n int) {
	p := unsafe.Pointer(r)
	for j := range s.cols {
		c := &s.cols[j]
		a := at(p, &c.f)
		switch c.f.kind {
		case kString:
			*(*string)(a) = c.txt.get(i)
		case kInt:
			*(*int)(a) = int(c.words[i])
		case kInt64:
			*(*int64)(a) = int64(c.words[i])
		case kFloat64:
			*(*float64)(a) = math.Float64frombits(c.words[i])
		case kBool:
			*(*bool)(a) = c.words[i] != 0
		case kTime:
			t := time.Unix(int64(c.words[i]), int64(c.nsec[i])).UTC()
			if c.lcode != nil && c.lcode[i] != 0 {
				t = t.In(c.locs[c.lcode[i]])
			}
			*(*time.Time)(a) = t
		default: // pointers
			if !c.isValid(i) {
				*(*unsafe.Pointer)(a) = nil
				continue
			}
			if len(*slab) == 0 {
				*slab = make([]uint64, n)
			}
			w := unsafe.Pointer(&(*slab)[0])
			*slab = (*slab)[1:]
			switch c.f.kind {
			case kPtrInt64:
				*(*int64)(w) = int64(c.words[i])
			case kPtrFloat64:
				*(*float64)(w) = math.Float64frombits(c.words[i])
			case kPtrBool:
				*(*bool)(w) = c.words[i] != 0
			}
			*(*unsafe.Pointer)(a) = w
		}
	}
}

// permute puts the rows in the order idx gives (row j becomes the old
// row idx[j]). Columns are independent, so they are moved on every core
// at once, each by one goroutine.
func (s *cstore[T]) permute(idx []int) {
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
	if c.f.kind == kString {
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
func (s *cstore[T]) clone() *cstore[T] {
	o := &cstore[T]{l: s.l, n: s.n, cols: make([]column, len(s.cols))}
	for j, c := range s.cols {
		if c.txt != nil {
			c.txt = c.txt.clone()
		}
		c.words, c.valid, c.nsec, c.lcode, c.locs = clip(c.words), clip(c.valid), clip(c.nsec), clip(c.lcode), clip(c.locs)
		o.cols[j] = c
	}
	return o
}
