package derived

import (
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
)

// hostRate is a preferred, converted contract rate of a host in 2014.
func hostRate(id, host, measure, route string, usd float64, edit func(*schemas.ContractRate)) schemas.ContractRate {
	yes := true
	r := schemas.ContractRate{ObsID: id, HostCountry: host, Profession: "doctor", Year: 2014, PeriodStart: "2014", PeriodEnd: "2014", Aggregation: "rate",
		Measure: measure, Component: "total", Basis: "per_worker", Amount: f64p(usd), Qualifier: "exact", Currency: "USD", Per: "month",
		PaymentRoute: route, ObservationType: "official_statement", Status: "reported", Preferred: &yes, USDPerWorkerMonth: f64p(usd)}
	if edit != nil {
		edit(&r)
	}
	return r
}

func hostCount(id, host string, n int64, q string) schemas.WorkerCount {
	yes := true
	return schemas.WorkerCount{ObsID: id, HostCountry: host, Year: 2014, PeriodStart: "2014-06", PeriodEnd: "2014-06", Aggregation: "stock",
		Sector: "health", Role: "doctors", Count: i64p(n), Qualifier: q, CountKind: "stock", ObservationType: "official_statement", Status: "reported", Preferred: &yes}
}

// Only payments to the Cuban side are multiplied; qualifiers carry
// through; shares are gross with gross.
func TestHostEstimatesPayments(t *testing.T) {
	rows := datasets.Rows{
		ContractRates: datasets.Of(
			// BRA: the host pays PAHO; what the state receives is known.
			hostRate("rate_bra_host", "BRA", "host_pays", "intermediary", 4000, nil),
			hostRate("rate_bra_state", "BRA", "state_receives", "intermediary", 3000, nil),
			hostRate("rate_bra_worker", "BRA", "worker_receives", "intermediary", 1000, nil),
			// HND: an intermediary, no state_receives: excluded, with the reason.
			hostRate("rate_hnd", "HND", "host_pays", "intermediary", 5000, nil),
			// QAT: paid directly to the state, more than 200 workers; a
			// logistics cost and a take-home part are never multiplied.
			hostRate("rate_qat", "QAT", "host_pays", "direct_to_state", 5000, func(r *schemas.ContractRate) { r.Qualifier = "approx" }),
			hostRate("rate_qat_logistics", "QAT", "host_pays", "direct_to_state", 90000, func(r *schemas.ContractRate) { r.Component = "logistics" }),
			hostRate("rate_qat_budget", "QAT", "host_pays", "direct_to_state", 90000, func(r *schemas.ContractRate) { r.Basis, r.Per, r.Aggregation = "whole_contract", "contract", "flow" }),
			hostRate("rate_qat_paid_abroad", "QAT", "worker_receives", "direct_to_state", 800, func(r *schemas.ContractRate) { r.Component = "paid_abroad" }),
		),
		WorkerCounts: datasets.Of(hostCount("wkr_bra", "BRA", 100, "exact"), hostCount("wkr_hnd", "HND", 10, "exact"), hostCount("wkr_qat", "QAT", 200, "more_than")),
	}
	est, notes := hostEstimates(&rows)
	by := map[string]schemas.HostEstimate{}
	for _, e := range est {
		by[e.HostCountry] = e
	}
	if len(est) != 2 {
		t.Fatalf("%d estimates: %+v", len(est), est)
	}
	bra := by["BRA"]
	if bra.RateObsID != "rate_bra_state" || *bra.ImpliedRevenueUSD != 100*3000*12 || bra.Qualifier != "exact" ||
		bra.WorkerSharePct == nil || *bra.WorkerSharePct != 25 || !strings.Contains(bra.Method, "gross with gross") ||
		!strings.Contains(bra.Method, "through an intermediary") || !strings.Contains(bra.Method, "not used: contract_rates rate_bra_host") {
		t.Errorf("BRA: %+v", bra)
	}
	qat := by["QAT"]
	if qat.RateObsID != "rate_qat" || qat.Qualifier != "at_least" || qat.WorkerSharePct != nil {
		t.Errorf("QAT: %+v", qat)
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "HND 2014 not derived") || !strings.Contains(notes[0], "route intermediary") {
		t.Errorf("notes: %q", notes)
	}
}

func TestCombineQualifiers(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want string
	}{
		{[]string{"exact", "exact"}, "exact"},
		{[]string{"more_than", "exact"}, "at_least"},
		{[]string{"approx", "at_least"}, "at_least"},
		{[]string{"exact", "up_to"}, "up_to"},
		{[]string{"more_than", "less_than"}, "approx"},
		{[]string{"range", "exact"}, "range"},
		{[]string{"approx", "exact"}, "approx"},
	} {
		if got := combineQualifiers(tc.in...); got != tc.want {
			t.Errorf("%v: %s, want %s", tc.in, got, tc.want)
		}
	}
}
