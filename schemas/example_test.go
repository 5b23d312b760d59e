package schemas_test

import (
	"fmt"
	"os"

	"github.com/cubaexports/cubaexports/schemas"
)

// A table is declared once, as a struct; every artifact derives from it.
func ExampleNewTable() {
	type price struct {
		ObsID  string   `csv:"obs_id" role:"derived" doc:"Stable identifier."`
		Amount *float64 `csv:"amount,omitempty" role:"input" unit:"USD" doc:"Amount paid."`
		schemas.Provenance
	}
	t, err := schemas.NewTable[price]("prices", "Prices", "What was paid.", schemas.IDPrefix("p"))
	if err != nil {
		panic(err)
	}
	fmt.Println(t.Header())
	f := t.ArrowSchema().Field(1)
	fmt.Println(f.Name, f.Type, f.Nullable, f.Metadata.Values())
	amount, page := 4100.0, int64(2)
	_ = schemas.WriteCSV(os.Stdout, t, []price{{ObsID: "p_1", Amount: &amount,
		Provenance: schemas.Provenance{SourceID: "s", SnapshotSHA256: "ab", Locator: "p. 2", Page: &page, Extractor: "curated@1"}}})
	// Output:
	// [obs_id amount source_id snapshot_sha256 locator page doc_check doc_chars retrieved_at extractor]
	// amount float64 true [Amount paid. USD]
	// obs_id,amount,source_id,snapshot_sha256,locator,page,doc_check,doc_chars,retrieved_at,extractor
	// p_1,4100,s,ab,p. 2,2,,,0001-01-01T00:00:00Z,curated@1
}
