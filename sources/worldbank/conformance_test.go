package worldbank

import (
	"bytes"
	"os"
	"testing"

	"github.com/cubaexports/cubaexports/sources/snapshot"
	"github.com/cubaexports/cubaexports/sources/sourcetest"
)

// Both modes pass the conformance suite: the real bulk CSV (cut in the
// middle of Brazil's record), the same CSV inside a ZIP (cut in half),
// and an API page (cut inside its rows array).
func TestConformance(t *testing.T) {
	body := realBody(t)
	brazil := bytes.Index(body, []byte(`"Brazil","BRA"`))
	zipped := realZip(t)
	page, err := os.ReadFile("testdata/synthetic_exports_page-1.json")
	if err != nil {
		t.Fatal(err)
	}
	fx := source(t, "worldbank_fx", bulkURL, fxParams)
	api := source(t, "worldbank_exports",
		"https://api.worldbank.org/v2/country/CUB/indicator/NE.EXP.GNFS.CD?format=json&date=2000:2024&per_page=10", exportsParams)
	for _, tc := range []struct {
		name string
		c    sourcetest.Case
	}{
		{"bulk csv", sourcetest.Case{Entry: fx, Snapshot: snapshot.Snapshot{Name: realCSV}, Body: body, TruncateAt: brazil + 200}},
		{"bulk zip", sourcetest.Case{Entry: fx, Snapshot: snapshot.Snapshot{Name: "PA.NUS.FCRF.zip"}, Body: zipped, TruncateAt: len(zipped) / 2}},
		{"api page", sourcetest.Case{Entry: api, Snapshot: snapshot.Snapshot{Name: "page-1.json"}, Body: page, TruncateAt: len(page) / 2}},
	} {
		t.Run(tc.name, func(t *testing.T) { sourcetest.Run(t, tc.c) })
	}
}
