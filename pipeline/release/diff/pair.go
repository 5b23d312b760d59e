package diff

import (
	"slices"
)

// passage is where in which document a fact row's figure stands.
type passage struct{ source, locator string }

// pairable reports whether the removed and added rows of a table can be
// paired: a fact table (keyed by obs_id) whose both sides have source_id
// and locator columns.
func pairable(ot, nt csvTable) bool {
	for _, t := range []csvTable{ot, nt} {
		if len(t.key) != 1 || t.key[0] != t.index("obs_id") || t.key[0] < 0 ||
			t.index("source_id") < 0 || t.index("locator") < 0 {
			return false
		}
	}
	return true
}

// pair matches the rows of a fact table that were removed and added by
// obs_id but are the same passage of the same document: the same
// source_id and the same non-empty locator, when that pair is unique among
// the table's removed rows and unique among its added rows. Such a row was
// re-identified (a curator corrected one of its identity columns, or the
// table gained identity columns): it becomes a RowChange keyed by its new
// obs_id whose cells are every cell that differs, the obs_id first, and
// columns the older side lacks compared against empty, since the new
// identity columns are what re-identified it. Within a passage that two
// or more removed or added rows share, an old and a new row are paired
// when each is the other's unique closest row (the most equal cells among
// the columns both sides have, obs_id aside) and they agree on at least
// half of those columns; the other rows of the passage stay removed and
// added. added holds the records of the added rows by key.
func (td *TableDiff) pair(ot, nt csvTable, oldRows, added map[string][]string) {
	olds := passages(ot, td.Removed, oldRows)
	news := passages(nt, td.Added, added)
	paired := map[string]bool{}
	match := func(oldKey, newKey string) {
		prev, rec := oldRows[oldKey], added[newKey]
		td.Changed = append(td.Changed, rowChange(ot, nt, newKey, prev, rec, changedCells(ot, nt, prev, rec, true)))
		paired[oldKey], paired[newKey] = true, true
	}
	for _, oldKey := range td.Removed {
		p := passageOf(ot, oldRows[oldKey])
		switch {
		case p.locator == "" || len(olds[p]) == 0 || len(news[p]) == 0:
		case len(olds[p]) == 1 && len(news[p]) == 1:
			match(oldKey, news[p][0])
		default:
			if newKey, ok := closest(ot, nt, oldKey, olds[p], news[p], oldRows, added); ok {
				match(oldKey, newKey)
			}
		}
	}
	if len(paired) == 0 {
		return
	}
	td.Removed = slices.DeleteFunc(td.Removed, func(k string) bool { return paired[k] })
	td.Added = slices.DeleteFunc(td.Added, func(k string) bool { return paired[k] })
}

func passageOf(t csvTable, rec []string) passage {
	return passage{t.cell(rec, "source_id"), t.cell(rec, "locator")}
}

// passages groups the keys of rows by passage.
func passages(t csvTable, keys []string, rows map[string][]string) map[passage][]string {
	m := map[passage][]string{}
	for _, k := range keys {
		p := passageOf(t, rows[k])
		m[p] = append(m[p], k)
	}
	return m
}

// OldKey is the obs_id the row had in the older release when it was
// re-identified (paired by its passage, see Compare), else "".
func (rc RowChange) OldKey() string {
	for _, c := range rc.Cells {
		if c.Column == "obs_id" { // a matched row's obs_id never differs
			return c.Old
		}
	}
	return ""
}

// closest returns the new row of the passage that is oldKey's unique
// closest row when oldKey is that row's unique closest old row too, and
// the two agree on at least half of the columns both sides have.
func closest(ot, nt csvTable, oldKey string, olds, news []string, oldRows, added map[string][]string) (string, bool) {
	var shared [][2]int // column index in the old and in the new table
	for i, h := range ot.header {
		if j := nt.index(h); j >= 0 && h != "obs_id" {
			shared = append(shared, [2]int{i, j})
		}
	}
	equal := func(o, n string) int {
		a, b, k := oldRows[o], added[n], 0
		for _, c := range shared {
			if c[0] < len(a) && c[1] < len(b) && a[c[0]] == b[c[1]] {
				k++
			}
		}
		return k
	}
	best := func(cands []string, score func(string) int) (string, bool) {
		top, second, pick := -1, -1, ""
		for _, c := range cands {
			switch v := score(c); {
			case v > top:
				top, second, pick = v, top, c
			case v > second:
				second = v
			}
		}
		return pick, top > second && 2*top >= len(shared)
	}
	n, ok := best(news, func(c string) int { return equal(oldKey, c) })
	if !ok {
		return "", false
	}
	o, ok := best(olds, func(c string) int { return equal(c, n) })
	return n, ok && o == oldKey
}
