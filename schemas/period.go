package schemas

import (
	"strconv"
	"time"
)

// YearMonth reads the year and month of a date as the fact tables write
// periods (YYYY, YYYY-MM or YYYY-MM-DD); a date without a month has month
// m (1 for a period's start, 12 for its end). ok is false when d is not
// such a date.
func YearMonth(d string, m int) (year, month int, ok bool) {
	if len(d) != 4 && len(d) != 7 && len(d) != 10 {
		return 0, 0, false
	}
	y, err := strconv.Atoi(d[:4])
	if err != nil || y < 0 {
		return 0, 0, false
	}
	if len(d) >= 7 {
		if d[4] != '-' {
			return 0, 0, false
		}
		if m, err = strconv.Atoi(d[5:7]); err != nil || m < 1 || m > 12 {
			return 0, 0, false
		}
	}
	return y, m, true
}

// PeriodMonths is the length in whole calendar months of the period
// start..end, both ends included: a start given as a year starts in
// January, an end given as a year ends in December; days are not
// counted. ok is false when a date cannot be read.
func PeriodMonths(start, end string) (n int, ok bool) {
	sy, sm, okS := YearMonth(start, 1)
	ey, em, okE := YearMonth(end, 12)
	if !okS || !okE {
		return 0, false
	}
	return (ey-sy)*12 + em - sm + 1, true
}

// CountKindAggregation is the aggregation a worker count of each
// count_kind has: workers present and numbers agreed are stocks at a
// date, arrivals a flow over a period, everyone who ever served a
// cumulative total.
var CountKindAggregation = map[string]string{"stock": "stock", "agreed": "stock", "arrivals": "flow", "cumulative": "cumulative"}

// PerAggregation is the aggregation a contract-rate amount of each period
// (per) has: an amount per unit of time is a rate, a whole contract's
// amount a flow. Shares (no per) are rates.
var PerAggregation = map[string]string{"hour": "rate", "month": "rate", "year": "rate", "two_years": "rate", "contract": "flow"}

// PerAggregations lists every aggregation a contract-rate amount of each
// period (per) may have, the default (PerAggregation) first: an amount per
// year is a rate ("US$50,000 a year per doctor"), the total paid in one
// year (a flow) or an average per year over several years; a whole
// contract's amount is a flow, or a cumulative total when the contract
// spans several years.
var PerAggregations = map[string][]string{
	"hour": {"rate"}, "month": {"rate"}, "two_years": {"rate"},
	"year":     {"rate", "flow", "annual_average"},
	"contract": {"flow", "cumulative"},
}

// PeriodBounds is the first and the last day of the period start..end (a
// start given as a year or month starts on its first day, an end given
// as a year or month ends on its last day), and whether both dates can be
// read.
func PeriodBounds(start, end string) (first, last time.Time, ok bool) {
	first, okS := dayOf(start, false)
	last, okE := dayOf(end, true)
	return first, last, okS && okE
}

// dayOf reads a YYYY, YYYY-MM or YYYY-MM-DD date as its first day, or its
// last when last is set.
func dayOf(d string, last bool) (time.Time, bool) {
	y, m, ok := YearMonth(d, 1)
	if !ok {
		return time.Time{}, false
	}
	if len(d) == 10 {
		t, err := time.Parse(time.DateOnly, d)
		return t, err == nil
	}
	if !last {
		return time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC), true
	}
	if len(d) == 4 {
		m = 12
	}
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC), true
}

// WithinYear reports whether the period start..end lies within one
// calendar year (a one-year flow, or a stock or rate dated in one year).
func WithinYear(start, end string) bool {
	sy, _, okS := YearMonth(start, 1)
	ey, _, okE := YearMonth(end, 12)
	return okS && okE && sy == ey
}

// CalendarYear reports whether the period start..end is exactly one whole
// calendar year (2019..2019, 2019-01..2019-12, 2019-01-01..2019-12-31).
func CalendarYear(start, end string) bool {
	first, last, ok := PeriodBounds(start, end)
	return ok && first.Year() == last.Year() && first.YearDay() == 1 && last.Month() == time.December && last.Day() == 31
}
