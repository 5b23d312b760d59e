package datasets

import (
	"fmt"
	"hash/maphash"
	"strings"
)

// text is one text column: each row holds a code, and each distinct value
// is stored once. Codes are one byte wide while the column has at most
// 256 distinct values, two bytes up to 65,536, four beyond. The
// dictionary is an open-addressing hash table of codes.
//
// A new value is copied into the column's current chunk (a
// strings.Builder of at most chunkBytes that is only appended to, so the
// strings cut from it stay valid and unchanged), never kept as the
// caller's string: that may be a substring of a whole CSV record, which
// it would keep alive. A value is found by one word (its chunk, offset
// and length), so the column holds no pointer the garbage collector has
// to follow per row or per value, only one per chunk.
type text struct {
	c8     []uint8
	c16    []uint16
	c32    []uint32
	spans  []uint64 // value k: chunk spans[k]>>40, offset spans[k]>>24&0xffff, length spans[k]&maxText
	chunks []string // the last one is chunk's text so far
	chunk  strings.Builder
	slots  []uint32 // code+1 of the value hashed there, or 0 when empty
	seed   maphash.Seed
	last   uint32 // code of the value last looked up, +1 (0: none)
}

// maxText is the longest value a text column holds (16 MiB - 1 bytes),
// and maxChunks the most chunks.
const (
	maxText   = 1<<24 - 1
	maxChunks = 1 << 24
)

func newText(capacity int) *text {
	t := &text{seed: maphash.MakeSeed(), c8: make([]uint8, 0, capacity)}
	t.slots = make([]uint32, 16)
	return t
}

func (t *text) len() int { return len(t.c8) + len(t.c16) + len(t.c32) }

// value returns the text of code c.
func (t *text) value(c uint32) string {
	sp := t.spans[c]
	off := int(sp >> 24 & 0xffff)
	return t.chunks[sp>>40][off : off+int(sp&maxText)]
}

// chunkBytes is the most bytes a chunk of values takes (a longer value
// gets a chunk of its own, at offset 0); a column's first chunks are
// smaller, so a column of few values stays small.
const chunkBytes = 1 << 16

// keep copies s into the column's current chunk and returns its span.
func (t *text) keep(s string) uint64 {
	if len(s) > maxText {
		panic(fmt.Sprintf("datasets: a text of %d bytes, over the %d a column holds", len(s), maxText))
	}
	if s == "" { // the empty slice of any chunk; the builder, maybe a clone's, is not written
		if len(t.chunks) == 0 {
			t.chunks = append(t.chunks, "")
		}
		return 0
	}
	if len(t.chunks) == 0 || t.chunk.Cap()-t.chunk.Len() < len(s) {
		if len(t.chunks) == maxChunks {
			panic("datasets: a text column of over 16 Mi chunks")
		}
		size := max(min(2*t.chunk.Cap(), chunkBytes), 256, len(s))
		t.chunk = strings.Builder{} // the old chunk stays in chunks
		t.chunk.Grow(size)
		t.chunks = append(t.chunks, "")
	}
	n := t.chunk.Len()
	t.chunk.WriteString(s)
	last := len(t.chunks) - 1
	t.chunks[last] = t.chunk.String()
	return uint64(last)<<40 | uint64(n)<<24 | uint64(len(s))
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
		t.rehash(len(t.spans))
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
	k := uint32(len(t.spans))
	t.spans = append(t.spans, t.keep(s))
	t.widen(k)
	if 2*len(t.spans) > len(t.slots) {
		t.rehash(len(t.spans))
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
	for k := range uint32(len(t.spans)) {
		t.place(k, uint32(maphash.String(t.seed, t.value(k))))
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
	if 4*len(t.spans) > t.len() {
		t.renumber()
	}
}

// fill makes the column hold values, row i holding values[i], each
// stored in row order under its own code (no lookups: for a column of
// distinct values, such as freshly derived ids, hashing each one would
// only find it new). The hash table is built when a value is next looked
// up.
func (t *text) fill(values []string) {
	t.spans, t.chunks, t.chunk = make([]uint64, len(values)), nil, strings.Builder{}
	for i, v := range values {
		t.spans[i] = t.keep(v)
	}
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

// mapValues makes every row hold fn of its text, fn being called once
// per distinct text; the values no row holds any more are dropped.
func (t *text) mapValues(fn func(string) string) {
	n := uint32(len(t.spans))
	to := make([]uint32, n)
	changed := false
	for k := range n {
		if v, w := t.value(k), fn(t.value(k)); w != v {
			to[k], changed = t.lookup(w), true
		} else {
			to[k] = k
		}
	}
	if !changed {
		return
	}
	for i := range t.len() {
		t.setCode(i, to[t.codeAt(i)])
	}
	t.renumber()
}

// setBy makes every row of t whose row in src holds a text for which fn
// answers ok hold fn's text, fn being called once per distinct text of
// src; the other rows keep theirs.
func (t *text) setBy(src *text, fn func(string) (string, bool)) {
	n := uint32(len(src.spans))
	to := make([]uint32, n)
	set := make([]bool, n)
	hit := false
	for k := range n {
		if w, ok := fn(src.value(k)); ok {
			to[k], set[k], hit = t.lookup(w), true, true
		}
	}
	if !hit {
		return
	}
	for i := range src.len() {
		if k := src.codeAt(i); set[k] {
			t.setCode(i, to[k])
		}
	}
	t.renumber()
}

// renumber rebuilds the dictionary in the order the rows first use each
// value, dropping values no row holds any more (left by edits).
func (t *text) renumber() {
	remap := make([]uint32, len(t.spans)) // old code -> new code + 1
	spans := make([]uint64, 0, len(t.spans))
	for i := range t.len() {
		c := t.codeAt(i)
		if remap[c] == 0 {
			spans = append(spans, t.spans[c])
			remap[c] = uint32(len(spans))
		}
		t.setCode(i, remap[c]-1)
	}
	// The hash table is rebuilt when a value is next looked up: after a
	// sort, usually never.
	t.spans, t.slots, t.last = spans, nil, 0
}

// clone is an independent copy of t.
func (t *text) clone() *text {
	return &text{c8: clip(t.c8), c16: clip(t.c16), c32: clip(t.c32), spans: clip(t.spans), chunks: clip(t.chunks),
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

// values sets dst[i] to the text of row lo+i, for every i in dst.
func (t *text) values(lo int, dst []string) {
	switch {
	case t.c32 != nil:
		for i, c := range t.c32[lo : lo+len(dst)] {
			dst[i] = t.value(c)
		}
	case t.c16 != nil:
		for i, c := range t.c16[lo : lo+len(dst)] {
			dst[i] = t.value(uint32(c))
		}
	default:
		for i, c := range t.c8[lo : lo+len(dst)] {
			dst[i] = t.value(uint32(c))
		}
	}
}
