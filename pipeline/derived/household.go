package derived

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
)

// householdMeasures are the measures whose amounts are wages paid to a
// household: converted at the official rate and also at the rate
// households faced (usd_per_worker_month_household).
var householdMeasures = []string{"worker_receives", "salary_in_cuba"}

// householdRule says which exchange regime converts a wage paid to a
// household in one currency over one period, and why. The rules of a
// currency cover every date without gaps; from or to "" leaves that end
// open. docs/comparable.md ("Household conversions") prints this table.
type householdRule struct {
	currency string
	from, to string // YYYY-MM-DD, both included
	// regime is the regime of the fx_rates rows the rule picks from; ""
	// when no household rate exists (why says why).
	regime string
	// named, when not zero, is a rate of regime namedRegime the method
	// names next to the one used (the rate for the population at exchange
	// offices, when households could not rely on it).
	named       float64
	namedRegime string
	why         string
}

// householdRules is the one table of the household conversions: which
// regime, for each currency and period. Within the rule, the rate used is
// the fx_rates row of that regime nearest the row's period in the same
// calendar year (householdRate).
var householdRules = []householdRule{
	{currency: "CUP", to: "2005-03-17",
		why: "no rate at which households could buy dollars or convertible pesos is documented before the exchange-office rates of 2005-03-18"},
	{currency: "CUP", from: "2005-03-18", to: "2020-12-31", regime: "exchange_office",
		why: "households turned pesos into dollar-priced goods by buying convertible pesos at exchange offices (CADECA) for 25 CUP (they sold them for 24), and a CUC was worth US$1.08 from 2005-04-09 to 2011-03-13, US$1 otherwise: cubaexports' rule rows chain the two (rule cup-office); the official 1 CUP per US dollar was the rate of state enterprises"},
	{currency: "CUP", from: "2021-01-01", to: "2022-08-03", regime: "informal",
		why: "after the unification banks bought dollars from the population at 24 (23.50 for cash) but sold none, and dollar cash deposits stopped on 2021-06-21: households bought dollars on the informal market; 24 was the rate of the state and enterprises"},
	{currency: "CUP", from: "2022-08-04", regime: "informal", named: cupExchangeOffice, namedRegime: "exchange_office",
		why: "exchange offices buy dollars from the population at 120 from 2022-08-04 but sell them rationed (100 per person, only the cash they bought): the rate households faced at the margin was the informal one (elTOQUE's representative rate as the press relays it; the Cuban government disputes it); 24 is the rate of enterprises"},
	{currency: "CUC", to: "2020-12-31", regime: "peg",
		why: "households held convertible pesos at the CUC's fixed value (US$1, and US$1.08 from 2005-04-09 to 2011-03-13), as enterprises did; the 10% levy on US dollar cash is not applied"},
	{currency: "CUC", from: "2021-01-01",
		why: "the convertible peso was withdrawn on 2021-01-01"},
	{currency: "VEF", regime: "informal",
		why: "official and complementary dollars (CADIVI, SICAD, DICOM) were rationed to priority imports and registered buyers: households bought dollars at the parallel rate"},
	{currency: "VES", regime: "informal",
		why: "official dollars were rationed: households bought dollars at the parallel rate"},
}

// householdCurrency reports whether wages in cur get a household
// conversion.
func householdCurrency(cur string) bool {
	return slices.ContainsFunc(householdRules, func(r householdRule) bool { return r.currency == cur })
}

// ruleAt is the household rule of cur in force on day d.
func ruleAt(cur string, d time.Time) (householdRule, bool) {
	day := d.Format(time.DateOnly)
	for _, r := range householdRules {
		if r.currency == cur && (r.from == "" || r.from <= day) && (r.to == "" || day <= r.to) {
			return r, true
		}
	}
	return householdRule{}, false
}

// span is a period in days, both ends included.
type span struct{ first, last time.Time }

func (s span) mid() time.Time { return s.first.Add(s.last.Sub(s.first) / 2) }

// gap is the number of days between two periods, 0 when they overlap.
func (s span) gap(o span) time.Duration {
	switch {
	case o.last.Before(s.first):
		return s.first.Sub(o.last)
	case s.last.Before(o.first):
		return o.first.Sub(s.last)
	}
	return 0
}

func yearSpan(y int64) span {
	return span{time.Date(int(y), 1, 1, 0, 0, 0, 0, time.UTC), time.Date(int(y), 12, 31, 0, 0, 0, 0, time.UTC)}
}

// window is the part of a figure's period within its year: the period a
// household rate is matched to. A period that cannot be read is the year.
func window(year int64, start, end string) span {
	y := yearSpan(year)
	f, l, ok := schemas.PeriodBounds(start, end)
	if !ok || l.Before(y.first) || f.After(y.last) {
		return y
	}
	return span{maxTime(f, y.first), minTime(l, y.last)}
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// rateSpan is the period of an exchange rate, ok false when unreadable.
func rateSpan(r *schemas.FXRate) (span, bool) {
	f, l, ok := schemas.PeriodBounds(r.PeriodStart, r.PeriodEnd)
	return span{f, l}, ok
}

// ruleSpan is the period of a rule, open ends made far.
func ruleSpan(r householdRule) span {
	s := span{time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)}
	if t, err := time.Parse(time.DateOnly, r.from); err == nil {
		s.first = t
	}
	if t, err := time.Parse(time.DateOnly, r.to); err == nil {
		s.last = t
	}
	return s
}

// householdChoice is the household rate of one figure: the rule, the
// fx_rates row used and the named rate beside it (nil when none), or why
// there is none.
type householdChoice struct {
	rule         householdRule
	rate, beside *schemas.FXRate
	why          string
}

// householdRate applies the household rules to a wage in cur of the given
// year and period: the rule in force at the middle of the period's part
// within the year, then the fx_rates row of the rule's regime nearest that
// part, within the same calendar year and the rule's period (a rate of
// another year is never used); bounds (more_than ...) are never used.
// Nearest: the smallest gap between the periods, then the smallest
// distance between their middles, then a documented rate before a rule of
// cubaexports, then by source_id and locator.
func householdRate(all []schemas.FXRate, cur string, year int64, start, end string) householdChoice {
	w := window(year, start, end)
	rule, ok := ruleAt(cur, w.mid())
	if !ok {
		return householdChoice{why: fmt.Sprintf("no household rule for %s", cur)}
	}
	ch := householdChoice{rule: rule}
	if rule.regime == "" {
		ch.why = rule.why
		return ch
	}
	ch.rate = nearest(all, cur, rule.regime, 0, w, rule)
	if ch.rate == nil {
		ch.why = fmt.Sprintf("no %s rate of %s in %d within the rule's period in fx_rates (a rate of another year is never used)", rule.regime, cur, year)
		return ch
	}
	if rule.named != 0 {
		ch.beside = nearest(all, cur, rule.namedRegime, rule.named, w, rule)
	}
	return ch
}

// nearest is the usable rate of cur and regime (of value v, when not 0)
// nearest w within w's year and the rule's period, or nil.
func nearest(all []schemas.FXRate, cur, regime string, v float64, w span, rule householdRule) *schemas.FXRate {
	y, rs := yearSpan(int64(w.first.Year())), ruleSpan(rule)
	var best *schemas.FXRate
	var bestSpan span
	for i := range all {
		r := &all[i]
		if r.Currency != cur || r.Regime != regime || (r.Qualifier != "exact" && r.Qualifier != "approx") || (v != 0 && r.RatePerUSD != v) {
			continue
		}
		s, ok := rateSpan(r)
		if !ok || y.gap(s) > 0 || rs.gap(s) > 0 {
			continue
		}
		if best == nil || closer(r, s, best, bestSpan, w) {
			best, bestSpan = r, s
		}
	}
	return best
}

// closer reports whether rate a (period sa) is nearer w than b (sb).
func closer(a *schemas.FXRate, sa span, b *schemas.FXRate, sb span, w span) bool {
	abs := func(d time.Duration) time.Duration {
		if d < 0 {
			return -d
		}
		return d
	}
	rule := func(r *schemas.FXRate) int {
		if r.SourceID == RulesSourceID {
			return 1
		}
		return 0
	}
	return cmp.Or(cmp.Compare(w.gap(sa), w.gap(sb)), cmp.Compare(abs(sa.mid().Sub(w.mid())), abs(sb.mid().Sub(w.mid()))),
		cmp.Compare(rule(a), rule(b)), cmp.Compare(a.SourceID, b.SourceID), cmp.Compare(a.Locator, b.Locator)) < 0
}

// householdOfficeYears are the years 2005 to 2020 in which a wage in CUP
// is paid to a household: the years the rule rows of the exchange offices
// are needed for.
func householdOfficeYears(rows *datasets.Rows) []int64 {
	set := map[int64]bool{}
	cur, year, measure := rows.ContractRates.Column("currency"), rows.ContractRates.Column("year"), rows.ContractRates.Column("measure")
	for i := range cur.Len() { // three columns read, no row loaded
		if y := year.Int(i); cur.Text(i) == "CUP" && y >= 2005 && y <= 2020 && slices.Contains(householdMeasures, measure.Text(i)) {
			set[y] = true
		}
	}
	ys := make([]int64, 0, len(set))
	for y := range set {
		ys = append(ys, y)
	}
	slices.Sort(ys)
	return ys
}

// cucValue is the convertible peso's value in US dollars over a period.
var cucValue = []struct {
	from, to string
	usd      float64
}{
	{"2005-03-18", "2005-04-08", 1},
	{"2005-04-09", "2011-03-13", usdPerCUCRevalued},
	{"2011-03-14", "2020-12-31", 1},
}

// cupOfficeRates are the rule rows of the household rule for the Cuban
// peso in year y (2005 to 2020): what the population paid at exchange
// offices for a US dollar's worth of convertible pesos, 25 CUP per CUC x
// CUC per US dollar (1/1.08 while a CUC was worth US$1.08), one row per
// part of the year with one CUC value. A chain of two documented rates:
// no document states these rates per US dollar.
func cupOfficeRates(y int64) []schemas.FXRate {
	var out []schemas.FXRate
	ys := yearSpan(y)
	for _, p := range cucValue {
		f, _ := time.Parse(time.DateOnly, p.from)
		l, _ := time.Parse(time.DateOnly, p.to)
		if ys.gap(span{f, l}) > 0 {
			continue
		}
		s := span{maxTime(f, ys.first), minTime(l, ys.last)}
		start, end := s.first.Format(time.DateOnly), s.last.Format(time.DateOnly)
		if s == ys {
			start, end = fmt.Sprint(y), fmt.Sprint(y)
		}
		out = append(out, schemas.FXRate{Currency: "CUP", Year: y, PeriodStart: start, PeriodEnd: end, Regime: "exchange_office",
			RatePerUSD: cupPerCUCOffice / p.usd, Qualifier: "exact", SourceID: RulesSourceID,
			Locator: fmt.Sprintf("rule cup-office %s to %s: %s CUP per CUC at exchange offices x %s CUC per US dollar (a CUC worth US$%s); %s",
				start, end, num(cupPerCUCOffice), num(1/p.usd), num(p.usd), docCUPOffice),
			Note: "derived: a chain of two documented rates (what the population paid for a convertible peso, and the CUC's value in dollars), not a rate any document states per US dollar; the household rule for wages in CUP until 2020",
			At:   schemas.Origin{File: "docs/comparable.md"}})
	}
	return out
}

// describe cites an fx_rates row in a method: rate, regime, period,
// qualifier, source and locator.
func describe(r *schemas.FXRate) string {
	period := r.PeriodStart
	if r.PeriodEnd != r.PeriodStart {
		period += " to " + r.PeriodEnd
	}
	return fmt.Sprintf("%s %s per USD (fx_rates: regime %s, %s, %s, %s, %s)", num(r.RatePerUSD), r.Currency, r.Regime, period, r.Qualifier, r.SourceID, r.Locator)
}
