package datasets

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/cubaexports/cubaexports/datasets/internal/tablegen"
	"github.com/cubaexports/cubaexports/schemas"
)

// zz_tables.go is what the generator writes from the tables declared in
// schemas today: a column added to a row struct without `go generate
// ./datasets/` fails here, so the declaration stays the one place a
// column is written.
func TestGeneratedStoresUpToDate(t *testing.T) {
	src, err := tablegen.Source()
	if err != nil {
		t.Fatal(err)
	}
	fresh := filepath.Join(t.TempDir(), "zz_tables.go")
	if err := os.WriteFile(fresh, src, 0o644); err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(fresh)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("zz_tables.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("datasets/zz_tables.go is out of date: run go generate ./datasets/")
	}
}

// Every fact table declared in schemas has a generated store (no
// reflection per cell), and a row type declared elsewhere the
// reflective one.
func TestEveryFactTableHasGeneratedStore(t *testing.T) {
	for _, tb := range schemas.All() {
		if _, ok := generated[tb.RowType()]; ok != tb.IsFact() {
			t.Errorf("table %s (fact: %v): generated store %v", tb.Name, tb.IsFact(), ok)
		}
	}
	type other struct{ A string }
	if _, ok := newStore[other](0).(reflectStore[other]); !ok {
		t.Error("a row type without generated code has no reflective store")
	}
}
