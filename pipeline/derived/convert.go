package derived

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
)

// HoursPerMonth is the assumption that turns an hourly rate into a
// monthly one: 40 hours a week for 52 weeks, over 12 months.
const HoursPerMonth = 40.0 * 52 / 12

// cpiYear is the CPI-U annual average of a year, over the months present.
type cpiYear struct {
	avg     float64
	months  int
	missing []int64
}

func (c cpiYear) String() string {
	if len(c.missing) == 0 {
		return fmt.Sprintf("%s (mean of 12 months)", num(c.avg))
	}
	ms := make([]string, len(c.missing))
	for i, m := range c.missing {
		ms[i] = fmt.Sprint(m)
	}
	return fmt.Sprintf("%s (mean of the %d months published; month %s missing)", num(c.avg), c.months, strings.Join(ms, ", "))
}

// cpiAverages computes the annual averages of the monthly index. Rows of
// one source only are read: the first by source_id when several exist.
func cpiAverages(rows []schemas.CPI) map[int64]cpiYear {
	src := ""
	for _, r := range rows {
		if src == "" || r.SourceID < src {
			src = r.SourceID
		}
	}
	sum := map[int64]float64{}
	have := map[int64][]int64{}
	for _, r := range rows {
		if r.SourceID == src {
			sum[r.Year] += r.Index
			have[r.Year] = append(have[r.Year], r.Month)
		}
	}
	out := map[int64]cpiYear{}
	for y, ms := range have {
		c := cpiYear{avg: sum[y] / float64(len(ms)), months: len(ms)}
		for m := int64(1); m <= 12; m++ {
			if !slices.Contains(ms, m) {
				c.missing = append(c.missing, m)
			}
		}
		out[y] = c
	}
	return out
}

// defaultBaseYear is the latest year whose December index is published.
func defaultBaseYear(rows []schemas.CPI) int64 {
	var y int64
	for _, r := range rows {
		if r.Month == 12 && r.Year > y {
			y = r.Year
		}
	}
	return y
}

// converter turns figures into US dollars with the used rates and into
// constant dollars with the CPI.
type converter struct {
	fx   fxRates
	cpi  map[int64]cpiYear
	base int64
	// months, when not nil, keeps the conversion of each monthKey met.
	months map[monthKey]monthTerms
	// household, when not nil, keeps the household rate of each
	// currency, year and period met.
	household map[householdKey]householdChoice
}

// householdKey is what a household rate depends on.
type householdKey struct {
	cur        string
	year       int64
	start, end string
}

// rate returns the used rate of a currency-year and how to cite it, or
// why there is none. USD is 1.
func (c converter) rate(cur string, year int64) (float64, string, string) {
	switch {
	case cur == "":
		return 0, "", "no currency given"
	case cur == "USD":
		return 1, "1 (US dollars, no conversion)", ""
	}
	r, ok := c.fx.used[fxKey{cur, year}]
	if !ok {
		if why, ok := c.fx.none[fxKey{cur, year}]; ok {
			return 0, "", fmt.Sprintf("no exchange rate for %s in %d: %s", cur, year, why)
		}
		return 0, "", fmt.Sprintf("no exchange rate for %s in %d in fx_rates (a rate of another year is never used)", cur, year)
	}
	cite := fmt.Sprintf("%s %s per USD (fx_rates: %s, %d, regime %s)", num(r.RatePerUSD), cur, r.SourceID, year, r.Regime)
	if cur == "CUP" && year >= 2021 {
		cite += fmt.Sprintf("; CUP rate chosen: the official rate %s of state and enterprise transactions, not the exchange-office rate %s (from 2022-08-04) or %s (from December 2025); a wage's conversion at the rate households faced is in usd_per_worker_month_household",
			num(cupOfficialFrom21), num(cupExchangeOffice), num(cupThirdRate))
	} else if cur == "CUP" {
		cite += "; CUP rate chosen: the official rate 1 (until 2020) of state and enterprise transactions; a wage's conversion at the rate households faced is in usd_per_worker_month_household"
	}
	return r.RatePerUSD, cite, ""
}

// revenue fills value_usd, value_usd_const and usd_method of every
// revenue row. A cumulative or annual-average total over several years
// is never converted with one year's exchange rate nor deflated with one
// year's CPI: it keeps a value_usd only when it is in US dollars.
func (c converter) revenue(rows datasets.Columns[schemas.Revenue]) {
	rows.Edit(func(_ int, x *schemas.Revenue) {
		x.ValueUSD, x.ValueUSDConst = nil, nil
		if x.Value == nil {
			x.USDMethod = "not converted: the row has no single value (a range, or the figure is withheld or not available)"
			return
		}
		if schemas.IsPercent("concept", x.Concept) {
			x.USDMethod = "not converted: a percentage, not an amount"
			return
		}
		if span, ok := multiYear(x.Aggregation, x.PeriodStart, x.PeriodEnd); ok {
			if x.Currency != "USD" {
				x.USDMethod = fmt.Sprintf("not converted: a %s over %s is never converted with one year's exchange rate; value_usd_const not derived: nor deflated with one year's CPI", x.Aggregation, span)
				return
			}
			v := *x.Value
			x.ValueUSD = &v
			x.USDMethod = fmt.Sprintf("value_usd = value (US dollars, no conversion); value_usd_const not derived: a %s over %s is never deflated with one year's CPI", x.Aggregation, span)
			return
		}
		rate, cite, why := c.rate(x.Currency, x.Year)
		if why != "" {
			x.USDMethod = "not converted: " + why
			return
		}
		v := *x.Value / rate
		x.ValueUSD = &v
		parts := []string{"value_usd = value / rate", "rate=" + cite}
		if note := c.deflate(x.Year, v, &x.ValueUSDConst); note != "" {
			parts = append(parts, note)
		}
		x.USDMethod = strings.Join(parts, "; ")
	})
}

// multiYear reports whether a figure of aggregation agg is a total over
// several calendar years (cumulative or annual_average, with period_end in
// a later year than period_start), and the span as text ("2008-2023").
func multiYear(agg, start, end string) (string, bool) {
	if agg != "cumulative" && agg != "annual_average" {
		return "", false
	}
	sy, _, okS := schemas.YearMonth(start, 1)
	ey, _, okE := schemas.YearMonth(end, 12)
	if !okS || !okE || sy >= ey {
		return "", false
	}
	return fmt.Sprintf("%d-%d", sy, ey), true
}

// contractMonths is the length in whole calendar months of a contract's
// period, both ends included (a period end given as a year ends in
// December, a start given as a year starts in January; days are not
// counted), and whether the period is known: a single date or year is
// not a known length.
func contractMonths(start, end string) (int, bool) {
	n, ok := schemas.PeriodMonths(start, end)
	return n, ok && start != end && n > 0
}

// deflate sets *dst to usd in constant dollars of the base year and says
// how, or says why not.
func (c converter) deflate(year int64, usd float64, dst **float64) string {
	b, okb := c.cpi[c.base]
	y, oky := c.cpi[year]
	switch {
	case c.base == 0 || !okb:
		return "value_usd_const not derived: no CPI-U for the base year"
	case !oky:
		return fmt.Sprintf("value_usd_const not derived: no CPI-U for %d", year)
	}
	v := usd * b.avg / y.avg
	*dst = &v
	return fmt.Sprintf("value_usd_const = value_usd x cpi_%d / cpi_%d (%d dollars); cpi_%d=%s; cpi_%d=%s",
		c.base, year, c.base, c.base, b, year, y)
}

// perWorkerMonth fills usd_per_worker_month (and its bounds) and
// usd_method of every contract-rate row.
func (c converter) perWorkerMonth(rows datasets.Columns[schemas.ContractRate]) {
	rows.Edit(func(_ int, x *schemas.ContractRate) {
		x.USDPerWorkerMonth, x.USDPerWorkerMonthLow, x.USDPerWorkerMonthHigh = nil, nil, nil
		x.USDMethod, _ = c.monthly(x)
		c.householdMonthly(x)
	})
}

// monthly derives one row; it returns the method, and ok when a value was
// derived.
func (c converter) monthly(x *schemas.ContractRate) (string, bool) {
	if schemas.IsPercent("measure", x.Measure) {
		return "not converted: a share (percent), not an amount", false
	}
	if x.Amount == nil && (x.AmountLow == nil || x.AmountHigh == nil) {
		return "not converted: no amount (withheld, not available, or an open bound)", false
	}
	k := c.key(x)
	t, ok := c.months[k]
	if !ok {
		t = c.monthTerms(k)
		if c.months != nil && len(c.months) < maxMonthTerms {
			c.months[k] = t
		}
	}
	if !t.ok {
		return t.method, false
	}
	f := func(a *float64) *float64 {
		if a == nil {
			return nil
		}
		v := *a / t.rate / t.months * t.hours / float64(k.workers)
		return &v
	}
	x.USDPerWorkerMonth, x.USDPerWorkerMonthLow, x.USDPerWorkerMonthHigh = f(x.Amount), f(x.AmountLow), f(x.AmountHigh)
	return t.method, true
}

// key is the monthKey of a contract rate.
func (c converter) key(x *schemas.ContractRate) monthKey {
	k := monthKey{currency: x.Currency, year: x.Year, per: x.Per, workers: -1}
	if x.Workers != nil {
		k.workers = *x.Workers
	} else if x.Basis == "per_worker" {
		k.workers = 1
	}
	if x.Per == "contract" {
		k.start, k.end = x.PeriodStart, x.PeriodEnd
	}
	return k
}

// monthKey is what converting a contract rate with an amount depends on:
// its currency, year, period, number of workers (-1 when not given), and
// for an amount per contract the ends of the contract's period.
type monthKey struct {
	currency   string
	year       int64
	per        string
	workers    int64
	start, end string
}

// monthTerms is the conversion of every rate of one monthKey: the
// usd_method text, and when ok the rate, months and hours to apply.
type monthTerms struct {
	method              string
	ok                  bool
	rate, months, hours float64
}

// maxMonthTerms bounds the conversions a converter keeps: rows of one
// key share one usd_method string rather than each formatting its own.
const maxMonthTerms = 4096

// divisor is how an amount becomes one worker-month: divide by months
// and workers, multiply by hours.
type divisor struct {
	months, hours float64
	workers       int64
	note          string // the period, in words
}

// divisors reads the divisors of a monthKey, or why there are none.
func divisors(k monthKey) (divisor, string) {
	d := divisor{hours: 1, workers: k.workers}
	switch k.per {
	case "month":
		d.months, d.note = 1, "per month"
	case "year":
		d.months, d.note = 12, "per year"
	case "two_years":
		d.months, d.note = 24, "per two-year term"
	case "hour":
		d.months, d.hours = 1, HoursPerMonth
		d.note = "per hour; hours a month assumed: 40 a week x 52 weeks / 12 months"
	case "contract":
		n, ok := contractMonths(k.start, k.end)
		if !ok {
			return d, fmt.Sprintf("an amount for a whole contract whose length in months is not known (period %s to %s)", k.start, k.end)
		}
		sy, _, _ := schemas.YearMonth(k.start, 1)
		if k.currency != "USD" && k.currency != "" && int64(sy) != k.year {
			return d, fmt.Sprintf("a contract amount over %s to %s, several calendar years, is never converted with one year's exchange rate", k.start, k.end)
		}
		d.months = float64(n)
		d.note = fmt.Sprintf("the contract's period %s to %s in whole calendar months, both ends included", k.start, k.end)
	case "":
		return d, "no period (per) given"
	default:
		return d, fmt.Sprintf("unknown period %q", k.per)
	}
	if k.workers <= 0 {
		return d, "the number of workers the amount covers is not given"
	}
	return d, ""
}

func (d divisor) String() string {
	return fmt.Sprintf("months=%s (%s); hours=%s; workers=%d", num(d.months), d.note, num(d.hours), d.workers)
}

// apply converts an amount at rate with d.
func (d divisor) apply(a *float64, rate float64) *float64 {
	if a == nil {
		return nil
	}
	v := *a / rate / d.months * d.hours / float64(d.workers)
	return &v
}

func (c converter) monthTerms(k monthKey) monthTerms {
	d, why := divisors(k)
	if why != "" {
		return monthTerms{method: "not converted: " + why}
	}
	rate, cite, why := c.rate(k.currency, k.year)
	if why != "" {
		return monthTerms{method: "not converted: " + why}
	}
	return monthTerms{ok: true, rate: rate, months: d.months, hours: d.hours,
		method: fmt.Sprintf("usd_per_worker_month = amount / rate / months x hours / workers; rate=%s; %s", cite, d)}
}

// householdMonthly fills usd_per_worker_month_household (and its bounds)
// and household_usd_method of a wage paid to a household in a currency
// with household rules; other rows keep them empty.
func (c converter) householdMonthly(x *schemas.ContractRate) {
	x.HouseholdUSD, x.HouseholdUSDLow, x.HouseholdUSDHigh, x.HouseholdUSDMethod = nil, nil, nil, ""
	if !slices.Contains(householdMeasures, x.Measure) || !householdCurrency(x.Currency) {
		return
	}
	if x.Amount == nil && (x.AmountLow == nil || x.AmountHigh == nil) {
		x.HouseholdUSDMethod = "not converted: no amount (withheld, not available, or an open bound)"
		return
	}
	k := c.key(x)
	d, why := divisors(k)
	if why != "" {
		x.HouseholdUSDMethod = "not converted: " + why
		return
	}
	hk := householdKey{x.Currency, x.Year, x.PeriodStart, x.PeriodEnd}
	ch, ok := c.household[hk]
	if !ok {
		ch = householdRate(c.fx.all, x.Currency, x.Year, x.PeriodStart, x.PeriodEnd)
		if c.household != nil {
			c.household[hk] = ch
		}
	}
	rule := fmt.Sprintf("household rule for %s %s: regime %s, because %s", x.Currency, ruleRange(ch.rule), cmp.Or(ch.rule.regime, "none"), ch.rule.why)
	if ch.rate == nil {
		x.HouseholdUSDMethod = "not converted: " + ch.why
		if ch.rule.currency != "" && ch.rule.regime != "" {
			x.HouseholdUSDMethod += "; " + rule
		}
		return
	}
	x.HouseholdUSD, x.HouseholdUSDLow, x.HouseholdUSDHigh = d.apply(x.Amount, ch.rate.RatePerUSD), d.apply(x.AmountLow, ch.rate.RatePerUSD), d.apply(x.AmountHigh, ch.rate.RatePerUSD)
	parts := []string{"usd_per_worker_month_household = amount / rate / months x hours / workers",
		"rate=" + describe(ch.rate) + fmt.Sprintf(", the %s rate nearest the period %s to %s within %d", ch.rate.Regime, x.PeriodStart, x.PeriodEnd, x.Year),
		d.String(), rule}
	if ch.beside != nil {
		v := "no single amount"
		if b := d.apply(x.Amount, ch.beside.RatePerUSD); b != nil {
			v = num(round2(*b)) + " US$ per worker-month"
		}
		parts = append(parts, fmt.Sprintf("beside it, the %s rate for the population: %s, at which the amount is %s", ch.beside.Regime, describe(ch.beside), v))
	}
	x.HouseholdUSDMethod = strings.Join(parts, "; ")
}

// ruleRange prints a household rule's period.
func ruleRange(r householdRule) string {
	switch {
	case r.from == "" && r.to == "":
		return "in every year"
	case r.from == "":
		return "until " + r.to
	case r.to == "":
		return "from " + r.from
	}
	return "from " + r.from + " to " + r.to
}

// round2 rounds to cents, for a figure quoted in a method.
func round2(v float64) float64 { return math.Round(v*100) / 100 }

// convert runs every conversion; the base year is the configured one or
// the latest year with a December CPI index.
func convert(rows *datasets.Rows, fx fxRates, baseYear int64) converter {
	c := converter{fx: fx, cpi: cpiAverages(rows.CPI), base: baseYear, months: map[monthKey]monthTerms{}, household: map[householdKey]householdChoice{}}
	if c.base == 0 {
		c.base = defaultBaseYear(rows.CPI)
	}
	c.revenue(rows.Revenue)
	c.perWorkerMonth(rows.ContractRates)
	return c
}
