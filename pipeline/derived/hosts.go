package derived

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
)

// roleOf maps a profession to the worker_counts role that counts it, so a
// host estimate pairs a rate with a count of the same workers when it can.
var roleOf = map[string]string{
	"doctor": "doctors", "general_practitioner": "doctors", "specialist_doctor": "doctors",
	"nurse": "nurses", "health_technician": "health_technicians", "health_worker": "health_workers",
	"teacher": "teachers", "all_professions": "collaborators",
}

// countKindRank prefers counts of workers present over numbers agreed in
// a contract. Arrivals and cumulative counts are not a number of workers
// paid through a year, and are not used.
var countKindRank = []string{"stock", "agreed"}

// estimable reports whether a count can be multiplied by a year's pay.
func estimable(x *schemas.WorkerCount) bool { return slices.Contains(countKindRank, x.CountKind) }

type hostYear struct {
	host string
	year int64
}

// rateBounds is a rate's US$ per worker-month, or its bounds.
func rateBounds(x *schemas.ContractRate) (lo, hi float64, ok bool) {
	switch {
	case x.USDPerWorkerMonth != nil:
		return *x.USDPerWorkerMonth, *x.USDPerWorkerMonth, true
	case x.USDPerWorkerMonthLow != nil && x.USDPerWorkerMonthHigh != nil:
		return *x.USDPerWorkerMonthLow, *x.USDPerWorkerMonthHigh, true
	}
	return 0, 0, false
}

// countBounds is a count, or its bounds.
func countBounds(x *schemas.WorkerCount) (lo, hi int64, ok bool) {
	switch {
	case x.Status != "reported":
		return 0, 0, false
	case x.Count != nil:
		return *x.Count, *x.Count, true
	case x.CountLow != nil && x.CountHigh != nil:
		return *x.CountLow, *x.CountHigh, true
	}
	return 0, 0, false
}

func rateCandidate(x *schemas.ContractRate, secondary map[string]bool) candidate {
	return candidate{hasFigure: true, obsType: x.ObservationType, secondary: secondary[x.SourceID],
		qualifier: x.Qualifier, usable: true, obsID: x.ObsID}
}

// hostEstimates derives one row per host country (not WLD) and year with
// a preferred worker count and a preferred host-pays rate in US$ per
// worker-month. It returns the rows sorted by host and year.
func hostEstimates(rows *datasets.Rows) []schemas.HostEstimate {
	secondary := map[string]bool{}
	for _, s := range rows.Sources {
		secondary[s.SourceID] = s.Cites != ""
	}
	// Indices of the candidate rows of each host and year; only those of
	// a host-year with both a rate and a count are read again.
	rates := map[hostYear][]int{}
	shares := map[hostYear][]int{}
	for i, x := range rows.ContractRates.All() {
		// Only totals: a part of a payment (an allowance, the part paid
		// abroad, logistics the host bears) is not what the host pays.
		if x.Preferred == nil || !*x.Preferred || x.HostCountry == "WLD" || x.Status != "reported" || x.Component != "total" {
			continue
		}
		k := hostYear{x.HostCountry, x.Year}
		if _, _, ok := rateBounds(&x); ok && x.Measure == "host_pays" {
			rates[k] = append(rates[k], i)
		}
		if x.Measure != "host_pays" {
			shares[k] = append(shares[k], i)
		}
	}
	counts := map[hostYear][]int{}
	for i, x := range rows.WorkerCounts.All() {
		if x.Preferred == nil || !*x.Preferred || x.HostCountry == "WLD" || !estimable(&x) {
			continue
		}
		if _, _, ok := countBounds(&x); ok {
			k := hostYear{x.HostCountry, x.Year}
			counts[k] = append(counts[k], i)
		}
	}
	var out []schemas.HostEstimate
	for _, k := range slices.SortedFunc(maps.Keys(rates), func(a, b hostYear) int {
		return cmp.Or(cmp.Compare(a.host, b.host), cmp.Compare(a.year, b.year))
	}) {
		if len(counts[k]) == 0 {
			continue
		}
		rate := slices.MinFunc(copiesAt(rows.ContractRates, rates[k]), func(a, b *schemas.ContractRate) int {
			return comparePreference(rateCandidate(a, secondary), rateCandidate(b, secondary))
		})
		role := roleOf[rate.Profession]
		count := slices.MinFunc(copiesAt(rows.WorkerCounts, counts[k]), func(a, b *schemas.WorkerCount) int {
			match := func(x *schemas.WorkerCount) int {
				if x.Role == role {
					return 0
				}
				return 1
			}
			ca := candidate{hasFigure: true, obsType: a.ObservationType, secondary: secondary[a.SourceID], qualifier: a.Qualifier, usable: true, obsID: a.ObsID}
			cb := candidate{hasFigure: true, obsType: b.ObservationType, secondary: secondary[b.SourceID], qualifier: b.Qualifier, usable: true, obsID: b.ObsID}
			return cmp.Or(cmp.Compare(match(a), match(b)), cmp.Compare(rankOf(countKindRank, a.CountKind), rankOf(countKindRank, b.CountKind)),
				comparePreference(ca, cb))
		})
		out = append(out, estimate(k, rate, count, copiesAt(rows.ContractRates, shares[k]), secondary))
	}
	return out
}

// copiesAt reads the rows idx names, in order, as pointers to copies.
func copiesAt[T any](rows datasets.Columns[T], idx []int) []*T {
	out := make([]*T, len(idx))
	for j, i := range idx {
		r := rows.At(i)
		out[j] = &r
	}
	return out
}

func estimate(k hostYear, rate *schemas.ContractRate, count *schemas.WorkerCount, shares []*schemas.ContractRate, secondary map[string]bool) schemas.HostEstimate {
	rlo, rhi, _ := rateBounds(rate)
	wlo, whi, _ := countBounds(count)
	e := schemas.HostEstimate{HostCountry: k.host, Year: k.year, WorkersLow: wlo, WorkersHigh: whi,
		HostPaysUSD: rate.USDPerWorkerMonth, HostPaysUSDLow: rlo, HostPaysUSDHigh: rhi,
		ImpliedRevenueUSDLow: float64(wlo) * rlo * 12, ImpliedRevenueHigh: float64(whi) * rhi * 12,
		WorkersObsID: count.ObsID, RateObsID: rate.ObsID}
	if count.Count != nil {
		w := *count.Count
		e.Workers = &w
	}
	if e.Workers != nil && e.HostPaysUSD != nil {
		v := float64(*e.Workers) * *e.HostPaysUSD * 12
		e.ImpliedRevenueUSD = &v
	}
	var m []string
	m = append(m, "implied_revenue_usd = workers x host_pays_usd_per_worker_month x 12; bounds multiply the bounds")
	m = append(m, fmt.Sprintf("workers: worker_counts %s (%s, %s, %s, %s, %s)", count.ObsID, count.Role, count.CountKind, count.Qualifier, count.ObservationType, count.SourceID))
	m = append(m, fmt.Sprintf("rate: contract_rates %s (%s, %s, %s, %s; %s)", rate.ObsID, rate.Profession, rate.Qualifier, rate.ObservationType, rate.SourceID, rate.USDMethod))
	if r := roleOf[rate.Profession]; r != count.Role {
		m = append(m, fmt.Sprintf("caution: the rate is for %s but the count is of %s", rate.Profession, count.Role))
	}
	if note := setShares(&e, rate, shares, secondary); note != "" {
		m = append(m, note)
	}
	e.Method = strings.Join(m, "; ")
	return e
}

// setShares sets the worker's and the state's share of what the host
// pays: from a preferred worker-receives amount of the same host and year
// (both in US$ per worker-month, exact), else from a reported share. It
// returns how, or "" when no share is known.
func setShares(e *schemas.HostEstimate, rate *schemas.ContractRate, shares []*schemas.ContractRate, secondary map[string]bool) string {
	best := func(measure string, ok func(*schemas.ContractRate) bool) *schemas.ContractRate {
		var b *schemas.ContractRate
		for _, x := range shares {
			if x.Measure != measure || !ok(x) {
				continue
			}
			same := func(y *schemas.ContractRate) int {
				if y.Profession == rate.Profession {
					return 0
				}
				return 1
			}
			if b == nil || cmp.Or(cmp.Compare(same(x), same(b)), comparePreference(rateCandidate(x, secondary), rateCandidate(b, secondary))) < 0 {
				b = x
			}
		}
		return b
	}
	set := func(worker float64, id, how string) string {
		w, s := worker, 100-worker
		e.WorkerSharePct, e.StateSharePct, e.ShareObsID = &w, &s, id
		return how
	}
	if rate.USDPerWorkerMonth != nil && *rate.USDPerWorkerMonth > 0 {
		if wr := best("worker_receives", func(x *schemas.ContractRate) bool { return x.USDPerWorkerMonth != nil }); wr != nil {
			w := 100 * *wr.USDPerWorkerMonth / *rate.USDPerWorkerMonth
			if w <= 100 {
				return set(w, wr.ObsID, fmt.Sprintf("worker_share_pct = 100 x worker receives %s / host pays %s US$ per worker-month (contract_rates %s); state_share_pct = 100 - worker_share_pct",
					num(*wr.USDPerWorkerMonth), num(*rate.USDPerWorkerMonth), wr.ObsID))
			}
		}
	}
	if ws := best("worker_share", func(x *schemas.ContractRate) bool { return x.Amount != nil }); ws != nil {
		return set(*ws.Amount, ws.ObsID, fmt.Sprintf("worker_share_pct reported (contract_rates %s); state_share_pct = 100 - worker_share_pct", ws.ObsID))
	}
	if ss := best("state_share", func(x *schemas.ContractRate) bool { return x.Amount != nil }); ss != nil {
		set(100-*ss.Amount, ss.ObsID, "")
		return fmt.Sprintf("state_share_pct reported (contract_rates %s); worker_share_pct = 100 - state_share_pct", ss.ObsID)
	}
	return ""
}
