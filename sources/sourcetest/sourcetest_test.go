package sourcetest

import (
	"reflect"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
)

// Every table a kind may emit is checked: a row that lost its locator
// (or, in a table without one, its origin or source_id) is reported, and
// a complete row is not.
func TestProblemsEveryTable(t *testing.T) {
	at := schemas.Origin{File: "doc.csv", Row: 2}
	prov := schemas.Provenance{Locator: "csv=row 2", At: at}
	whole := func() datasets.Rows {
		var r datasets.Rows
		r.Revenue.Append(schemas.Revenue{Year: 2020, Provenance: prov})
		r.ContractRates.Append(schemas.ContractRate{Year: 2020, Provenance: prov})
		r.WorkerCounts.Append(schemas.WorkerCount{Year: 2020, Provenance: prov})
		r.Sources = []schemas.Source{{SourceID: "doc", At: at}}
		r.FXRates = []schemas.FXRate{{Currency: "EUR", Year: 2020, SourceID: "doc", Locator: "csv=row 2", At: at}}
		r.CPI = []schemas.CPI{{Year: 2020, Month: 1, SourceID: "doc", Locator: "csv=row 2", At: at}}
		return r
	}
	r := whole()
	if got := problems(r); len(got) != 0 {
		t.Fatalf("complete rows: %q", got)
	}
	for _, tc := range []struct {
		name, want string
		lose       func(r *datasets.Rows)
	}{
		{"revenue", "revenue row 0: no locator", func(r *datasets.Rows) {
			r.Revenue.Edit(func(_ int, x *schemas.Revenue) { x.Locator = "" })
		}},
		{"contract_rates", "contract_rates row 0: no origin", func(r *datasets.Rows) {
			r.ContractRates.Edit(func(_ int, x *schemas.ContractRate) { x.At = schemas.Origin{} })
		}},
		{"worker_counts", "worker_counts row 0: no locator", func(r *datasets.Rows) {
			r.WorkerCounts.Edit(func(_ int, x *schemas.WorkerCount) { x.Locator = "" })
		}},
		{"sources", "sources row 0: no source_id", func(r *datasets.Rows) { r.Sources[0].SourceID = "" }},
		{"fx_rates locator", "fx_rates row 0: no locator", func(r *datasets.Rows) { r.FXRates[0].Locator = "" }},
		{"fx_rates source", "fx_rates row 0: no source_id", func(r *datasets.Rows) { r.FXRates[0].SourceID = "" }},
		{"us_cpi", schemas.CPIName + " row 0: no locator", func(r *datasets.Rows) { r.CPI[0].Locator = "" }},
		{"host_estimates", "host_estimates row 0: the table is derived", func(r *datasets.Rows) {
			r.HostEstimates = []schemas.HostEstimate{{HostCountry: "VEN", Year: 2020}}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := whole()
			tc.lose(&r)
			got := problems(r)
			if len(got) != 1 || !strings.HasPrefix(got[0], tc.want) {
				t.Errorf("got %q, want one problem %q", got, tc.want)
			}
		})
	}
}

// The fact tables' source_id is the engine's to fill in: a kind may leave
// it empty there.
func TestFactSourceIDLeftToEngine(t *testing.T) {
	var r datasets.Rows
	r.Revenue.Append(schemas.Revenue{Provenance: schemas.Provenance{Locator: "x", At: schemas.Origin{File: "f"}}})
	if got := problems(r); len(got) != 0 {
		t.Errorf("got %q", got)
	}
}

// blanked takes away what the check looks for in every table, so the
// conformance run's self-check fails on a check that lost a table.
func TestBlanked(t *testing.T) {
	for _, tb := range (&datasets.Rows{
		FXRates: []schemas.FXRate{{SourceID: "doc", Locator: "l", At: schemas.Origin{File: "f"}}},
		Sources: []schemas.Source{{SourceID: "doc", At: schemas.Origin{File: "f"}}},
	}).Tables() {
		if tb.Len() == 0 {
			continue
		}
		if err := datasets.Each(tb, func(_ int, row reflect.Value) error {
			if len(rowProblems(tb.Schema(), row)) != 0 || len(rowProblems(tb.Schema(), blanked(tb.Schema(), row))) == 0 {
				t.Errorf("%s: blanked row passes, or the whole row does not", tb.Schema().Name)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
}
