package invariants

import (
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
)

func f64(v float64) *float64 { return &v }
func yes() *bool             { v := true; return &v }

// good is a set of rows that passes every invariant.
func good() datasets.Rows {
	rate := func(id, measure string, amount float64, usd *float64) schemas.ContractRate {
		r := schemas.ContractRate{ObsID: id, HostCountry: "BRA", Profession: "doctor", Year: 2014, PeriodStart: "2014", PeriodEnd: "2014",
			Aggregation: "rate", Measure: measure, Component: "total", Basis: "per_worker", Amount: f64(amount),
			USDPerWorkerMonth: usd, Status: "reported", Preferred: yes(), Provenance: schemas.Provenance{SourceID: "s"}}
		if schemas.IsPercent("measure", measure) {
			r.USDPerWorkerMonth = nil
		}
		if measure == "host_pays" {
			r.PaymentRoute = "direct_to_state"
		}
		return r
	}
	// A wage in CUP of 2023: 2400 CUP a month, US$100 at the official 24,
	// US$10 at an informal 240.
	wage := schemas.ContractRate{ObsID: "rate_wage", HostCountry: "CUB", Profession: "doctor", Year: 2023, PeriodStart: "2023", PeriodEnd: "2023",
		Aggregation: "rate", Measure: "salary_in_cuba", Component: "total", Basis: "per_worker", Amount: f64(2400), Currency: "CUP", Per: "month",
		PaymentRoute: "domestic_payroll", Status: "reported", Preferred: yes(), USDPerWorkerMonth: f64(100), HouseholdUSD: f64(10),
		HouseholdUSDMethod: "usd_per_worker_month_household = amount / rate / months x hours / workers; rate=240 CUP per USD (fx_rates: regime informal, 2023-01-23, exact, s, l), the informal rate nearest"}
	return datasets.Rows{
		ContractRates: datasets.Of(rate("rate_pays", "host_pays", 4000, f64(4000)), rate("rate_w", "worker_share", 25, nil),
			rate("rate_s", "state_share", 75, nil), wage),
		FXRates: []schemas.FXRate{{Currency: "CUP", Year: 2023, PeriodStart: "2023", PeriodEnd: "2023", Regime: "official", RatePerUSD: 24,
			Qualifier: "exact", SourceID: "rules", Locator: "rule cup", Used: true}},
		Revenue: datasets.Of(schemas.Revenue{ObsID: "rev_total", Year: 2014, PeriodStart: "2014", PeriodEnd: "2014", Aggregation: "flow",
			Concept: "services_exports_total", PartnerCountry: "WLD", Value: f64(1e10), ValueUSD: f64(1e10), Currency: "USD",
			ObservationType: "official_statistic", Status: "reported", Preferred: yes()}),
		HostEstimates: []schemas.HostEstimate{{HostCountry: "BRA", Year: 2014, WorkersLow: 11000, WorkersHigh: 11000,
			HostPaysUSDLow: 4000, HostPaysUSDHigh: 4000, ImpliedRevenueUSDLow: 5.28e8, ImpliedRevenueHigh: 5.28e8,
			WorkerSharePct: f64(25), StateSharePct: f64(75), RateObsID: "rate_pays"}},
	}
}

func TestGoodRowsPass(t *testing.T) {
	rows := good()
	if v := Check(&rows); len(v) != 0 {
		t.Errorf("violations on good rows: %v", v)
	}
}

// Each invariant fails on a seeded bad row.
func TestSeededViolations(t *testing.T) {
	setRate := func(i int, fn func(*schemas.ContractRate)) func(*datasets.Rows) {
		return func(r *datasets.Rows) {
			x := r.ContractRates.At(i)
			fn(&x)
			r.ContractRates.Set(i, x)
		}
	}
	for _, tc := range []struct {
		name string
		seed func(*datasets.Rows)
		want string
	}{
		{"two preferred rows of one quantity", func(r *datasets.Rows) {
			x := r.ContractRates.At(0)
			x.ObsID, x.Amount, x.PeriodStart = "rate_pays2", f64(3000), "2014-05"
			r.ContractRates.Append(x)
		}, "one_preferred: contract_rates rate_pays2: preferred, and so is rate_pays"},
		{"a share above 100", setRate(1, func(x *schemas.ContractRate) { x.Amount = f64(125) }), "shares: contract_rates rate_w: a share outside 0-100"},
		{"shares that do not add up", setRate(2, func(x *schemas.ContractRate) { x.Amount = f64(90) }),
			"shares: contract_rates rate_w: worker share 25 and state share 90 (rate_s) sum to 115"},
		{"an estimate's shares out of range", func(r *datasets.Rows) { r.HostEstimates[0].StateSharePct = f64(-5) }, "shares: host_estimates BRA 2014"},
		{"a rate per worker out of bounds", setRate(0, func(x *schemas.ContractRate) { x.USDPerWorkerMonth = f64(400_000) }),
			"rate_bounds: contract_rates rate_pays: 400000.00 US$ per worker-month is outside 10-25000 for doctor"},
		{"implied revenue above the world total", func(r *datasets.Rows) { r.HostEstimates[0].ImpliedRevenueUSDLow = 2e10 },
			"implied_revenue: host_estimates 2014: implied host revenue of 2014 sums to at least 20000000000 US$, above the official world total"},
		{"an estimate from what the worker receives", setRate(0, func(x *schemas.ContractRate) { x.Measure = "worker_receives" }),
			"estimate_inputs: host_estimates rate_pays: the rate is worker_receives"},
		{"an estimate from a part", setRate(0, func(x *schemas.ContractRate) { x.Component = "logistics" }),
			"estimate_inputs: host_estimates rate_pays: the rate is a part (logistics)"},
		{"an estimate from a payment to an intermediary", setRate(0, func(x *schemas.ContractRate) { x.PaymentRoute = "intermediary" }),
			"estimate_inputs: host_estimates rate_pays: the host pays by route intermediary, not directly to the Cuban state"},
		{"an estimate from a whole contract's budget", setRate(0, func(x *schemas.ContractRate) { x.Basis = "whole_contract" }),
			"estimate_inputs: host_estimates rate_pays: the rate is for whole_contract, not for one worker"},
		{"a household wage at the enterprise rate", setRate(3, func(x *schemas.ContractRate) {
			x.HouseholdUSDMethod = strings.Replace(x.HouseholdUSDMethod, "regime informal", "regime enterprise", 1)
		}), "household_rate: contract_rates rate_wage: a wage in CUP converted for households at a rate of regime enterprise"},
		{"a household wage in CUP at the official rate", setRate(3, func(x *schemas.ContractRate) {
			x.HouseholdUSDMethod = strings.Replace(x.HouseholdUSDMethod, "regime informal", "regime official", 1)
		}), "household_rate: contract_rates rate_wage: a wage in CUP converted for households at a rate of regime official"},
		{"a household wage worth the official 24", setRate(3, func(x *schemas.ContractRate) { x.HouseholdUSD = f64(100) }),
			"household_rate: contract_rates rate_wage: a wage in CUP 2023 converted for households at 24 per US dollar, an enterprise-type rate"},
		{"a household wage that names no regime", setRate(3, func(x *schemas.ContractRate) { x.HouseholdUSDMethod = "amount / 240" }),
			"household_rate: contract_rates rate_wage: the household conversion names no regime"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows := good()
			tc.seed(&rows)
			var got []string
			for _, v := range Check(&rows) {
				got = append(got, v.String())
			}
			if !strings.Contains(strings.Join(got, "\n"), tc.want) {
				t.Errorf("no violation %q in %q", tc.want, got)
			}
		})
	}
}
