package derived

import (
	"cmp"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"sync"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
)

// obsTypeRank orders observation types, most authoritative first (the
// first preferred rule: official over estimate).
var obsTypeRank = []string{"official_statistic", "official_document", "official_statement",
	"leaked_document", "estimate", "testimony", "claim", "plan"}

// qualifierRank orders qualifiers, exact first (the "exact over
// approximate" rule); bounds and ranges come after approximations.
var qualifierRank = []string{"exact", "approx", "range", "at_least", "more_than", "up_to", "less_than"}

func rankOf(list []string, v string) int {
	if i := slices.Index(list, v); i >= 0 {
		return i
	}
	return len(list)
}

var editionYearRE = regexp.MustCompile(`(19|20)[0-9]{2}`)

// editionYear is the latest year an edition names (e.g. "AEC 2022" ->
// 2022); 0 when there is no edition, which ranks after every edition.
func editionYear(ed string) int {
	y := 0
	for _, m := range editionYearRE.FindAllString(ed, -1) {
		if v, _ := strconv.Atoi(m); v > y {
			y = v
		}
	}
	return y
}

// candidate is what the preferred rules look at in a row.
type candidate struct {
	hasFigure bool   // reported with a value or bounds
	obsType   string // observation_type
	edition   int    // edition year, 0 when none
	secondary bool   // the source cites another document
	qualifier string
	usable    bool // (contract rates) converted to US$ per worker-month
	obsID     string
}

// comparePreference orders two candidates, preferred first: a reported
// figure over none; official over estimate (obsTypeRank); later edition
// over earlier; primary over secondary citation; exact over approximate;
// (contract rates) converted over not; then the smaller obs_id.
func comparePreference(a, b candidate) int {
	bool2 := func(x bool) int {
		if x {
			return 0
		}
		return 1
	}
	return cmp.Or(
		cmp.Compare(bool2(a.hasFigure), bool2(b.hasFigure)),
		cmp.Compare(rankOf(obsTypeRank, a.obsType), rankOf(obsTypeRank, b.obsType)),
		cmp.Compare(b.edition, a.edition),
		cmp.Compare(bool2(!a.secondary), bool2(!b.secondary)),
		cmp.Compare(rankOf(qualifierRank, a.qualifier), rankOf(qualifierRank, b.qualifier)),
		cmp.Compare(bool2(a.usable), bool2(b.usable)),
		cmp.Compare(a.obsID, b.obsID),
	)
}

// preferredColumn is the fact tables' column that marks each quantity's
// preferred row.
const preferredColumn = "preferred"

// markPreferred sets preferred on every row of a table: true on the best
// row of each quantity (rows sharing the quantity key the table declares,
// schemas.Table.QuantityKey), false on the others; of equals, the first.
// The rows are read in parts on several goroutines (a large table's keys
// and candidates are most of the work), each part keeping, per quantity,
// the index and candidate of its best row; the parts are then merged in
// row order, a later part's best replacing an earlier one only when
// strictly better, so the result is that of one pass in order. A last
// pass writes the preferred column alone.
func markPreferred[T any](rows datasets.Columns[T], cand func(*T) candidate) {
	n := rows.Len()
	group := make([]int, n) // row -> its quantity's number in its part, then overall
	parts := make([]preferredPart, max(1, min(runtime.GOMAXPROCS(0), n/minPreferredPart)))
	var wg sync.WaitGroup
	for p := range parts {
		lo, hi := p*n/len(parts), (p+1)*n/len(parts)
		wg.Go(func() { parts[p] = bestOf(rows, cand, lo, hi, group) })
	}
	wg.Wait()
	all := parts[0]
	for p := 1; p < len(parts); p++ {
		part := parts[p]
		remap := make([]int, len(part.bests))
		for key, g := range part.groups {
			to, ok := all.groups[key]
			switch {
			case !ok:
				to = len(all.bests)
				all.groups[key] = to
				all.bests = append(all.bests, part.bests[g])
			case comparePreference(part.bests[g].c, all.bests[to].c) < 0:
				all.bests[to] = part.bests[g]
			}
			remap[g] = to
		}
		for i := p * n / len(parts); i < (p+1)*n/len(parts); i++ {
			group[i] = remap[group[i]]
		}
	}
	rows.SetFlags(preferredColumn, func(i int) bool { return all.bests[group[i]].i == i })
}

// minPreferredPart is the fewest rows markPreferred reads on a goroutine
// of their own.
const minPreferredPart = 32 << 10

// preferredPart is the best row of each quantity among some rows.
type preferredPart struct {
	groups map[string]int // quantity key -> its number, an index of bests
	bests  []best
}

type best struct {
	i int // the row
	c candidate
}

// bestOf reads rows [lo, hi) and returns the best of each quantity among
// them; group[i] is set to row i's quantity number in the result.
func bestOf[T any](rows datasets.Columns[T], cand func(*T) candidate, lo, hi int, group []int) preferredPart {
	t := schemas.TableOf[T]()
	part := preferredPart{groups: map[string]int{}}
	var row T // one variable for every row: the key and cand do not move each to the heap
	rv := reflect.ValueOf(&row).Elem()
	var key []byte // the key of the row, rewritten in place
	for i, r := range rows.Between(lo, hi) {
		row = r
		key = t.QuantityKey(key[:0], rv)
		c := cand(&row)
		g, ok := part.groups[string(key)] // no copy of the key to look it up
		switch {
		case !ok:
			g = len(part.bests)
			part.groups[string(key)] = g
			part.bests = append(part.bests, best{i, c})
		case comparePreference(c, part.bests[g].c) < 0:
			part.bests[g] = best{i, c}
		}
		group[i] = g
	}
	return part
}

// preferAll marks the preferred row of every quantity in the three fact
// tables. The quantity keys are declared in the row structs (tag
// quantity) and documented in docs/comparable.md and the codebook.
func preferAll(rows *datasets.Rows) {
	secondary := map[string]bool{}
	for _, s := range rows.Sources {
		secondary[s.SourceID] = s.Cites != ""
	}
	markPreferred(rows.Revenue,
		func(x *schemas.Revenue) candidate {
			return candidate{hasFigure: x.Status == "reported" && (x.Value != nil || x.ValueLow != nil || x.ValueHigh != nil),
				obsType: x.ObservationType, edition: editionYear(x.Edition), secondary: secondary[x.SourceID],
				qualifier: x.Qualifier, usable: true, obsID: x.ObsID}
		})
	markPreferred(rows.ContractRates,
		func(x *schemas.ContractRate) candidate {
			return candidate{hasFigure: x.Status == "reported" && (x.Amount != nil || x.AmountLow != nil || x.AmountHigh != nil),
				obsType: x.ObservationType, secondary: secondary[x.SourceID], qualifier: x.Qualifier,
				usable: x.USDPerWorkerMonth != nil || (x.USDPerWorkerMonthLow != nil && x.USDPerWorkerMonthHigh != nil), obsID: x.ObsID}
		})
	markPreferred(rows.WorkerCounts,
		func(x *schemas.WorkerCount) candidate {
			return candidate{hasFigure: x.Status == "reported" && (x.Count != nil || x.CountLow != nil || x.CountHigh != nil),
				obsType: x.ObservationType, secondary: secondary[x.SourceID], qualifier: x.Qualifier, usable: true, obsID: x.ObsID}
		})
}
