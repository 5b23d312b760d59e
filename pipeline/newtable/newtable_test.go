package newtable

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/pipeline/release"
	"github.com/cubaexports/cubaexports/pipeline/validate"
	"github.com/cubaexports/cubaexports/schemas"
)

// tariff is the row type of a table that exists only in this test.
type tariff struct {
	ObsID     string   `csv:"obs_id" role:"derived" doc:"Stable identifier."`
	Year      int64    `csv:"year" role:"input" id:"" unit:"year" doc:"Year of the tariff."`
	Qualifier string   `csv:"qualifier" role:"input" vocab:"qualifier" doc:"How the source qualifies it."`
	Rate      *float64 `csv:"rate,omitempty" role:"input" unit:"percent" doc:"The tariff."`
	schemas.Provenance
}

const tariffs = "tariffs"

// Declared and registered once, as schemas/registry.go declares the
// published tables: nothing else names it below but the checks.
var _ = schemas.Register(schemas.MustTable[tariff](tariffs, "Tariffs", "A table only this test publishes.",
	schemas.IDPrefix("tar")))

func rows() datasets.Rows {
	at := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	prov := func(row int) schemas.Provenance {
		return schemas.Provenance{SourceID: "s1", SnapshotSHA256: strings.Repeat("a", 64), Locator: "row " + string(rune('0'+row)),
			RetrievedAt: at, Extractor: "curated@1", At: schemas.Origin{File: "tariffs.csv", Row: row}}
	}
	rate := 12.5
	r := datasets.Rows{Sources: []schemas.Source{{SourceID: "s1", Title: "SYNTHETIC", Publisher: "P",
		PublisherType: "press", Language: "en", At: schemas.Origin{File: "sources.csv", Row: 2}}}}
	datasets.FactsOf[tariff](&r).Append(
		tariff{Year: 2020, Qualifier: "exact", Rate: &rate, Provenance: prov(2)},
		tariff{Year: 2021, Qualifier: "exact", Provenance: prov(3)})
	datasets.AssignIDs(&r)
	return r
}

func TestNewTableReachesEveryStage(t *testing.T) {
	r := rows()
	facts := datasets.FactsOf[tariff](&r)
	for i, x := range facts.All() {
		if !strings.HasPrefix(x.ObsID, "tar_") || len(x.ObsID) != len("tar_")+12 {
			t.Errorf("row %d: obs_id %q, want tar_ and 12 hex digits", i, x.ObsID)
		}
	}
	if n := r.Counts()[tariffs]; n != 2 {
		t.Errorf("Counts: %d tariffs rows, want 2", n)
	}

	rep := validate.Check(&r, validate.Options{CurrentYear: 2026})
	if errs := rep.Errors(); len(errs) != 0 {
		t.Fatalf("valid rows: %v", errs)
	}
	bad := rows()
	x := datasets.FactsOf[tariff](&bad).At(1)
	x.Qualifier, x.Year = "roughly", 1800
	datasets.FactsOf[tariff](&bad).Set(1, x)
	var rules []string
	for _, f := range validate.Check(&bad, validate.Options{CurrentYear: 2026}).Errors() {
		if f.Table == tariffs {
			rules = append(rules, f.Column+":"+f.Rule)
		}
	}
	if got := strings.Join(rules, " "); got != "qualifier:vocabulary year:range" {
		t.Errorf("findings on the tariffs table: %q, want the vocabulary and the year range", got)
	}

	out := t.TempDir()
	res, err := release.Write(context.Background(), out, release.Input{Rows: r, Meta: datasets.Default(),
		Date: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	csv, err := os.ReadFile(filepath.Join(res.Dir, "data", tariffs+".csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(csv)), "\n")
	if len(lines) != 3 || lines[0] != "obs_id,year,qualifier,rate,source_id,snapshot_sha256,locator,page,doc_check,doc_chars,retrieved_at,extractor" {
		t.Errorf("%s.csv:\n%s", tariffs, csv)
	}
	if _, err := os.Stat(filepath.Join(res.Dir, "data", tariffs+".parquet")); err != nil {
		t.Error(err)
	}
	pkg, err := os.ReadFile(filepath.Join(res.Dir, "datapackage.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(pkg), `"path": "data/`+tariffs+`.csv"`) {
		t.Errorf("datapackage.json does not list the %s table", tariffs)
	}
}
