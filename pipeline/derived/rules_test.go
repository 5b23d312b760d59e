package derived

import (
	"slices"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
)

func f64p(v float64) *float64 { return &v }
func i64p(v int64) *int64     { return &v }

// synthRev is a synthetic revenue row of one quantity (health services
// 2019, worldwide); edit sets what the rule under test looks at.
func synthRev(id string, edit func(*schemas.Revenue)) schemas.Revenue {
	r := schemas.Revenue{ObsID: id, Year: 2019, PeriodStart: "2019", PeriodEnd: "2019", Aggregation: "flow", Concept: "health_services_exports", PartnerCountry: "WLD",
		Value: f64p(1), Qualifier: "exact", Currency: "USD", ObservationType: "estimate", Status: "reported",
		Provenance: schemas.Provenance{SourceID: "primary"}}
	if edit != nil {
		edit(&r)
	}
	return r
}

// Each preferred rule, and the tie-break, decides between two rows of
// the same quantity; rows of other quantities are never compared.
func TestPreferredRules(t *testing.T) {
	for _, tc := range []struct {
		name string
		a, b func(*schemas.Revenue)
		want string // obs_id of the preferred row (of each, when they are not rivals)
	}{
		{"a figure over a withheld one", func(r *schemas.Revenue) { r.Status, r.Value, r.ObservationType = "withheld", nil, "official_statistic" }, nil, "rev_b"},
		{"official statistic over estimate", nil, func(r *schemas.Revenue) { r.ObservationType = "official_statistic" }, "rev_b"},
		{"official statement over claim", func(r *schemas.Revenue) { r.ObservationType = "claim" }, func(r *schemas.Revenue) { r.ObservationType = "official_statement" }, "rev_b"},
		{"a plan is not a rival of an outcome", func(r *schemas.Revenue) { r.ObservationType = "plan" }, nil, "rev_a rev_b"},
		{"of two plans, the later edition", func(r *schemas.Revenue) { r.ObservationType, r.Edition = "plan", "2020" },
			func(r *schemas.Revenue) { r.ObservationType, r.Edition = "plan", "2022" }, "rev_b"},
		{"later edition over earlier", func(r *schemas.Revenue) { r.Edition = "AEC 2020" }, func(r *schemas.Revenue) { r.Edition = "AEC 2022" }, "rev_b"},
		{"an edition over none", nil, func(r *schemas.Revenue) { r.Edition = "AEC 2019" }, "rev_b"},
		{"primary over secondary citation", func(r *schemas.Revenue) { r.SourceID = "secondary" }, nil, "rev_b"},
		{"exact over approximate", func(r *schemas.Revenue) { r.Qualifier = "approx" }, nil, "rev_b"},
		{"approximate over a range", nil, func(r *schemas.Revenue) { r.Qualifier = "approx" }, "rev_b"},
		{"official beats exactness", func(r *schemas.Revenue) { r.Qualifier = "exact" }, func(r *schemas.Revenue) { r.ObservationType, r.Qualifier = "official_statistic", "approx" }, "rev_b"},
		{"tie: the smaller obs_id", nil, nil, "rev_a"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b := synthRev("rev_a", tc.a), synthRev("rev_b", tc.b)
			if tc.name == "approximate over a range" {
				a.Qualifier, a.Value, a.ValueLow, a.ValueHigh = "range", nil, f64p(1), f64p(2)
			}
			other := synthRev("rev_0", func(r *schemas.Revenue) { r.Year, r.PeriodStart, r.PeriodEnd = 2020, "2020", "2020" }) // another quantity
			rows := datasets.Rows{Revenue: datasets.Of(b, a, other), Sources: []schemas.Source{
				{SourceID: "primary"}, {SourceID: "secondary", Cites: "ONEI, Anuario Estadistico de Cuba"}}}
			preferAll(&rows)
			for _, r := range rows.Revenue.All() {
				want := slices.Contains(strings.Fields(tc.want), r.ObsID) || r.ObsID == "rev_0"
				if r.Preferred == nil || *r.Preferred != want {
					t.Errorf("%s preferred %v, want %v", r.ObsID, r.Preferred, want)
				}
			}
		})
	}
}

// Contract rates: a rate for one worker and an aggregate are different
// quantities; among rates of one quantity, a converted one is preferred
// when the other rules tie.
func TestPreferredContractRates(t *testing.T) {
	mk := func(id string, edit func(*schemas.ContractRate)) schemas.ContractRate {
		r := schemas.ContractRate{ObsID: id, HostCountry: "BRA", Profession: "doctor", Year: 2014, PeriodStart: "2014", PeriodEnd: "2014",
			Aggregation: "rate", Measure: "host_pays", Component: "total", Basis: "per_worker",
			Amount: f64p(4000), Qualifier: "exact", Currency: "USD", Per: "month", Workers: i64p(1),
			ObservationType: "official_statement", Status: "reported", Provenance: schemas.Provenance{SourceID: "s"}}
		edit(&r)
		return r
	}
	rows := datasets.Rows{ContractRates: datasets.Of(
		mk("rate_a", func(r *schemas.ContractRate) {
			r.ObservationType, r.Per, r.Workers, r.Basis, r.Aggregation = "official_document", "contract", i64p(4000), "whole_contract", "flow"
		}),
		mk("rate_b", func(r *schemas.ContractRate) {}),
		mk("rate_c", func(r *schemas.ContractRate) { r.Currency = "XXX" }), // no rate: not converted
	)}
	convert(&rows, fxRates{}, 0)
	preferAll(&rows)
	want := map[string]bool{"rate_a": true, "rate_b": true, "rate_c": false}
	for _, r := range rows.ContractRates.All() {
		if *r.Preferred != want[r.ObsID] {
			t.Errorf("%s preferred %v, want %v (%s)", r.ObsID, *r.Preferred, want[r.ObsID], r.USDMethod)
		}
	}
}

// The rate used for a currency-year: World Bank, then IMF, then Fed; the
// rules only where no source gives one; disagreements over 1% reported;
// never a rate of another year.
func TestChooseRates(t *testing.T) {
	fx := func(cur string, year int64, rate float64, src string) schemas.FXRate {
		return schemas.AnnualAverage(schemas.FXRate{Currency: cur, Year: year, RatePerUSD: rate, SourceID: src, Locator: "l"})
	}
	rev := func(cur string, year int64) schemas.Revenue {
		return schemas.Revenue{Year: year, Currency: cur, Value: f64p(120), Status: "reported"}
	}
	rows := datasets.Rows{
		FXRates: []schemas.FXRate{
			fx("EUR", 2019, 0.90, "fed_fx"), fx("EUR", 2019, 0.8933, "worldbank_fx"), fx("EUR", 2019, 0.8932, "imf_fx"),
			fx("PEN", 2024, 3.7525, "imf_fx"), fx("PEN", 2024, 3.9, "fed_fx"),
			fx("MXN", 2025, 19.2052, "fed_fx"), fx("ZAR", 2025, 17.8782, "fed_fx"),
		},
		Revenue: datasets.Of(rev("EUR", 2019), rev("PEN", 2024), rev("MXN", 2025), rev("NAD", 2025), rev("SAR", 2025),
			rev("CUP", 2020), rev("CUP", 2023), rev("CUC", 2019), rev("CUC", 2021), rev("EUR", 2020)),
	}
	rates, checks := chooseRates(&rows)
	used := rates.used
	for k, want := range map[fxKey]string{{"EUR", 2019}: "worldbank_fx", {"PEN", 2024}: "imf_fx", {"MXN", 2025}: "fed_fx",
		{"NAD", 2025}: RulesSourceID, {"SAR", 2025}: RulesSourceID, {"CUP", 2020}: RulesSourceID, {"CUC", 2019}: RulesSourceID} {
		if r := used[k]; r == nil || r.SourceID != want {
			t.Errorf("%v: used %+v, want %s", k, r, want)
		}
	}
	for k, want := range map[fxKey]float64{{"NAD", 2025}: 17.8782, {"SAR", 2025}: 3.75, {"CUP", 2020}: 1, {"CUP", 2023}: 24, {"CUC", 2019}: 1} {
		if used[k].RatePerUSD != want {
			t.Errorf("%v: rate %v, want %v", k, used[k].RatePerUSD, want)
		}
	}
	for _, k := range []fxKey{{"CUC", 2021}, {"EUR", 2020}} {
		if used[k] != nil {
			t.Errorf("%v: a rate was made up: %+v", k, used[k])
		}
	}
	nUsed := map[fxKey]int{}
	for _, r := range rows.FXRates {
		if r.Used {
			nUsed[fxKey{r.Currency, r.Year}]++
		}
	}
	for k, n := range nUsed {
		if n != 1 {
			t.Errorf("%v: %d rows used", k, n)
		}
	}
	joined := strings.Join(checks, "\n")
	if strings.Contains(joined, "EUR 2019") { // Fed 0.90 is 0.75% from 0.8933
		t.Errorf("a difference under 1%% was reported:\n%s", joined)
	}
	if !strings.Contains(joined, "PEN 2024: fed_fx gives 3.9, +3.9% from the rate used (imf_fx, 3.7525)") || len(checks) != 1 {
		t.Errorf("cross-checks:\n%s", joined)
	}
	convert(&rows, rates, 0)
	for _, r := range rows.Revenue.All() {
		switch {
		case r.Currency == "CUC" && r.Year == 2021:
			if r.ValueUSD != nil || !strings.Contains(r.USDMethod, "the convertible peso was withdrawn on 2021-01-01") {
				t.Errorf("%s %d: %v %q", r.Currency, r.Year, r.ValueUSD, r.USDMethod)
			}
		case r.Currency == "EUR" && r.Year == 2020:
			if r.ValueUSD != nil || !strings.Contains(r.USDMethod, "a rate of another year is never used") {
				t.Errorf("%s %d: %v %q", r.Currency, r.Year, r.ValueUSD, r.USDMethod)
			}
		case r.Currency == "CUP" && r.Year == 2023:
			if *r.ValueUSD != 5 || !strings.Contains(r.USDMethod, "CUP rate chosen: the official rate 24") || !strings.Contains(r.USDMethod, "120") {
				t.Errorf("CUP 2023: %v %q", *r.ValueUSD, r.USDMethod)
			}
		}
	}
}

// CPI annual averages are over the months present, the missing ones
// named; the base year defaults to the latest year with a December index
// and can be set; value_usd_const follows.
func TestConstantDollars(t *testing.T) {
	var cpi []schemas.CPI
	for m := int64(1); m <= 12; m++ {
		cpi = append(cpi, schemas.CPI{Year: 2024, Month: m, Index: 100, SourceID: "bls_cpi"})
		if m != 10 {
			cpi = append(cpi, schemas.CPI{Year: 2025, Month: m, Index: 110, SourceID: "bls_cpi"})
		}
		if m <= 5 {
			cpi = append(cpi, schemas.CPI{Year: 2026, Month: m, Index: 200, SourceID: "bls_cpi"})
		}
	}
	cpi[0].Index = 88 // 2024: mean (88 + 11 x 100) / 12 = 99
	rows := datasets.Rows{CPI: cpi, Revenue: datasets.Of(schemas.Revenue{Year: 2024, Currency: "USD", Value: f64p(99), Status: "reported"})}
	convert(&rows, fxRates{}, 0)
	r := rows.Revenue.At(0)
	if r.ValueUSDConst == nil || *r.ValueUSDConst != 110 {
		t.Fatalf("value_usd_const %v (%s)", r.ValueUSDConst, r.USDMethod)
	}
	if !strings.Contains(r.USDMethod, "cpi_2025=110 (mean of the 11 months published; month 10 missing)") ||
		!strings.Contains(r.USDMethod, "(2025 dollars)") || !strings.Contains(r.USDMethod, "cpi_2024=99 (mean of 12 months)") {
		t.Errorf("method %q", r.USDMethod)
	}
	convert(&rows, fxRates{}, 2024)
	if r := rows.Revenue.At(0); *r.ValueUSDConst != 99 || !strings.Contains(r.USDMethod, "(2024 dollars)") {
		t.Errorf("base 2024: %v %q", *r.ValueUSDConst, r.USDMethod)
	}
	convert(&rows, fxRates{}, 1990)
	if r := rows.Revenue.At(0); r.ValueUSDConst != nil || !strings.Contains(r.USDMethod, "no CPI-U for the base year") {
		t.Errorf("base 1990: %v %q", r.ValueUSDConst, r.USDMethod)
	}
}

// Per worker per month: each period's divisor, aggregates divided by
// workers, and nothing derived when an input is missing.
func TestPerWorkerMonthPeriods(t *testing.T) {
	used := fxTable{{"EUR", 2024}: &schemas.FXRate{Currency: "EUR", Year: 2024, RatePerUSD: 0.8, SourceID: "worldbank_fx"}}
	mk := func(per string, workers *int64, amount *float64, measure string) schemas.ContractRate {
		return schemas.ContractRate{Year: 2024, PeriodStart: "2024", PeriodEnd: "2024", Measure: measure, Amount: amount, Currency: "EUR", Per: per, Workers: workers, Status: "reported"}
	}
	for _, tc := range []struct {
		r    schemas.ContractRate
		want float64 // 0: not derived
		why  string
	}{
		{mk("month", i64p(1), f64p(800), "host_pays"), 1000, "months=1"},
		{mk("year", i64p(1), f64p(9600), "host_pays"), 1000, "months=12"},
		{mk("two_years", i64p(1), f64p(19200), "host_pays"), 1000, "months=24"},
		{mk("hour", i64p(1), f64p(8), "host_pays"), 10 * HoursPerMonth, "40 a week x 52 weeks / 12 months"},
		{mk("month", i64p(40), f64p(32000), "host_pays"), 1000, "workers=40"},
		{mk("contract", i64p(40), f64p(32000), "host_pays"), 0, "length in months is not known (period 2024 to 2024)"},
		{mk("month", nil, f64p(800), "host_pays"), 0, "number of workers"},
		{mk("month", i64p(1), nil, "host_pays"), 0, "no amount"},
		{mk("", nil, f64p(70), "state_share"), 0, "a share"},
	} {
		rows := datasets.Of(tc.r)
		converter{fx: fxRates{used: used}}.perWorkerMonth(rows)
		got := rows.At(0)
		if tc.want == 0 {
			if got.USDPerWorkerMonth != nil || !strings.Contains(got.USDMethod, tc.why) {
				t.Errorf("%s: %v %q", tc.r.Per, got.USDPerWorkerMonth, got.USDMethod)
			}
			continue
		}
		if got.USDPerWorkerMonth == nil || *got.USDPerWorkerMonth-tc.want > 1e-9 || tc.want-*got.USDPerWorkerMonth > 1e-9 || !strings.Contains(got.USDMethod, tc.why) {
			t.Errorf("%s: %v, want %v (%q)", tc.r.Per, got.USDPerWorkerMonth, tc.want, got.USDMethod)
		}
	}
}

// The examples of issue 15: parts and wholes, subgroups, bases and
// periods are different quantities, each with its own preferred row.
func TestPreferredIdentity(t *testing.T) {
	rate := func(id string, edit func(*schemas.ContractRate)) schemas.ContractRate {
		r := schemas.ContractRate{ObsID: id, HostCountry: "SAU", Profession: "doctor", Year: 2022, PeriodStart: "2022", PeriodEnd: "2022",
			Aggregation: "rate", Measure: "worker_receives", Component: "total", Basis: "per_worker", Amount: f64p(1000), Qualifier: "exact",
			Currency: "USD", Per: "month", ObservationType: "estimate", Status: "reported"}
		edit(&r)
		return r
	}
	count := func(id string, edit func(*schemas.WorkerCount)) schemas.WorkerCount {
		r := schemas.WorkerCount{ObsID: id, HostCountry: "NAM", Year: 2006, PeriodStart: "2006", PeriodEnd: "2006", Aggregation: "stock",
			Sector: "health", Role: "doctors", Count: i64p(50), Qualifier: "exact", CountKind: "stock", ObservationType: "estimate", Status: "reported"}
		edit(&r)
		return r
	}
	rows := datasets.Rows{
		ContractRates: datasets.Of(
			rate("rate_sau_total", func(*schemas.ContractRate) {}),
			rate("rate_sau_allowance", func(r *schemas.ContractRate) {
				r.Component, r.Amount, r.ObservationType = "allowance", f64p(200), "official_document"
			}),
			rate("rate_bra_abroad", func(r *schemas.ContractRate) {
				r.HostCountry, r.Year, r.Component, r.Amount = "BRA", 2013, "paid_abroad", f64p(400)
			}),
			rate("rate_bra_cuba", func(r *schemas.ContractRate) {
				r.HostCountry, r.Year, r.Component, r.Amount = "BRA", 2013, "deposit_in_cuba", f64p(600)
			}),
			rate("rate_hnd_worker", func(r *schemas.ContractRate) { r.HostCountry, r.Measure = "HND", "host_pays" }),
			rate("rate_hnd_brigade", func(r *schemas.ContractRate) {
				r.HostCountry, r.Measure, r.Basis, r.Per, r.Amount, r.ObservationType = "HND", "host_pays", "whole_contract", "year", f64p(2e6), "official_document"
			}),
		),
		WorkerCounts: datasets.Of(
			count("wkr_gp", func(r *schemas.WorkerCount) { r.Subgroup = "general practitioners" }),
			count("wkr_sp", func(r *schemas.WorkerCount) {
				r.Subgroup, r.Count, r.ObservationType = "specialists", i64p(53), "official_statement"
			}),
		),
		Revenue: datasets.Of(
			synthRev("rev_cum", func(r *schemas.Revenue) {
				r.Year, r.PeriodStart, r.PeriodEnd, r.Aggregation, r.Value = 2023, "2008", "2023", "cumulative", f64p(108.5e9)
			}),
			synthRev("rev_withheld", func(r *schemas.Revenue) {
				r.Year, r.PeriodStart, r.PeriodEnd, r.Value, r.Status, r.ObservationType = 2023, "2023", "2023", nil, "withheld", "official_statistic"
			}),
		),
	}
	preferAll(&rows)
	for _, r := range rows.ContractRates.All() {
		if !*r.Preferred {
			t.Errorf("%s: not preferred: a part, another basis or another component was taken for its rival", r.ObsID)
		}
	}
	for _, r := range rows.WorkerCounts.All() {
		if !*r.Preferred {
			t.Errorf("%s: not preferred: a subgroup was taken for a rival", r.ObsID)
		}
	}
	for _, r := range rows.Revenue.All() {
		if !*r.Preferred {
			t.Errorf("%s: not preferred: a cumulative total and a one-year figure were taken for rivals", r.ObsID)
		}
	}
}

// A cumulative or annual-average total over several years is never
// converted with one year's rate nor deflated with one year's CPI; a
// contract amount with a known period is converted per month over it.
func TestConvertPeriods(t *testing.T) {
	used := fxTable{{"BRL", 2013}: &schemas.FXRate{Currency: "BRL", Year: 2013, RatePerUSD: 2, SourceID: "worldbank_fx"}}
	cpi := []schemas.CPI{}
	for m := int64(1); m <= 12; m++ {
		cpi = append(cpi, schemas.CPI{Year: 2023, Month: m, Index: 300, SourceID: "bls_cpi"}, schemas.CPI{Year: 2013, Month: m, Index: 200, SourceID: "bls_cpi"})
	}
	rev := func(agg, start, end, cur string) schemas.Revenue {
		return schemas.Revenue{Year: 2023, PeriodStart: start, PeriodEnd: end, Aggregation: agg, Value: f64p(100), Currency: cur, Status: "reported"}
	}
	rows := datasets.Rows{CPI: cpi, Revenue: datasets.Of(
		rev("cumulative", "2008", "2023", "USD"), rev("annual_average", "2011", "2015", "BRL"), rev("flow", "2023", "2023", "USD"),
		rev("cumulative", "2023-01", "2023-06", "USD")),
		ContractRates: datasets.Of(
			schemas.ContractRate{Year: 2013, PeriodStart: "2013-08", PeriodEnd: "2013-12", Aggregation: "flow", Measure: "host_pays",
				Basis: "whole_contract", Amount: f64p(1000), Currency: "BRL", Per: "contract", Workers: i64p(10), Status: "reported"},
			schemas.ContractRate{Year: 2014, PeriodStart: "2013-08", PeriodEnd: "2014-02", Aggregation: "flow", Measure: "host_pays",
				Basis: "whole_contract", Amount: f64p(1000), Currency: "BRL", Per: "contract", Workers: i64p(10), Status: "reported"},
			schemas.ContractRate{Year: 2014, PeriodStart: "2013-08", PeriodEnd: "2014-02", Aggregation: "flow", Measure: "host_pays",
				Basis: "whole_contract", Amount: f64p(700), Currency: "USD", Per: "contract", Workers: i64p(10), Status: "reported"},
		)}
	convert(&rows, fxRates{used: used}, 2023)
	got := rows.Revenue.Rows()
	if got[0].ValueUSD == nil || *got[0].ValueUSD != 100 || got[0].ValueUSDConst != nil || !strings.Contains(got[0].USDMethod, "never deflated with one year's CPI") {
		t.Errorf("cumulative USD 2008-2023: %v %v %q", got[0].ValueUSD, got[0].ValueUSDConst, got[0].USDMethod)
	}
	if got[1].ValueUSD != nil || !strings.Contains(got[1].USDMethod, "annual_average over 2011-2015 is never converted") {
		t.Errorf("annual average BRL 2011-2015: %v %q", got[1].ValueUSD, got[1].USDMethod)
	}
	if got[2].ValueUSDConst == nil || got[3].ValueUSDConst == nil {
		t.Errorf("a one-year figure was not deflated: %q / %q", got[2].USDMethod, got[3].USDMethod)
	}
	cr := rows.ContractRates.Rows()
	if cr[0].USDPerWorkerMonth == nil || *cr[0].USDPerWorkerMonth != 1000.0/2/5/10 || !strings.Contains(cr[0].USDMethod, "months=5 (the contract's period 2013-08 to 2013-12") {
		t.Errorf("contract of 5 months: %v %q", cr[0].USDPerWorkerMonth, cr[0].USDMethod)
	}
	if cr[1].USDPerWorkerMonth != nil || !strings.Contains(cr[1].USDMethod, "several calendar years") {
		t.Errorf("BRL contract over two years: %v %q", cr[1].USDPerWorkerMonth, cr[1].USDMethod)
	}
	if cr[2].USDPerWorkerMonth == nil || *cr[2].USDPerWorkerMonth != 10 || !strings.Contains(cr[2].USDMethod, "months=7") {
		t.Errorf("USD contract of 7 months: %v %q", cr[2].USDPerWorkerMonth, cr[2].USDMethod)
	}
}
