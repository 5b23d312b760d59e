package datasets

import (
	"cmp"
	"slices"

	"github.com/cubaexports/cubaexports/schemas"
)

// Rows holds the rows of every published table.
type Rows struct {
	Revenue       Columns[schemas.Revenue]
	ContractRates Columns[schemas.ContractRate]
	WorkerCounts  Columns[schemas.WorkerCount]
	Sources       []schemas.Source
	FXRates       []schemas.FXRate
	CPI           []schemas.CPI
	HostEstimates []schemas.HostEstimate
}

// Append adds the rows of o to r. A table r has no rows of yet takes o's
// slice as it is (no copy: one large document's rows are not held twice),
// so the caller hands o over and does not change its rows afterwards.
func (r *Rows) Append(o Rows) {
	appendColumns(&r.Revenue, o.Revenue)
	appendColumns(&r.ContractRates, o.ContractRates)
	appendColumns(&r.WorkerCounts, o.WorkerCounts)
	r.Sources = appendRows(r.Sources, o.Sources)
	r.FXRates = appendRows(r.FXRates, o.FXRates)
	r.CPI = appendRows(r.CPI, o.CPI)
	r.HostEstimates = appendRows(r.HostEstimates, o.HostEstimates)
}

// appendColumns adds the rows of o to *to; an empty *to takes o's rows
// as they are (no copy).
func appendColumns[T any](to *Columns[T], o Columns[T]) {
	switch {
	case o.Len() == 0:
	case to.Len() == 0:
		*to = o
	default:
		for _, r := range o.All() {
			to.Append(r)
		}
	}
}

func appendRows[T any](to, rows []T) []T {
	if len(rows) == 0 {
		return to
	}
	if len(to) == 0 {
		return rows[:len(rows):len(rows)] // a later append copies rather than writing into o's spare capacity
	}
	return append(to, rows...)
}

// Len is the number of rows in all tables.
func (r *Rows) Len() int {
	return r.Revenue.Len() + r.ContractRates.Len() + r.WorkerCounts.Len() + len(r.Sources) + len(r.FXRates) +
		len(r.CPI) + len(r.HostEstimates)
}

// Counts is the number of rows per table name.
func (r *Rows) Counts() map[string]int {
	return map[string]int{
		schemas.RevenueName:       r.Revenue.Len(),
		schemas.ContractRatesName: r.ContractRates.Len(),
		schemas.WorkerCountsName:  r.WorkerCounts.Len(),
		schemas.SourcesName:       len(r.Sources),
		schemas.FXRatesName:       len(r.FXRates),
		schemas.CPIName:           len(r.CPI),
		schemas.HostEstimatesName: len(r.HostEstimates),
	}
}

// Sorted reports whether every table is already in its canonical order
// (the order Sort gives), so a writer can use the rows as they are.
func (r *Rows) Sorted() bool {
	return sortedByID(r.Revenue) && sortedByID(r.ContractRates) &&
		sortedByID(r.WorkerCounts) && isSorted(r.Sources, bySourceID) && isSorted(r.FXRates, byFXKey) &&
		isSorted(r.CPI, byCPIKey) && isSorted(r.HostEstimates, byHostYear)
}

func isSorted[T any](rows []T, cmp func(a, b *T) int) bool {
	for i := 1; i < len(rows); i++ {
		if cmp(&rows[i-1], &rows[i]) > 0 {
			return false
		}
	}
	return true
}

// Sort puts every table in its canonical order: fact tables by obs_id,
// sources by source_id, exchange rates by currency, year and source, CPI
// by year and month, host estimates by host and year. Ties
// cannot happen in valid data (keys are unique); they keep input order.
func (r *Rows) Sort() {
	sortByID(r.Revenue)
	sortByID(r.ContractRates)
	sortByID(r.WorkerCounts)
	sortStable(r.Sources, bySourceID)
	sortStable(r.FXRates, byFXKey)
	sortStable(r.CPI, byCPIKey)
	sortStable(r.HostEstimates, byHostYear)
}

// sortStable sorts rows stably by cmp. It sorts an index of the rows (ties
// broken by position, so the order is the stable one) and then moves each
// row once into place, following the permutation's cycles: a large table
// of wide rows is neither copied nor shuffled row by row.
func sortStable[T any](rows []T, compare func(a, b *T) int) {
	if isSorted(rows, compare) {
		return
	}
	idx := make([]int, len(rows))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Or(compare(&rows[a], &rows[b]), a-b) })
	permute(rows, idx)
}

// sortedByID reports whether the rows are in the order of their ids.
func sortedByID[T any](c Columns[T]) bool {
	ids := c.s.textOf("ObsID")
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
	ids := c.s.textOf("ObsID")
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
	slices.SortFunc(ks, func(a, b keyed) int {
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

// permute puts rows in the order idx gives (rows[j] becomes the old
// rows[idx[j]]), moving each row once, following the permutation's
// cycles; it overwrites idx.
func permute[T any](rows []T, idx []int) {
	for i := range rows {
		if idx[i] < 0 {
			continue
		}
		first, j := rows[i], i
		for {
			k := idx[j]
			idx[j] = -1
			if k == i {
				rows[j] = first
				break
			}
			rows[j], j = rows[k], k
		}
	}
}

func bySourceID(a, b *schemas.Source) int { return cmp.Compare(a.SourceID, b.SourceID) }

func byFXKey(a, b *schemas.FXRate) int {
	return cmp.Or(cmp.Compare(a.Currency, b.Currency), cmp.Compare(a.Year, b.Year), cmp.Compare(a.SourceID, b.SourceID))
}

func byCPIKey(a, b *schemas.CPI) int {
	return cmp.Or(cmp.Compare(a.Year, b.Year), cmp.Compare(a.Month, b.Month), cmp.Compare(a.SourceID, b.SourceID))
}

func byHostYear(a, b *schemas.HostEstimate) int {
	return cmp.Or(cmp.Compare(a.HostCountry, b.HostCountry), cmp.Compare(a.Year, b.Year))
}
