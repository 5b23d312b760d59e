package pipeline

import (
	"context"
	"testing"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources"
)

// A build records the kind of the rows it stamped, by the extractor name
// on the rows, with the kind's capabilities.
func TestBuiltKinds(t *testing.T) {
	b, err := Assemble(context.Background(), Config{Date: date, Offline: true, DataDir: t.TempDir(), DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if k := b.Kinds["curated@1"]; k == nil || !k.CitesDocuments || k.PositionalLocators {
		t.Errorf("curated@1: %+v", k)
	}
	if k := b.Kinds["worldbank@1"]; k == nil || !k.PositionalLocators || k.CitesDocuments {
		t.Errorf("worldbank@1: %+v", k)
	}
	for _, r := range b.Rows.FXRates {
		if r.SourceID == "" {
			t.Fatalf("fx row without source_id: %+v", r)
		}
	}
}

// derive leaves the locator out of the obs_id of rows whose kind has
// positional locators, by the kind recorded for their extractor name,
// and keeps it in for every other row (an unknown extractor included).
func TestDerivePositionalByKind(t *testing.T) {
	kinds := map[string]*sources.Kind{"pos@1": {Name: "pos", Version: "1", PositionalLocators: true},
		"fixed@1": {Name: "fixed", Version: "1"}}
	ids := func(extractor string) [2]string {
		var rows datasets.Rows
		for _, loc := range []string{"csv=row 2", "csv=row 3"} {
			rows.Revenue.Append(schemas.Revenue{Year: 2020, Concept: "services_exports_total", PartnerCountry: "WLD",
				Currency: "USD", Provenance: schemas.Provenance{SourceID: "s", Locator: loc, Extractor: extractor}})
		}
		derive(&rows, 0, kinds)
		return [2]string{rows.Revenue.At(0).ObsID, rows.Revenue.At(1).ObsID}
	}
	if got := ids("pos@1"); got[0] != got[1] {
		t.Errorf("positional kind: ids %v depend on the locator", got)
	}
	for _, x := range []string{"fixed@1", "unknown@1"} {
		if got := ids(x); got[0] == got[1] {
			t.Errorf("%s: ids %v ignore the locator", x, got)
		}
	}
}
