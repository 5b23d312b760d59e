package derived

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
)

// Apply makes the figures comparable (docs/comparable.md): it
// chooses the exchange rate of every currency-year, converts revenue to
// current and constant US dollars and contract rates to US dollars per
// worker per month, marks the preferred row of every quantity, and
// derives host_estimates, the macro shares and the series breaks
// (macro_shares.go). It returns the cross-checks for the release
// notes: sources of rates that disagree, implied host revenue against
// official totals, and host worker counts against world totals.
// baseYear 0 is the latest year with a December CPI index.
func Apply(rows *datasets.Rows, baseYear int64) []string {
	fx, checks := chooseRates(rows)
	convert(rows, fx, baseYear)
	preferAll(rows)
	var excluded []string
	rows.HostEstimates, excluded = hostEstimates(rows)
	checks = append(checks, excluded...)
	checks = append(checks, revenueChecks(rows)...)
	checks = append(checks, countChecks(rows)...)
	checks = append(checks, macro(rows)...)
	return checks
}

func preferred(p *bool) bool { return p != nil && *p }

// revenueChecks compares, per year, the sum of implied host revenue with
// the preferred official world totals of the same year.
func revenueChecks(rows *datasets.Rows) []string {
	type sum struct {
		n             int
		exact, lo, hi float64
		allExact      bool
		hosts         []string
	}
	by := map[int64]*sum{}
	for _, e := range rows.HostEstimates {
		s := by[e.Year]
		if s == nil {
			s = &sum{allExact: true}
			by[e.Year] = s
		}
		s.n++
		s.lo += e.ImpliedRevenueUSDLow
		s.hi += e.ImpliedRevenueHigh
		s.hosts = append(s.hosts, e.HostCountry)
		if e.ImpliedRevenueUSD != nil {
			s.exact += *e.ImpliedRevenueUSD
		} else {
			s.allExact = false
		}
	}
	if len(by) == 0 {
		return nil
	}
	// One pass over revenue: the comparisons of each year, in row order.
	totals := map[int64][]string{}
	for _, r := range rows.Revenue.All() {
		s := by[r.Year]
		if s == nil || !OfficialWorldTotal(&r) {
			continue
		}
		totals[r.Year] = append(totals[r.Year], fmt.Sprintf("Implied payments to the Cuban side %d (derived: hosts' gross outlay for the workers): %s (%s) %s %s US$, %s%% of Cuba's recorded %s of %d (%s US$, %s %s, one year's flow).",
			r.Year, count(s.n, "host estimate"), strings.Join(s.hosts, ", "), sumVerb(s.n), rangeText(money(s.lo), money(s.hi)),
			rangeText(fmt.Sprintf("%.1f", 100*s.lo / *r.ValueUSD), fmt.Sprintf("%.1f", 100*s.hi / *r.ValueUSD)), conceptWords[r.Concept], r.Year, money(*r.ValueUSD), r.ObservationType, r.ObsID))
	}
	var out []string
	for _, y := range slices.Sorted(maps.Keys(by)) {
		s := by[y]
		out = append(out, totals[y]...)
		if len(totals[y]) == 0 {
			out = append(out, fmt.Sprintf("Implied payments to the Cuban side %d (derived: hosts' gross outlay for the workers): %s (%s) %s %s US$; no preferred official figure of Cuba's exports of health or all services for %d alone to compare with.",
				y, count(s.n, "host estimate"), strings.Join(s.hosts, ", "), sumVerb(s.n), rangeText(money(s.lo), money(s.hi)), y))
		}
	}
	return out
}

// conceptWords names the export totals host estimates are compared with.
var conceptWords = map[string]string{"health_services_exports": "exports of health services", "services_exports_total": "exports of all services"}

// OfficialWorldTotal reports whether a revenue row is what a year's
// implied payments by hosts are compared with, like with like: a
// preferred official figure (statistic, document or statement) of Cuba's
// exports of health or all services to the whole world, in US dollars,
// for one calendar year (a flow over the year: never a cumulative or
// multi-year figure).
func OfficialWorldTotal(r *schemas.Revenue) bool {
	_, concept := conceptWords[r.Concept]
	return concept && r.PartnerCountry == "WLD" && preferred(r.Preferred) && r.ValueUSD != nil &&
		strings.HasPrefix(r.ObservationType, "official_") && oneYearFlow(r)
}

// countChecks compares, per year and role, the sum of the preferred stock
// counts of the host countries with the preferred world totals.
func countChecks(rows *datasets.Rows) []string {
	type key struct {
		year int64
		role string
	}
	sums := map[key][2]int64{} // low, high
	n := map[key]int{}
	world := map[key][]int{} // indices of the world totals
	for i, x := range rows.WorkerCounts.All() {
		if !preferred(x.Preferred) || x.CountKind != "stock" {
			continue
		}
		lo, hi, ok := countBounds(&x)
		if !ok {
			continue
		}
		k := key{x.Year, x.Role}
		if x.HostCountry == "WLD" {
			world[k] = append(world[k], i)
			continue
		}
		s := sums[k]
		sums[k] = [2]int64{s[0] + lo, s[1] + hi}
		n[k]++
	}
	var out []string
	for _, k := range slices.SortedFunc(maps.Keys(sums), func(a, b key) int {
		return cmp.Or(cmp.Compare(a.year, b.year), cmp.Compare(a.role, b.role))
	}) {
		for _, i := range world[k] {
			w := rows.WorkerCounts.At(i)
			lo, hi, _ := countBounds(&w)
			out = append(out, fmt.Sprintf("Worker counts %d, %s (stock): %s %s %s; the preferred world figure (%s, %s) is %s.",
				k.year, k.role, count(n[k], "host country count"), sumVerb(n[k]), rangeText(strconv.FormatInt(sums[k][0], 10), strconv.FormatInt(sums[k][1], 10)),
				w.Sector, w.ObsID, rangeText(strconv.FormatInt(lo, 10), strconv.FormatInt(hi, 10))))
		}
	}
	return out
}

// count is "1 host estimate" or "3 host estimates".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// sumVerb is what n figures do together: one "is", several "sum to".
func sumVerb(n int) string {
	if n == 1 {
		return "is"
	}
	return "sum to"
}

// rangeText is a range "lo-hi", or one figure when both ends are the same.
func rangeText(lo, hi string) string {
	if lo == hi {
		return lo
	}
	return lo + "-" + hi
}

// money prints a US-dollar amount rounded to the dollar.
func money(v float64) string { return fmt.Sprintf("%.0f", v) }

// oneYearFlow reports whether a revenue figure is a flow over one
// calendar year (its year): the only figures a year's implied host
// revenue is compared with.
func oneYearFlow(r *schemas.Revenue) bool {
	return r.Aggregation == "flow" && schemas.WithinYear(r.PeriodStart, r.PeriodEnd)
}
