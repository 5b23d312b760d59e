package datasets

import (
	"cmp"
	"runtime"
	"slices"
	"sync"

	"github.com/cubaexports/cubaexports/schemas"
)

// Rows holds the rows of every published table: a typed field for each
// table of schemas.All that code names (a fact table in a Columns, a
// small table in a slice), found by its row type. A registered table
// without a field (a test's extra table) is kept by its name: FactsOf and
// SliceOf reach it. Everything that handles every table iterates the
// registry (see holder), never these fields.
type Rows struct {
	Revenue       Columns[schemas.Revenue]
	ContractRates Columns[schemas.ContractRate]
	WorkerCounts  Columns[schemas.WorkerCount]
	Sources       []schemas.Source
	FXRates       []schemas.FXRate
	CPI           []schemas.CPI
	HostEstimates []schemas.HostEstimate

	more map[string]holder // tables without a field, by name
}

// Append adds the rows of o to r. A table r has no rows of yet takes o's
// rows as they are (no copy: one large document's rows are not held
// twice), so the caller hands o over and does not change its rows
// afterwards.
func (r *Rows) Append(o Rows) {
	r.each(func(t *schemas.Table, h holder) {
		switch oh := o.holder(t); {
		case oh.Len() == 0:
		case h.Len() == 0:
			r.setHolder(t, oh)
		default:
			h.appendFrom(oh)
		}
	})
}

// Len is the number of rows in all tables.
func (r *Rows) Len() int {
	n := 0
	r.each(func(_ *schemas.Table, h holder) { n += h.Len() })
	return n
}

// Counts is the number of rows per table name.
func (r *Rows) Counts() map[string]int {
	m := map[string]int{}
	r.each(func(t *schemas.Table, h holder) { m[t.Name] = h.Len() })
	return m
}

// Sorted reports whether every table is already in its canonical order
// (the order Sort gives), so a writer can use the rows as they are.
func (r *Rows) Sorted() bool {
	ok := true
	r.each(func(_ *schemas.Table, h holder) { ok = ok && h.sorted() })
	return ok
}

// Sort puts every table in its canonical order: by the columns its
// declaration orders it by (schemas.Table.Order: obs_id for a fact
// table). Ties cannot happen in valid data (keys are unique); they keep
// input order.
func (r *Rows) Sort() {
	r.each(func(_ *schemas.Table, h holder) { h.sort() })
}

// Clone returns a copy of r that shares no rows with it.
func (r *Rows) Clone() Rows {
	var c Rows
	r.each(func(t *schemas.Table, h holder) {
		if h.Len() > 0 {
			c.setHolder(t, h.clone())
		}
	})
	return c
}

// sortedByID reports whether the rows are in the order of their ids.
func sortedByID[T any](c Columns[T]) bool {
	if c.Len() == 0 {
		return true
	}
	ids := c.s.base().textOf("obs_id")
	for i := 1; i < c.Len(); i++ {
		if ids.get(i) < ids.get(i-1) {
			return false
		}
	}
	return true
}

// sortByID sorts the rows stably by their ids (the obs_id column, read
// directly), then moves each column once. Ids share their first bytes
// ("rate_"), so each is sorted by the eight bytes after the prefix all
// share, packed in an integer, and by the whole id only where those tie.
func sortByID[T any](c Columns[T]) {
	if sortedByID(c) {
		return
	}
	ids := c.s.base().textOf("obs_id")
	n := c.Len()
	shared := len(ids.get(0))
	for i := 1; i < n && shared > 0; i++ {
		shared = min(shared, commonPrefix(ids.get(0), ids.get(i)))
	}
	type keyed struct {
		pre uint64
		i   int
	}
	ks := make([]keyed, n)
	for i := range ks {
		ks[i] = keyed{packed(ids.get(i)[shared:]), i}
	}
	ks = sortInHalves(ks, func(a, b keyed) int {
		if a.pre != b.pre {
			return cmp.Compare(a.pre, b.pre)
		}
		return cmp.Or(cmp.Compare(ids.get(a.i), ids.get(b.i)), a.i-b.i)
	})
	idx := make([]int, n)
	for j, k := range ks {
		idx[j] = k.i
	}
	c.permute(idx)
}

// sortInHalves sorts s by compare, a total order (no two elements
// compare equal), and returns the sorted elements, in s or in a new
// slice. A long s is sorted in two halves on two goroutines, which are
// then merged: the order is total, so the result is the one sort gives.
func sortInHalves[E any](s []E, compare func(a, b E) int) []E {
	if len(s) < 1<<16 || runtime.GOMAXPROCS(0) < 2 {
		slices.SortFunc(s, compare)
		return s
	}
	a, b := s[:len(s)/2], s[len(s)/2:]
	var wg sync.WaitGroup
	wg.Go(func() { slices.SortFunc(a, compare) })
	slices.SortFunc(b, compare)
	wg.Wait()
	out := make([]E, 0, len(s))
	for len(a) > 0 && len(b) > 0 {
		if compare(b[0], a[0]) < 0 {
			out, b = append(out, b[0]), b[1:]
		} else {
			out, a = append(out, a[0]), a[1:]
		}
	}
	out = append(out, a...)
	return append(out, b...)
}

// commonPrefix is the length of the prefix a and b share.
func commonPrefix(a, b string) int {
	n := min(len(a), len(b))
	for i := range n {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// packed is the first eight bytes of s as a big-endian integer, padded
// with zeros: packed(a) < packed(b) implies a < b.
func packed(s string) uint64 {
	var v uint64
	for i := range 8 {
		v <<= 8
		if i < len(s) {
			v |= uint64(s[i])
		}
	}
	return v
}
