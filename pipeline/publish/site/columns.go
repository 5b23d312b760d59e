package site

import (
	"cmp"
	"slices"
	"strings"
)

// The order columns are shown in, on previews and country pages, derived
// from each table's schema so that new columns show up without a change
// here: the country and the period first, then every number column (the
// values), the qualifiers of the value, the kind of figure, whatever else
// the table has, and the source last, with where in it the figure stands
// and whether it was found in the archived document (doc_check). Long
// provenance stamps are left out (they are in the files).
var (
	leadColumns = []string{"host_country", "partner_country", "year", "period_start", "period_end"}
	qualColumns = []string{"qualifier", "currency", "per", "unit", "observation_type", "preferred", "status"}
	tailColumns = []string{"note", "source_id", "locator", "page", "doc_check"}
	hidden      = []string{"obs_id", "snapshot_sha256", "retrieved_at", "extractor", "doc_chars"}
)

// countryColumn is the column naming a fact table's host country, or "".
func (t *table) countryColumn() string {
	for _, c := range []string{"host_country", "partner_country"} {
		if t.col(c) >= 0 {
			return c
		}
	}
	return ""
}

// shownColumns returns the indexes of t's columns in display order; the
// columns in drop are left out.
func (t *table) shownColumns(drop ...string) []int {
	types := map[string]string{}
	for _, f := range t.Fields {
		types[f.Name] = f.Type
	}
	var order []string
	add := func(names ...string) {
		for _, n := range names {
			if t.col(n) >= 0 && !slices.Contains(order, n) && !slices.Contains(drop, n) && !slices.Contains(hidden, n) && !slices.Contains(tailColumns[1:], n) {
				order = append(order, n)
			}
		}
	}
	add(leadColumns...)
	for _, h := range t.Header {
		if types[h] == "number" || types[h] == "integer" {
			add(h)
		}
	}
	add(qualColumns...)
	add(t.Header...)
	for _, n := range tailColumns[1:] {
		if t.col(n) >= 0 && !slices.Contains(drop, n) {
			order = append(order, n)
		}
	}
	idx := make([]int, len(order))
	for i, n := range order {
		idx[i] = t.col(n)
	}
	return idx
}

// sortedRecords returns t's rows sorted by country and year (or by year
// alone for a table without a country), then by the other lead columns and
// the row's own order.
func (t *table) sortedRecords() [][]string {
	rows := slices.Clone(t.Records)
	var keys []int
	for _, n := range leadColumns {
		if i := t.col(n); i >= 0 {
			keys = append(keys, i)
		}
	}
	slices.SortStableFunc(rows, func(a, b []string) int {
		for _, k := range keys {
			if c := cmpCell(a[k], b[k]); c != 0 {
				return c
			}
		}
		return 0
	})
	return rows
}

// cmpCell orders numbers as numbers and text as text, empty cells first.
func cmpCell(a, b string) int {
	x, okA := number(a)
	y, okB := number(b)
	if okA && okB {
		return cmp.Compare(x, y)
	}
	return strings.Compare(a, b)
}

// pick returns the cells of r at idx.
func pick(r []string, idx []int) []string {
	out := make([]string, len(idx))
	for i, j := range idx {
		out[i] = r[j]
	}
	return out
}

// preview is the header and the first n rows of t as a table page shows
// them: sorted by country and year, the values, units and qualifiers
// first, every other column after.
func (t *table) preview(n int) ([]string, [][]string) {
	idx := t.shownColumns()
	for i := range t.Header {
		if !slices.Contains(idx, i) {
			idx = append(idx, i)
		}
	}
	rows := t.sortedRecords()
	rows = rows[:min(n, len(rows))]
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = pick(r, idx)
	}
	return pick(t.Header, idx), out
}
