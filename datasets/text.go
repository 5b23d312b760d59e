package datasets

import (
	"hash/maphash"
	"strings"
)

// text is one text column: each row holds a code, and each distinct value
// is stored once. Codes are one byte wide while the column has at most
// 256 distinct values, two bytes up to 65,536, four beyond. The
// dictionary is an open-addressing hash table of codes, so the column
// holds no pointer the garbage collector has to follow per row, only one
// string per distinct value.
//
// A new value is copied into the column's current chunk (a
// strings.Builder that is only appended to, so the strings cut from it
// stay valid and unchanged), never kept as the caller's string: that may
// be a substring of a whole CSV record, which it would keep alive.
type text struct {
	c8    []uint8
	c16   []uint16
	c32   []uint32
	vals  []string // the value of each code
	chunk strings.Builder
	slots []uint32 // code+1 of the value hashed there, or 0 when empty
	seed  maphash.Seed
	last  uint32 // code of the value last looked up, +1 (0: none)
}

func newText(capacity int) *text {
	t := &text{seed: maphash.MakeSeed(), c8: make([]uint8, 0, capacity)}
	t.slots = make([]uint32, 16)
	return t
}

func (t *text) len() int { return len(t.c8) + len(t.c16) + len(t.c32) }

// value returns the text of code c.
func (t *text) value(c uint32) string { return t.vals[c] }

// chunkBytes is the most bytes a chunk of new values takes at once (a
// longer value gets a chunk of its own); a column's first chunks are
// smaller, so a column of few values stays small.
const chunkBytes = 64 << 10

// keep returns a copy of s in the column's current chunk.
func (t *text) keep(s string) string {
	if s == "" {
		return ""
	}
	if t.chunk.Cap()-t.chunk.Len() < len(s) {
		size := max(min(2*t.chunk.Cap(), chunkBytes), 256, len(s))
		t.chunk = strings.Builder{} // the old chunk stays as long as a value cut from it
		t.chunk.Grow(size)
	}
	n := t.chunk.Len()
	t.chunk.WriteString(s)
	return t.chunk.String()[n:]
}

// codeAt is row i's code.
func (t *text) codeAt(i int) uint32 {
	switch {
	case t.c32 != nil:
		return t.c32[i]
	case t.c16 != nil:
		return uint32(t.c16[i])
	}
	return uint32(t.c8[i])
}

func (t *text) get(i int) string { return t.value(t.codeAt(i)) }

// code returns the code of s, adding s to the dictionary when it is new.
func (t *text) code(s string) uint32 {
	// Rows often repeat the previous row's value (a source's rows share
	// its id, currency, period ...): compare with it before hashing.
	if t.last > 0 && t.value(t.last-1) == s {
		return t.last - 1
	}
	k := t.lookup(s)
	t.last = k + 1
	return k
}

// lookup returns the code of s, adding s when it is new.
func (t *text) lookup(s string) uint32 {
	if t.slots == nil {
		t.rehash(len(t.vals))
	}
	mask := uint32(len(t.slots) - 1)
	h := uint32(maphash.String(t.seed, s))
	for j := h & mask; ; j = (j + 1) & mask {
		c := t.slots[j]
		if c == 0 {
			break
		}
		if t.value(c-1) == s {
			return c - 1
		}
	}
	k := uint32(len(t.vals))
	t.vals = append(t.vals, t.keep(s))
	t.widen(k)
	if 2*len(t.vals) > len(t.slots) {
		t.rehash(len(t.vals))
	} else {
		t.place(k, h)
	}
	return k
}

// place puts code k, whose value hashes to h, into the first free slot.
func (t *text) place(k, h uint32) {
	mask := uint32(len(t.slots) - 1)
	j := h & mask
	for t.slots[j] != 0 {
		j = (j + 1) & mask
	}
	t.slots[j] = k + 1
}

// rehash makes a hash table of at least twice n slots and fills it.
func (t *text) rehash(n int) {
	size := 16
	for size < 2*n {
		size *= 2
	}
	t.slots = make([]uint32, size)
	for k, v := range t.vals {
		t.place(uint32(k), uint32(maphash.String(t.seed, v)))
	}
}

// widen makes the codes wide enough to hold code k.
func (t *text) widen(k uint32) {
	switch {
	case k == 1<<8 && t.c16 == nil && t.c32 == nil:
		c16 := make([]uint16, len(t.c8), max(cap(t.c8), 1))
		for i, c := range t.c8 {
			c16[i] = uint16(c)
		}
		t.c8, t.c16 = nil, c16
	case k == 1<<16 && t.c32 == nil:
		c32 := make([]uint32, len(t.c16), max(cap(t.c16), 1))
		for i, c := range t.c16 {
			c32[i] = uint32(c)
		}
		t.c16, t.c32 = nil, c32
	}
}

// push appends a row holding s.
func (t *text) push(s string) {
	c := t.code(s)
	switch {
	case t.c32 != nil:
		t.c32 = append(t.c32, c)
	case t.c16 != nil:
		t.c16 = append(t.c16, uint16(c))
	default:
		t.c8 = append(t.c8, uint8(c))
	}
}

// set makes row i hold s. A value that is already the row's (the common
// case when a whole row is written back) costs one comparison.
func (t *text) set(i int, s string) {
	if t.get(i) == s {
		return
	}
	t.setCode(i, t.code(s))
}

// permute puts the rows' codes in the order idx gives. A column of
// mostly distinct values (an id, a locator) is then renumbered, so that
// reading the rows in order reads its values in order too.
func (t *text) permute(idx []int) {
	switch {
	case t.c32 != nil:
		t.c32 = gather(t.c32, idx)
	case t.c16 != nil:
		t.c16 = gather(t.c16, idx)
	default:
		t.c8 = gather(t.c8, idx)
	}
	if 4*len(t.vals) > t.len() {
		t.renumber()
	}
}

// fill makes the column hold values, row i holding values[i], each
// stored in row order under its own code (no lookups: for a column of
// distinct values, such as freshly derived ids, hashing each one would
// only find it new). The values are copied into one string, cut into
// them. The hash table is built when a value is next looked up.
func (t *text) fill(values []string) {
	size := 0
	for _, v := range values {
		size += len(v)
	}
	var all strings.Builder
	all.Grow(size)
	for _, v := range values {
		all.WriteString(v)
	}
	t.vals = make([]string, len(values))
	for i, off := 0, 0; i < len(values); i++ {
		t.vals[i] = all.String()[off : off+len(values[i])]
		off += len(values[i])
	}
	t.chunk = strings.Builder{}
	t.c8, t.c16, t.c32 = nil, nil, nil
	switch n := len(values); {
	case n <= 1<<8:
		t.c8 = make([]uint8, n)
		for i := range t.c8 {
			t.c8[i] = uint8(i)
		}
	case n <= 1<<16:
		t.c16 = make([]uint16, n)
		for i := range t.c16 {
			t.c16[i] = uint16(i)
		}
	default:
		t.c32 = make([]uint32, n)
		for i := range t.c32 {
			t.c32[i] = uint32(i)
		}
	}
	t.slots, t.last = nil, 0
}

// setCode makes row i hold code c.
func (t *text) setCode(i int, c uint32) {
	switch {
	case t.c32 != nil:
		t.c32[i] = c
	case t.c16 != nil:
		t.c16[i] = uint16(c)
	default:
		t.c8[i] = uint8(c)
	}
}

// renumber rebuilds the dictionary in the order the rows first use each
// value, dropping values no row holds any more (left by edits).
func (t *text) renumber() {
	remap := make([]uint32, len(t.vals)) // old code -> new code + 1
	vals := make([]string, 0, len(t.vals))
	for i := range t.len() {
		c := t.codeAt(i)
		if remap[c] == 0 {
			vals = append(vals, t.vals[c])
			remap[c] = uint32(len(vals))
		}
		t.setCode(i, remap[c]-1)
	}
	// The hash table is rebuilt when a value is next looked up: after a
	// sort, usually never.
	t.vals, t.slots, t.last = vals, nil, 0
}

// clone is an independent copy of t.
func (t *text) clone() *text {
	return &text{c8: clip(t.c8), c16: clip(t.c16), c32: clip(t.c32), vals: clip(t.vals),
		slots: clip(t.slots), seed: t.seed}
}

// gather returns the values of s in the order idx gives, in a new slice.
func gather[E any](s []E, idx []int) []E {
	out := make([]E, len(s), cap(s))
	for j, i := range idx {
		out[j] = s[i]
	}
	return out
}

// clip copies s, or keeps nil as nil.
func clip[E any](s []E) []E {
	if s == nil {
		return nil
	}
	return append(make([]E, 0, len(s)), s...)
}
