package cite_test

import (
	"fmt"
	"time"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/pipeline/release/cite"
)

func ExampleCitation_APA() {
	c := cite.Citation{
		Title: "cubaexports: Cuba's state exports of professional services", Version: "v1.2.0",
		Date:      time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC),
		Authors:   []datasets.Author{{Name: "The cubaexports contributors"}},
		Publisher: "The cubaexports contributors", DOI: "10.5072/zenodo.1",
	}
	fmt.Println(c.APA())
	// Output: The cubaexports contributors. (2027). cubaexports: Cuba's state exports of professional services (Version v1.2.0) [Data set]. https://doi.org/10.5072/zenodo.1
}
