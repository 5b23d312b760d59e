package coverage

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources/normalize"
)

// notHosts are codes of fact rows that name no single host country: all
// hosts together, and Cuba itself (pay at home, domestic figures).
var notHosts = map[string]bool{normalize.WorldCode: true, "CUB": true}

// Report is what one release covers.
type Report struct {
	Rows     map[string]int // rows per fact table
	Hosts    []Host         // every host country with a figure, by code
	Revenue  []Series       // revenue figures by concept, in vocabulary order
	ObsTypes []TypeCount    // figures per observation type, in vocabulary order
}

// Host is one host country's figures: how many rows of worker counts,
// contract rates and revenue (with this host as partner) name it, and
// their data years.
type Host struct {
	Code, Name                          string
	Counts, Rates, Revenue              int // rows of each fact table
	CountYears, RateYears, RevenueYears []int64
}

// Series counts the reported revenue figures of one concept per data year:
// rows whose source gave the value (or its bounds) for that calendar year.
// Figures for several years or part of a year (anything but a flow over
// one whole calendar year: period_start..period_end of 12 months) are left
// out, so a year counts only where the source gave a figure for it; so are
// plans (observation type plan: a target or forecast, not an outcome).
type Series struct {
	Concept string
	Years   map[int64]int
}

// TypeCount is how many figures of one observation type each fact table
// holds.
type TypeCount struct {
	Type                         string
	Revenue, Rates, WorkerCounts int
}

// Read reads the fact tables of the release version directory dir
// (OUT/releases/vX.Y.Z).
func Read(dir string) (*Report, error) {
	revenue, err := readTable[schemas.Revenue](dir, schemas.RevenueName)
	if err != nil {
		return nil, err
	}
	rates, err := readTable[schemas.ContractRate](dir, schemas.ContractRatesName)
	if err != nil {
		return nil, err
	}
	counts, err := readTable[schemas.WorkerCount](dir, schemas.WorkerCountsName)
	if err != nil {
		return nil, err
	}
	r := &Report{Rows: map[string]int{
		schemas.RevenueName: len(revenue), schemas.ContractRatesName: len(rates), schemas.WorkerCountsName: len(counts),
	}}
	hosts := map[string]*Host{}
	host := func(code string) *Host {
		h := hosts[code]
		if h == nil {
			name, _ := normalize.CountryName(code)
			h = &Host{Code: code, Name: name}
			hosts[code] = h
		}
		return h
	}
	// tally counts one row of a host in the fields field picks.
	tally := func(code string, year int64, field func(*Host) (*int, *[]int64)) {
		if notHosts[code] {
			return
		}
		n, years := field(host(code))
		*n++
		*years = addYear(*years, year)
	}
	for _, c := range counts {
		tally(c.HostCountry, c.Year, func(h *Host) (*int, *[]int64) { return &h.Counts, &h.CountYears })
	}
	for _, c := range rates {
		tally(c.HostCountry, c.Year, func(h *Host) (*int, *[]int64) { return &h.Rates, &h.RateYears })
	}
	for _, v := range revenue {
		tally(v.PartnerCountry, v.Year, func(h *Host) (*int, *[]int64) { return &h.Revenue, &h.RevenueYears })
	}
	for _, h := range hosts {
		r.Hosts = append(r.Hosts, *h)
	}
	slices.SortFunc(r.Hosts, func(a, b Host) int { return strings.Compare(a.Code, b.Code) })
	r.Revenue = series(revenue)
	r.ObsTypes = obsTypes(revenue, rates, counts)
	return r, nil
}

func readTable[T any](dir, name string) ([]T, error) {
	t, ok := schemas.ByName(name)
	if !ok {
		return nil, fmt.Errorf("coverage: no table %s", name)
	}
	path := filepath.Join(dir, "data", name+".csv")
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("coverage: %w", err)
	}
	defer f.Close()
	rows, err := schemas.ReadCSV[T](f, t)
	if err != nil {
		return nil, fmt.Errorf("coverage: %s: %w", path, err)
	}
	return rows, nil
}

// addYear inserts y into the sorted set ys.
func addYear(ys []int64, y int64) []int64 {
	i, found := slices.BinarySearch(ys, y)
	if found {
		return ys
	}
	return slices.Insert(ys, i, y)
}

func series(revenue []schemas.Revenue) []Series {
	by := map[string]map[int64]int{}
	for _, v := range revenue {
		// A year counts when a figure reports its whole flow; a plan (a
		// target or forecast) is not a figure of what happened.
		if n, _ := schemas.PeriodMonths(v.PeriodStart, v.PeriodEnd); v.Status != "reported" || v.Aggregation != "flow" || n != 12 ||
			!schemas.WithinYear(v.PeriodStart, v.PeriodEnd) || v.ObservationType == "plan" {
			continue
		}
		if by[v.Concept] == nil {
			by[v.Concept] = map[int64]int{}
		}
		by[v.Concept][v.Year]++
	}
	var out []Series
	for _, c := range vocabCodes("concept") {
		if years := by[c]; years != nil {
			out = append(out, Series{Concept: c, Years: years})
		}
	}
	return out
}

func obsTypes(revenue []schemas.Revenue, rates []schemas.ContractRate, counts []schemas.WorkerCount) []TypeCount {
	n := map[string]*TypeCount{}
	get := func(t string) *TypeCount {
		if n[t] == nil {
			n[t] = &TypeCount{Type: t}
		}
		return n[t]
	}
	for _, v := range revenue {
		get(v.ObservationType).Revenue++
	}
	for _, v := range rates {
		get(v.ObservationType).Rates++
	}
	for _, v := range counts {
		get(v.ObservationType).WorkerCounts++
	}
	var out []TypeCount
	for _, c := range vocabCodes("observation_type") {
		if tc := n[c]; tc != nil {
			out = append(out, *tc)
		}
	}
	return out
}

func vocabCodes(name string) []string {
	v, ok := schemas.VocabByName(name)
	if !ok {
		panic("coverage: no vocabulary " + name)
	}
	return v.Codes()
}

// WithCountOrRate counts the host countries with at least one worker
// count or contract rate (a host named only as a revenue partner is not
// counted).
func (r *Report) WithCountOrRate() int {
	return r.count(func(h Host) bool { return h.Counts > 0 || h.Rates > 0 })
}

// WithCount counts the host countries with at least one worker count.
func (r *Report) WithCount() int { return r.count(func(h Host) bool { return h.Counts > 0 }) }

// WithRate counts the host countries with at least one contract rate.
func (r *Report) WithRate() int { return r.count(func(h Host) bool { return h.Rates > 0 }) }

// WithBoth counts the host countries with a worker count and a contract rate.
func (r *Report) WithBoth() int {
	return r.count(func(h Host) bool { return h.Counts > 0 && h.Rates > 0 })
}

func (r *Report) count(ok func(Host) bool) int {
	n := 0
	for _, h := range r.Hosts {
		if ok(h) {
			n++
		}
	}
	return n
}

// YearsWithout lists the years from first to last (inclusive) that have no
// reported figure of concept.
func (r *Report) YearsWithout(concept string, first, last int64) []int64 {
	var years map[int64]int
	for _, s := range r.Revenue {
		if s.Concept == concept {
			years = s.Years
		}
	}
	var missing []int64
	for y := first; y <= last; y++ {
		if years[y] == 0 {
			missing = append(missing, y)
		}
	}
	return missing
}
