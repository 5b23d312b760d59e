package derived

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
)

// A table read in several parts marks the rows one pass in row order
// marks: quantities that span the parts, a later part's row better than
// an earlier part's, equal candidates (the first wins), and quantities
// found in one part only.
func TestMarkPreferredInParts(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	}
	n := 4 * minPreferredPart // four parts on four cores, two on two
	qual := []string{"approx", "exact", "approx", "range"}
	var rows datasets.Columns[schemas.Revenue]
	for i := range n {
		rows.Append(synthRev(fmt.Sprintf("rev_%07d", i), func(r *schemas.Revenue) {
			r.Year = int64(1990 + i%37)   // 37 quantities shared by every part
			if i%1000 == 999 && i > n/2 { // later rows with a year of their own
				r.Year = int64(2100 + i)
			}
			r.Qualifier = qual[(i/7919)%len(qual)] // exact rows first appear well inside the first part
			r.ObsID = "rev_same"                   // equal candidates: only the row order tells them apart
		}))
	}
	cand := func(x *schemas.Revenue) candidate {
		return candidate{hasFigure: true, obsType: x.ObservationType, qualifier: x.Qualifier, usable: true, obsID: x.ObsID}
	}
	markPreferred(rows, cand)
	if parts := max(1, min(runtime.GOMAXPROCS(0), n/minPreferredPart)); parts < 2 {
		t.Fatalf("%d part: the test needs several", parts)
	}
	group := make([]int, n)
	one := bestOf(rows, cand, 0, n, group) // one pass in row order
	marked := 0
	for i, r := range rows.All() {
		want := one.bests[group[i]].i == i
		if r.Preferred == nil || *r.Preferred != want {
			t.Fatalf("row %d (year %d, %s): preferred %v, one pass in order says %v", i, r.Year, r.Qualifier, r.Preferred, want)
		}
		if want {
			marked++
		}
	}
	if marked != len(one.bests) || marked < 37 {
		t.Errorf("%d rows preferred, for %d quantities", marked, len(one.bests))
	}
}
