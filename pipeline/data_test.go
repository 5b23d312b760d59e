package pipeline

import (
	"context"
	"testing"

	"github.com/cubaexports/cubaexports/pipeline/invariants"
)

// The data tests: every invariant holds over the release built from the
// embedded data (the rows it publishes).
func TestReleaseInvariants(t *testing.T) {
	res, err := Run(context.Background(), Config{Date: date, Offline: true, DataDir: t.TempDir()}, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if res.Rows.ContractRates.Len() == 0 || len(res.Rows.HostEstimates) == 0 {
		t.Fatalf("the release has %d contract rates and %d host estimates: nothing to test", res.Rows.ContractRates.Len(), len(res.Rows.HostEstimates))
	}
	for _, inv := range invariants.All() {
		for _, v := range inv.Check(&res.Rows) {
			t.Errorf("%s (%s)", v, inv.Doc)
		}
	}
}
