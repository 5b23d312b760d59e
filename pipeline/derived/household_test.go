package derived

import (
	"math"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
)

// point is a documented point rate of a regime on a date.
func point(cur, day, regime string, rate float64, q string) schemas.FXRate {
	return schemas.FXRate{Currency: cur, Year: int64(must(schemas.YearMonth(day, 1))), PeriodStart: day, PeriodEnd: day, Regime: regime,
		RatePerUSD: rate, Qualifier: q, SourceID: "doc_" + regime, Locator: day}
}

func must(y, _ int, _ bool) int { return y }

// The household rules, per currency and year: which regime, which dated
// rate (same year only, the point nearest the row's period), and no rate
// where none exists; never an enterprise-type rate.
func TestHouseholdRules(t *testing.T) {
	fx := []schemas.FXRate{
		point("CUP", "2021-04-22", "informal", 53, "exact"),
		point("CUP", "2021-06-10", "informal", 70, "more_than"), // a bound: never used
		point("CUP", "2022-08-03", "informal", 115, "exact"),
		point("CUP", "2022-09-03", "informal", 150, "exact"),
		point("CUP", "2022-08-04", "exchange_office", 120, "exact"),
		point("CUP", "2022-08-04", "exchange_office", 110, "approx"),
		point("CUP", "2023-01-23", "informal", 160, "exact"),
		point("CUP", "2023-12-19", "informal", 273, "exact"),
		point("CUP", "2023-06-01", "enterprise", 24, "exact"),
		point("VEF", "2016-02-03", "informal", 1000, "exact"),
		point("VEF", "2016-11-21", "informal", 2192.65, "exact"),
		point("VEF", "2016-03-29", "official", 10, "exact"),
		point("VES", "2020-08-13", "informal", 300627, "exact"),
		{Currency: "CUC", Year: 2020, PeriodStart: "2011-03-14", PeriodEnd: "2020-12-31", Regime: "peg", RatePerUSD: 1, Qualifier: "exact", SourceID: "doc_peg", Locator: "par"},
	}
	for _, y := range []int64{2005, 2008, 2011, 2016} {
		fx = append(fx, cupOfficeRates(y)...)
	}
	for _, k := range []fxKey{{"CUC", 2008}} {
		r, _ := ruleRate(k, nil)
		fx = append(fx, r)
	}
	for _, tc := range []struct {
		name       string
		cur        string
		year       int64
		start, end string
		regime     string  // "" when no household rate applies
		rate       float64 // the rate used
		why        string  // part of the reason when none applies
		beside     float64 // the named exchange-office rate, 0 when none
	}{
		{"CUP before the exchange-office rates", "CUP", 2004, "2004", "2004", "", 0, "before the exchange-office rates of 2005-03-18", 0},
		{"CUP 2005, mostly with the CUC at US$1.08", "CUP", 2005, "2005", "2005", "exchange_office", 25 / 1.08, "", 0},
		{"CUP March 2005, the CUC at par", "CUP", 2005, "2005-03-20", "2005-03-31", "exchange_office", 25, "", 0},
		{"CUP 2008 via the CUC at US$1.08", "CUP", 2008, "2008", "2008", "exchange_office", 25 / 1.08, "", 0},
		{"CUP 2011 after par was restored", "CUP", 2011, "2011-06", "2011-12", "exchange_office", 25, "", 0},
		{"CUP 2016 via the CUC at par", "CUP", 2016, "2016", "2016", "exchange_office", 25, "", 0},
		{"CUP 2020: no rule row of that year (never another year's)", "CUP", 2020, "2020", "2020", "", 0, "no exchange_office rate of CUP in 2020", 0},
		{"CUP 2021 informal, the bound skipped", "CUP", 2021, "2021-06", "2021-06", "informal", 53, "", 0},
		{"CUP 2022 to August 3: informal", "CUP", 2022, "2022-01", "2022-07", "informal", 115, "", 0},
		{"CUP 2022 from August 4: informal, 120 named", "CUP", 2022, "2022-09", "2022-12", "informal", 150, "", 120},
		{"CUP 2023, nearest the period; never the enterprise 24", "CUP", 2023, "2023-11", "2023-12", "informal", 273, "", 0},
		{"CUP 2024: no point of the year", "CUP", 2024, "2024", "2024", "", 0, "no informal rate of CUP in 2024", 0},
		{"CUC 2008 at its peg, US$1.08", "CUC", 2008, "2008", "2008", "peg", 1 / 1.08, "", 0},
		{"CUC 2016 at par", "CUC", 2016, "2016", "2016", "peg", 1, "", 0},
		{"CUC 2022: withdrawn", "CUC", 2022, "2022", "2022", "", 0, "withdrawn on 2021-01-01", 0},
		{"VEF 2016 parallel, nearest the period", "VEF", 2016, "2016-11", "2016-12", "informal", 2192.65, "", 0},
		{"VEF 2016 whole year: the point nearest mid-year", "VEF", 2016, "2016", "2016", "informal", 2192.65, "", 0},
		{"VEF 2013: no parallel point", "VEF", 2013, "2013", "2013", "", 0, "no informal rate of VEF in 2013", 0},
		{"VES 2020 parallel", "VES", 2020, "2020", "2020", "informal", 300627, "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ch := householdRate(fx, tc.cur, tc.year, tc.start, tc.end)
			switch {
			case tc.regime == "":
				if ch.rate != nil || !strings.Contains(ch.why, tc.why) {
					t.Errorf("got %+v, want none because %q", ch.rate, tc.why)
				}
			case ch.rate == nil:
				t.Errorf("no rate: %s", ch.why)
			case ch.rate.Regime != tc.regime || math.Abs(ch.rate.RatePerUSD-tc.rate) > 1e-9:
				t.Errorf("rate %s %v, want %s %v", ch.rate.Regime, ch.rate.RatePerUSD, tc.regime, tc.rate)
			case ch.rate.Regime == "enterprise" || tc.cur == "CUP" && ch.rate.Regime == "official":
				t.Errorf("an enterprise-type rate: %+v", ch.rate)
			}
			if got := 0.0; ch.beside != nil || tc.beside != 0 {
				if ch.beside != nil {
					got = ch.beside.RatePerUSD
				}
				if got != tc.beside {
					t.Errorf("named beside: %v, want %v", got, tc.beside)
				}
			}
		})
	}
}

// Every date of a household currency is covered by exactly one rule.
func TestHouseholdRulesCoverEveryDay(t *testing.T) {
	for _, cur := range []string{"CUP", "CUC", "VEF", "VES"} {
		for _, d := range []string{"1994-01-01", "2005-03-17", "2005-03-18", "2011-03-13", "2020-12-31", "2021-01-01", "2022-08-03", "2022-08-04", "2026-12-31"} {
			day := ruleSpan(householdRule{from: d}).first
			n := 0
			for _, r := range householdRules {
				if r.currency == cur && ruleSpan(r).gap(span{day, day}) == 0 {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%s %s: %d rules", cur, d, n)
			}
		}
	}
}

// The CUC's official rule: at par until 2005-04-08, US$1.08 to
// 2011-03-13, par again to 2020; no single rate in the years it changed,
// none after its withdrawal.
func TestCUCRule(t *testing.T) {
	for _, tc := range []struct {
		year int64
		rate float64
		why  string
	}{
		{2004, 1, ""}, {2005, 0, "changed within 2005"}, {2008, 1 / 1.08, ""}, {2011, 0, "changed within 2011"},
		{2016, 1, ""}, {2020, 1, ""}, {2021, 0, "withdrawn"},
	} {
		r, why := ruleRate(fxKey{"CUC", tc.year}, nil)
		if tc.why != "" {
			if r.SourceID == RulesSourceID && r.RatePerUSD != 0 || !strings.Contains(why, tc.why) {
				t.Errorf("CUC %d: %v %q, want none because %q", tc.year, r.RatePerUSD, why, tc.why)
			}
			continue
		}
		if why != "" || math.Abs(r.RatePerUSD-tc.rate) > 1e-12 || r.Regime != "peg" || !r.WholeYear() {
			t.Errorf("CUC %d: %+v %q, want %v", tc.year, r, why, tc.rate)
		}
	}
}

// A wage paid to a household in CUP gets both conversions: the official
// one in usd_per_worker_month, the household one next to it; a payment by
// a host does not.
func TestHouseholdConversion(t *testing.T) {
	rows := datasets.Rows{
		FXRates: []schemas.FXRate{point("CUP", "2023-12-19", "informal", 273, "exact")},
		ContractRates: datasets.Of(
			schemas.ContractRate{HostCountry: "CUB", Profession: "doctor", Year: 2023, PeriodStart: "2023", PeriodEnd: "2023", Aggregation: "rate",
				Measure: "salary_in_cuba", Component: "total", Basis: "per_worker", Amount: f64p(5460), Qualifier: "exact", Currency: "CUP", Per: "month", Status: "reported"},
			schemas.ContractRate{HostCountry: "CUB", Profession: "doctor", Year: 2016, PeriodStart: "2016", PeriodEnd: "2016", Aggregation: "rate",
				Measure: "worker_receives", Component: "total", Basis: "per_worker", Amount: f64p(1100), Qualifier: "exact", Currency: "CUP", Per: "month", Status: "reported"},
			schemas.ContractRate{HostCountry: "VEN", Profession: "doctor", Year: 2023, PeriodStart: "2023", PeriodEnd: "2023", Aggregation: "rate",
				Measure: "host_pays", Component: "total", Basis: "per_worker", Amount: f64p(5460), Qualifier: "exact", Currency: "CUP", Per: "month", Status: "reported"},
		),
	}
	rates, _ := chooseRates(&rows)
	convert(&rows, rates, 0)
	got := rows.ContractRates.Rows()
	if got[0].USDPerWorkerMonth == nil || *got[0].USDPerWorkerMonth != 5460.0/24 || got[0].HouseholdUSD == nil || *got[0].HouseholdUSD != 20 ||
		!strings.Contains(got[0].HouseholdUSDMethod, "rate=273 CUP per USD (fx_rates: regime informal, 2023-12-19") ||
		!strings.Contains(got[0].HouseholdUSDMethod, "household rule for CUP from 2022-08-04: regime informal") {
		t.Errorf("CUP 2023 wage: %v %v %q", got[0].USDPerWorkerMonth, got[0].HouseholdUSD, got[0].HouseholdUSDMethod)
	}
	if got[1].HouseholdUSD == nil || *got[1].HouseholdUSD != 44 || *got[1].USDPerWorkerMonth != 1100 ||
		!strings.Contains(got[1].HouseholdUSDMethod, "regime exchange_office, 2016") {
		t.Errorf("CUP 2016 wage: %v %v %q", got[1].USDPerWorkerMonth, got[1].HouseholdUSD, got[1].HouseholdUSDMethod)
	}
	if got[2].HouseholdUSD != nil || got[2].HouseholdUSDMethod != "" {
		t.Errorf("a host's payment got a household conversion: %q", got[2].HouseholdUSDMethod)
	}
}
