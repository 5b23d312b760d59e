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

// payment reports whether a contract rate is a payment to the Cuban side
// for one worker, an input host_estimates may multiply: what the Cuban
// state receives, or what the host pays directly to the Cuban state; all
// of it (component total), per worker. It returns why not otherwise.
func payment(x *schemas.ContractRate) (bool, string) {
	switch {
	case x.Component != "total":
		return false, fmt.Sprintf("component %s is a part, not the whole payment", x.Component)
	case x.Basis != "per_worker":
		return false, fmt.Sprintf("basis %s is not an amount for one worker", x.Basis)
	case x.Measure == "state_receives":
		return true, ""
	case x.Measure != "host_pays":
		return false, fmt.Sprintf("measure %s is not a payment to the Cuban side", x.Measure)
	case x.PaymentRoute != "direct_to_state":
		return false, fmt.Sprintf("the host pays by route %s, not directly to the Cuban state, and no state_receives figure of the same host and year is known", x.PaymentRoute)
	}
	return true, ""
}

// paymentRank prefers what the state receives to what the host pays it.
func paymentRank(x *schemas.ContractRate) int {
	if x.Measure == "state_receives" {
		return 0
	}
	return 1
}

// hostEstimates derives one row per host country (not WLD) and year with
// a preferred worker count and a preferred payment to the Cuban side per
// worker in US$ per worker-month (payment). It returns the rows sorted by
// host and year, and a line for each host and year with a count whose
// only preferred host payments are not payments to the Cuban side, saying
// why it has no estimate.
func hostEstimates(rows *datasets.Rows) ([]schemas.HostEstimate, []string) {
	secondary := map[string]bool{}
	for _, s := range rows.Sources {
		secondary[s.SourceID] = s.Cites != ""
	}
	// Indices of the candidate rows of each host and year; only those of
	// a host-year with both a rate and a count are read again.
	rates := map[hostYear][]int{}
	excluded := map[hostYear][]string{}
	gross := map[hostYear][]int{} // host_pays totals per worker, for shares
	shares := map[hostYear][]int{}
	for i, x := range rows.ContractRates.All() {
		if !preferred(x.Preferred) || x.HostCountry == "WLD" || x.Status != "reported" || x.Component != "total" {
			continue
		}
		k := hostYear{x.HostCountry, x.Year}
		_, _, priced := rateBounds(&x)
		switch ok, why := payment(&x); {
		case ok && priced:
			rates[k] = append(rates[k], i)
		case x.Measure == "host_pays" && priced:
			excluded[k] = append(excluded[k], fmt.Sprintf("contract_rates %s: %s", x.ObsID, why))
		}
		if x.Measure == "host_pays" && x.Basis == "per_worker" && x.USDPerWorkerMonth != nil {
			gross[k] = append(gross[k], i)
		}
		if x.Measure == "worker_receives" || x.Measure == "worker_share" || x.Measure == "state_share" {
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
	byHostYear := func(a, b hostYear) int { return cmp.Or(cmp.Compare(a.host, b.host), cmp.Compare(a.year, b.year)) }
	var out []schemas.HostEstimate
	var notes []string
	for _, k := range slices.SortedFunc(maps.Keys(excluded), byHostYear) {
		if len(rates[k]) == 0 && len(counts[k]) > 0 {
			notes = append(notes, fmt.Sprintf("Host estimate %s %d not derived: no preferred payment to the Cuban side per worker; %s.", k.host, k.year, strings.Join(excluded[k], "; ")))
		}
	}
	for _, k := range slices.SortedFunc(maps.Keys(rates), byHostYear) {
		if len(counts[k]) == 0 {
			continue
		}
		rate := slices.MinFunc(copiesAt(rows.ContractRates, rates[k]), func(a, b *schemas.ContractRate) int {
			return cmp.Or(cmp.Compare(paymentRank(a), paymentRank(b)), comparePreference(rateCandidate(a, secondary), rateCandidate(b, secondary)))
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
		e := estimate(k, rate, count, copiesAt(rows.ContractRates, gross[k]), copiesAt(rows.ContractRates, shares[k]), secondary)
		if len(excluded[k]) > 0 {
			e.Method += "; not used: " + strings.Join(excluded[k], "; ")
		}
		out = append(out, e)
	}
	return out, notes
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

// combineQualifiers is the qualifier of a product of figures with the
// given qualifiers: a lower bound stays a lower bound (at_least), an upper
// bound an upper bound (up_to); bounds both ways, or an approximate input,
// give approx; a range gives range; exact only when every input is exact.
func combineQualifiers(qs ...string) string {
	var lower, upper, rng, approx bool
	for _, q := range qs {
		switch q {
		case "exact":
		case "more_than", "at_least":
			lower = true
		case "less_than", "up_to":
			upper = true
		case "range":
			rng = true
		default:
			approx = true
		}
	}
	switch {
	case lower && upper:
		return "approx"
	case lower:
		return "at_least"
	case upper:
		return "up_to"
	case rng:
		return "range"
	case approx:
		return "approx"
	}
	return "exact"
}

func estimate(k hostYear, rate *schemas.ContractRate, count *schemas.WorkerCount, gross, shares []*schemas.ContractRate, secondary map[string]bool) schemas.HostEstimate {
	rlo, rhi, _ := rateBounds(rate)
	wlo, whi, _ := countBounds(count)
	e := schemas.HostEstimate{HostCountry: k.host, Year: k.year, WorkersLow: wlo, WorkersHigh: whi,
		HostPaysUSD: rate.USDPerWorkerMonth, HostPaysUSDLow: rlo, HostPaysUSDHigh: rhi,
		ImpliedRevenueUSDLow: float64(wlo) * rlo * 12, ImpliedRevenueHigh: float64(whi) * rhi * 12,
		Qualifier:    combineQualifiers(count.Qualifier, rate.Qualifier),
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
	m = append(m, "implied_revenue_usd = workers x host_pays_usd_per_worker_month x 12: what the Cuban side is paid for the host's workers in a year (a host's gross outlay, not Cuba's recorded exports); bounds multiply the bounds")
	m = append(m, fmt.Sprintf("workers: worker_counts %s (%s, %s, %s, %s, %s, %s)", count.ObsID, count.Role, count.CountKind, count.PeriodEnd, count.Qualifier, count.ObservationType, count.SourceID))
	m = append(m, fmt.Sprintf("rate: contract_rates %s (%s, %s %s, route %s, %s to %s, %s, %s, %s; %s)", rate.ObsID, rate.Profession, rate.Measure, rate.Component, rate.PaymentRoute,
		rate.PeriodStart, rate.PeriodEnd, rate.Qualifier, rate.ObservationType, rate.SourceID, rate.USDMethod))
	m = append(m, fmt.Sprintf("qualifier %s: count %s, rate %s", e.Qualifier, count.Qualifier, rate.Qualifier))
	m = append(m, caveats(rate, count)...)
	if note := setShares(&e, rate, gross, shares, secondary); note != "" {
		m = append(m, note)
	}
	e.Method = strings.Join(m, "; ")
	return e
}

// caveats names what a reader must know before using an estimate: the
// inputs cover different workers, a count agreed rather than present, a
// rate or a count that does not span the year, an intermediary.
func caveats(rate *schemas.ContractRate, count *schemas.WorkerCount) []string {
	var c []string
	if r := roleOf[rate.Profession]; r != count.Role {
		c = append(c, fmt.Sprintf("caution: the rate is for %s but the count is of %s", rate.Profession, count.Role))
	}
	if rate.Subgroup != "" || count.Subgroup != "" {
		c = append(c, fmt.Sprintf("caution: subgroups: the rate covers %q, the count %q (empty: the whole)", rate.Subgroup, count.Subgroup))
	}
	if count.CountKind == "agreed" {
		c = append(c, "caution: the count is a number agreed in a contract, not workers present")
	}
	if count.Aggregation == "stock" {
		c = append(c, fmt.Sprintf("caution: x 12 assumes the %s workers counted at %s served the whole year", count.CountKind, count.PeriodEnd))
	}
	if n, ok := schemas.PeriodMonths(rate.PeriodStart, rate.PeriodEnd); ok && n < 12 {
		c = append(c, fmt.Sprintf("caution: the rate is documented for %s to %s only, and assumed for the whole year", rate.PeriodStart, rate.PeriodEnd))
	}
	if rate.Currency != "USD" {
		c = append(c, fmt.Sprintf("caution: the rate is in %s, converted at the official rate of usd_method", rate.Currency))
	}
	if rate.Measure == "state_receives" && rate.PaymentRoute == "intermediary" {
		c = append(c, "caution: the state receives it through an intermediary, which may keep a fee")
	}
	return c
}

// setShares sets the worker's and the state's share of what the host
// pays, gross with gross: from a preferred worker-receives total of the
// same host and year and a preferred host-pays total, both per worker
// and in US$ per worker-month (the host-pays one the rate itself when it
// is one), else from a reported share. It returns how, with its caveats,
// or "" when no share is known.
func setShares(e *schemas.HostEstimate, rate *schemas.ContractRate, gross, shares []*schemas.ContractRate, secondary map[string]bool) string {
	best := func(rows []*schemas.ContractRate, ok func(*schemas.ContractRate) bool) *schemas.ContractRate {
		var b *schemas.ContractRate
		for _, x := range rows {
			if !ok(x) {
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
	hp := rate
	if rate.Measure != "host_pays" || rate.USDPerWorkerMonth == nil {
		hp = best(gross, func(x *schemas.ContractRate) bool { return true })
	}
	if hp != nil && hp.USDPerWorkerMonth != nil && *hp.USDPerWorkerMonth > 0 {
		wr := best(shares, func(x *schemas.ContractRate) bool {
			return x.Measure == "worker_receives" && x.Basis == hp.Basis && x.USDPerWorkerMonth != nil
		})
		if wr != nil {
			if w := 100 * *wr.USDPerWorkerMonth / *hp.USDPerWorkerMonth; w <= 100 {
				how := fmt.Sprintf("worker_share_pct = 100 x worker receives %s / host pays %s US$ per worker-month, both totals per worker (gross with gross; contract_rates %s / %s); state_share_pct = 100 - worker_share_pct",
					num(*wr.USDPerWorkerMonth), num(*hp.USDPerWorkerMonth), wr.ObsID, hp.ObsID)
				if wr.Profession != hp.Profession {
					how += fmt.Sprintf("; caution: the worker's pay is for %s, the host's payment for %s", wr.Profession, hp.Profession)
				}
				if wr.HouseholdUSDMethod != "" {
					how += fmt.Sprintf("; caution: the worker is paid in %s, converted at the official rate (usd_per_worker_month_household gives it at the rate households faced)", wr.Currency)
				}
				return set(w, wr.ObsID, how)
			}
		}
	}
	if ws := best(shares, func(x *schemas.ContractRate) bool { return x.Measure == "worker_share" && x.Amount != nil }); ws != nil {
		return set(*ws.Amount, ws.ObsID, fmt.Sprintf("worker_share_pct reported (contract_rates %s); state_share_pct = 100 - worker_share_pct", ws.ObsID))
	}
	if ss := best(shares, func(x *schemas.ContractRate) bool { return x.Measure == "state_share" && x.Amount != nil }); ss != nil {
		set(100-*ss.Amount, ss.ObsID, "")
		return fmt.Sprintf("state_share_pct reported (contract_rates %s); worker_share_pct = 100 - state_share_pct", ss.ObsID)
	}
	return ""
}
