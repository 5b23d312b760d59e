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
		return r
	}
	return datasets.Rows{
		ContractRates: datasets.Of(rate("rate_pays", "host_pays", 4000, f64(4000)), rate("rate_w", "worker_share", 25, nil),
			rate("rate_s", "state_share", 75, nil)),
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
