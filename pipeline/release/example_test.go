package release_test

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/pipeline/release"
	"github.com/cubaexports/cubaexports/schemas"
)

func Example() {
	out, err := os.MkdirTemp("", "cubaexports-example-")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(out)

	in := release.Input{
		Rows: datasets.Rows{Sources: []schemas.Source{{SourceID: "synthetic_example", Title: "A made-up document",
			Publisher: "Example", PublisherType: "press", Language: "en"}}},
		Meta:    datasets.Default(),
		Program: release.Program{Name: "cubaexports", Version: "v0.0.0"},
		Date:    time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC),
	}
	ctx := context.Background()
	for range 2 { // the second build finds nothing new
		res, err := release.Write(ctx, out, in)
		if err != nil {
			panic(err)
		}
		fmt.Println(res.Version, res.Changed)
	}
	fmt.Println(release.Verify(ctx, out, ""))
	entries, _ := release.Index(out)
	fmt.Println(len(entries), entries[0].Date, entries[0].Rows["sources"])
	// Output:
	// v1.0.0 true
	// v1.0.0 false
	// <nil>
	// 1 2026-12-01 1
}
