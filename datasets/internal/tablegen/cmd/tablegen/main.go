// Command tablegen writes datasets/zz_tables.go (see package tablegen):
// `go generate ./datasets/` runs it.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/cubaexports/cubaexports/datasets/internal/tablegen"
)

func main() {
	out := flag.String("o", "zz_tables.go", "file to write")
	flag.Parse()
	src, err := tablegen.Source()
	if err == nil {
		err = os.WriteFile(*out, src, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "tablegen:", err)
		os.Exit(1)
	}
}
