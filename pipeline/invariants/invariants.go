package invariants

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"reflect"
	"regexp"
	"slices"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
)

// Violation is one row (or group of rows) that breaks an invariant.
type Violation struct {
	Invariant string
	Table     string
	ObsID     string // the row, or the first row of the group
	Msg       string
}

func (v Violation) String() string {
	return fmt.Sprintf("%s: %s %s: %s", v.Invariant, v.Table, v.ObsID, v.Msg)
}

// Invariant is one data test: a name and the function that finds the rows
// breaking it.
type Invariant struct {
	Name  string
	Doc   string
	Check func(*datasets.Rows) []Violation
}

// All are the invariants every release must satisfy.
func All() []Invariant {
	return []Invariant{
		{"one_preferred", "No quantity key has two preferred rows.", OnePreferred},
		{"shares", "Shares are percentages within 0-100; a worker's and the state's share of one host, year and source sum to about 100 where both are given.", Shares},
		{"rate_bounds", "Per-worker host-pays totals in US$ per worker-month lie within the bounds declared for their profession (RateBounds).", RateBounds},
		{"implied_revenue", "The implied host revenue of a year never exceeds the official world total of services exports of that year.", ImpliedRevenue},
		{"estimate_inputs", "Every host_estimates rate is a payment to the Cuban side for one worker: state_receives, or host_pays paid directly to the state (route direct_to_state); component total; basis per_worker.", EstimateInputs},
		{"household_rate", "No wage paid to a household is converted at an enterprise-type rate: usd_per_worker_month_household never uses a rate of regime enterprise, nor Cuba's official rate of state and enterprise transactions (1 CUP per US dollar until 2020, 24 from 2021).", HouseholdRates},
	}
}

// Check runs every invariant over rows.
func Check(rows *datasets.Rows) []Violation {
	var out []Violation
	for _, inv := range All() {
		out = append(out, inv.Check(rows)...)
	}
	return out
}

// OnePreferred finds the rows of a fact table that are preferred although
// another row of their quantity (schemas.Table.QuantityKey) is too.
func OnePreferred(rows *datasets.Rows) []Violation {
	var out []Violation
	for _, tb := range rows.Tables() {
		st := tb.Schema()
		pref, ok := st.Column("preferred")
		id, okID := st.Column("obs_id")
		if !ok || !okID || !st.HasQuantity() {
			continue
		}
		first := map[string]string{}
		var key []byte
		datasets.Each(tb, func(_ int, row reflect.Value) error {
			if p := pref.Field(row); p.IsNil() || !p.Elem().Bool() {
				return nil
			}
			key = st.QuantityKey(key[:0], row)
			obs := id.Field(row).String()
			if o, dup := first[string(key)]; dup {
				out = append(out, Violation{"one_preferred", st.Name, obs, "preferred, and so is " + o + " of the same quantity"})
				return nil
			}
			first[string(key)] = obs
			return nil
		})
	}
	return out
}

// ShareTolerance is how far, in percentage points, a worker's and the
// state's share of the same figure may sum from 100 (the sources round).
const ShareTolerance = 1.0

// Shares finds shares outside 0-100 (contract_rates share measures,
// host_estimates shares) and pairs of a worker share and a state share
// of one host, year, source and figure (profession, subgroup, component,
// basis, period) whose sum is not about 100.
func Shares(rows *datasets.Rows) []Violation {
	var out []Violation
	bad := func(p *float64) bool { return p != nil && (*p < 0 || *p > 100) }
	type pair struct {
		host, profession, subgroup, component, basis, start, end, source string
		year                                                             int64
	}
	worker, state := map[pair]schemas.ContractRate{}, map[pair]schemas.ContractRate{}
	for _, x := range rows.ContractRates.All() {
		if !schemas.IsPercent("measure", x.Measure) {
			continue
		}
		if bad(x.Amount) || bad(x.AmountLow) || bad(x.AmountHigh) {
			out = append(out, Violation{"shares", schemas.ContractRatesName, x.ObsID, "a share outside 0-100"})
		}
		if x.Amount == nil {
			continue
		}
		k := pair{x.HostCountry, x.Profession, x.Subgroup, x.Component, x.Basis, x.PeriodStart, x.PeriodEnd, x.SourceID, x.Year}
		switch x.Measure {
		case "worker_share":
			worker[k] = x
		case "state_share":
			state[k] = x
		}
	}
	for _, k := range slices.SortedFunc(maps.Keys(worker), func(a, b pair) int { return cmp.Compare(worker[a].ObsID, worker[b].ObsID) }) {
		w, s := worker[k], state[k]
		if s.Amount == nil {
			continue
		}
		if sum := *w.Amount + *s.Amount; math.Abs(sum-100) > ShareTolerance {
			out = append(out, Violation{"shares", schemas.ContractRatesName, w.ObsID,
				fmt.Sprintf("worker share %v and state share %v (%s) sum to %v, not about 100", *w.Amount, *s.Amount, s.ObsID, sum)})
		}
	}
	for _, e := range rows.HostEstimates {
		if bad(e.WorkerSharePct) || bad(e.StateSharePct) {
			out = append(out, Violation{"shares", schemas.HostEstimatesName, e.HostCountry + " " + fmt.Sprint(e.Year), "a share outside 0-100"})
		} else if e.WorkerSharePct != nil && e.StateSharePct != nil && math.Abs(*e.WorkerSharePct+*e.StateSharePct-100) > 1e-9 {
			out = append(out, Violation{"shares", schemas.HostEstimatesName, e.HostCountry + " " + fmt.Sprint(e.Year), "worker and state shares do not sum to 100"})
		}
	}
	return out
}

// Bounds are the lowest and highest plausible US dollars per worker per
// month a host pays for one worker of a profession.
type Bounds struct{ Min, Max float64 }

// RateBoundsByProfession declares the plausible range of a host's total
// payment per worker and month, by profession (DefaultRateBounds for the
// others). They are wide on purpose: they catch a misplaced decimal, an
// annual amount typed per month, or a whole contract typed per worker,
// not a dear or a cheap contract. The lowest real figure in the data is
// US$25 a month that Nicaragua paid Cuban doctors in 1992 besides food,
// housing and transport; the highest, about US$17,000 per health worker.
var RateBoundsByProfession = map[string]Bounds{
	"doctor":               {10, 25_000},
	"general_practitioner": {10, 25_000},
	"specialist_doctor":    {10, 40_000},
	"nurse":                {10, 15_000},
	"health_technician":    {10, 15_000},
	"health_worker":        {10, 25_000},
	"teacher":              {10, 15_000},
}

// DefaultRateBounds are the bounds of a profession not listed.
var DefaultRateBounds = Bounds{10, 50_000}

// RateBounds finds per-worker host-pays totals whose US$ per worker-month
// (or either bound of it) lies outside the bounds of their profession.
func RateBounds(rows *datasets.Rows) []Violation {
	var out []Violation
	for _, x := range rows.ContractRates.All() {
		if x.Measure != "host_pays" || x.Basis != "per_worker" || x.Component != "total" {
			continue
		}
		b, ok := RateBoundsByProfession[x.Profession]
		if !ok {
			b = DefaultRateBounds
		}
		for _, p := range []*float64{x.USDPerWorkerMonth, x.USDPerWorkerMonthLow, x.USDPerWorkerMonthHigh} {
			if p != nil && (*p < b.Min || *p > b.Max) {
				out = append(out, Violation{"rate_bounds", schemas.ContractRatesName, x.ObsID,
					fmt.Sprintf("%.2f US$ per worker-month is outside %v-%v for %s", *p, b.Min, b.Max, x.Profession)})
				break
			}
		}
	}
	return out
}

// ImpliedRevenue finds the years whose host_estimates sum, by their low
// bounds (the estimate itself when exact), to more than the official world
// total of services exports of that year: a one-year flow of concept
// services_exports_total for WLD of observation type official_statistic,
// in US dollars (the largest such figure, when editions differ).
func ImpliedRevenue(rows *datasets.Rows) []Violation {
	sum := map[int64]float64{}
	for _, e := range rows.HostEstimates {
		sum[e.Year] += e.ImpliedRevenueUSDLow
	}
	official := map[int64]schemas.Revenue{}
	for _, r := range rows.Revenue.All() {
		if r.PartnerCountry != "WLD" || r.Concept != "services_exports_total" || r.ObservationType != "official_statistic" ||
			r.Aggregation != "flow" || r.ValueUSD == nil || !schemas.WithinYear(r.PeriodStart, r.PeriodEnd) {
			continue
		}
		if o, ok := official[r.Year]; !ok || *r.ValueUSD > *o.ValueUSD {
			official[r.Year] = r
		}
	}
	var out []Violation
	for _, y := range slices.Sorted(maps.Keys(sum)) {
		if o, ok := official[y]; ok && sum[y] > *o.ValueUSD {
			out = append(out, Violation{"implied_revenue", schemas.HostEstimatesName, fmt.Sprint(y),
				fmt.Sprintf("implied host revenue of %d sums to at least %.0f US$, above the official world total of services exports %.0f US$ (%s)", y, sum[y], *o.ValueUSD, o.ObsID)})
		}
	}
	return out
}

// EstimateInputs finds host_estimates rows whose rate is not a payment to
// the Cuban side for one worker: its contract_rates row must have measure
// state_receives, or host_pays by route direct_to_state (a host's payment
// to an intermediary or to the worker is not what Cuba receives); component
// total; basis per_worker.
func EstimateInputs(rows *datasets.Rows) []Violation {
	need := map[string]bool{}
	for _, e := range rows.HostEstimates {
		need[e.RateObsID] = true
	}
	rates := map[string]schemas.ContractRate{}
	for _, x := range rows.ContractRates.All() {
		if need[x.ObsID] {
			rates[x.ObsID] = x
		}
	}
	var out []Violation
	for _, e := range rows.HostEstimates {
		r, ok := rates[e.RateObsID]
		switch {
		case !ok:
			out = append(out, Violation{"estimate_inputs", schemas.HostEstimatesName, e.RateObsID, "the rate row is not in contract_rates"})
		case r.Measure != "host_pays" && r.Measure != "state_receives":
			out = append(out, Violation{"estimate_inputs", schemas.HostEstimatesName, e.RateObsID, "the rate is " + r.Measure + ", not a payment to the Cuban side"})
		case r.Measure == "host_pays" && r.PaymentRoute != "direct_to_state":
			out = append(out, Violation{"estimate_inputs", schemas.HostEstimatesName, e.RateObsID, "the host pays by route " + r.PaymentRoute + ", not directly to the Cuban state"})
		case r.Component != "total":
			out = append(out, Violation{"estimate_inputs", schemas.HostEstimatesName, e.RateObsID, "the rate is a part (" + r.Component + "), not the total"})
		case r.Basis != "per_worker":
			out = append(out, Violation{"estimate_inputs", schemas.HostEstimatesName, e.RateObsID, "the rate is for " + r.Basis + ", not for one worker"})
		}
	}
	return out
}

// methodRegime reads the regime of the fx_rates row a household method
// names ("rate=... (fx_rates: regime informal, ...").
var methodRegime = regexp.MustCompile(`; rate=[^(;]*\(fx_rates: regime (\w+),`)

// enterpriseType reports whether rate is, for a wage in cur in year, an
// enterprise-type rate: one of regime enterprise of that currency and
// year in fx_rates, or Cuba's official rate of state and enterprise
// transactions (1 CUP per US dollar until 2020, 24 from 2021).
func enterpriseType(fx []schemas.FXRate, cur string, year int64, rate float64) bool {
	near := func(a, b float64) bool { return math.Abs(a/b-1) < 1e-9 }
	if cur == "CUP" && (year <= 2020 && near(rate, 1) || year >= 2021 && near(rate, 24)) {
		return true
	}
	return slices.ContainsFunc(fx, func(r schemas.FXRate) bool {
		return r.Currency == cur && r.Year == year && r.Regime == "enterprise" && near(r.RatePerUSD, rate)
	})
}

// HouseholdRates finds wages converted for households at an
// enterprise-type rate: by the regime their household_usd_method names
// (enterprise, or official for the Cuban peso; a method that names none
// is a violation too), or by the rate the row's two conversions imply
// (the used official rate x usd_per_worker_month /
// usd_per_worker_month_household).
func HouseholdRates(rows *datasets.Rows) []Violation {
	used := map[string]float64{}
	for _, r := range rows.FXRates {
		if r.Used {
			used[r.Currency+" "+fmt.Sprint(r.Year)] = r.RatePerUSD
		}
	}
	var out []Violation
	for _, x := range rows.ContractRates.All() {
		if x.HouseholdUSD == nil {
			continue
		}
		v := func(msg string) {
			out = append(out, Violation{"household_rate", schemas.ContractRatesName, x.ObsID, msg})
		}
		m := methodRegime.FindStringSubmatch(x.HouseholdUSDMethod)
		switch {
		case m == nil:
			v("the household conversion names no regime")
		case m[1] == "enterprise" || x.Currency == "CUP" && m[1] == "official":
			v(fmt.Sprintf("a wage in %s converted for households at a rate of regime %s", x.Currency, m[1]))
		}
		off, ok := used[x.Currency+" "+fmt.Sprint(x.Year)]
		if !ok || x.USDPerWorkerMonth == nil || *x.HouseholdUSD == 0 {
			continue
		}
		if implied := off * *x.USDPerWorkerMonth / *x.HouseholdUSD; enterpriseType(rows.FXRates, x.Currency, x.Year, implied) {
			v(fmt.Sprintf("a wage in %s %d converted for households at %.6g per US dollar, an enterprise-type rate", x.Currency, x.Year, implied))
		}
	}
	return out
}
