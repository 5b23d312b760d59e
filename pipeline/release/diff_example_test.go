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

func ExampleDiffVersions() {
	out, err := os.MkdirTemp("", "cubaexports-example-")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(out)

	src := schemas.Source{SourceID: "synthetic_example", Title: "A made-up document",
		Publisher: "Example", PublisherType: "press", Language: "en"}
	in := release.Input{
		Rows:    datasets.Rows{Sources: []schemas.Source{src}},
		Meta:    datasets.Default(),
		Program: release.Program{Name: "cubaexports", Version: "v0.0.0"},
		Date:    time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC),
	}
	ctx := context.Background()
	if _, err := release.Write(ctx, out, in); err != nil {
		panic(err)
	}
	src.Title = "A made-up document, retitled" // metadata only: a PATCH
	in.Rows.Sources = []schemas.Source{src}
	res, err := release.Write(ctx, out, in)
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Version, res.Bump.Level)
	d, err := release.DiffVersions(ctx, out, "v1.0.0", res.Version)
	if err != nil {
		panic(err)
	}
	_ = d.WriteCSV(os.Stdout)
	// Output:
	// v1.0.1 PATCH
	// table,key,change,column,old,new
	// sources,synthetic_example,changed,title,A made-up document,"A made-up document, retitled"
}
