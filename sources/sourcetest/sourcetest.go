// Package sourcetest is the conformance suite every source kind runs: the
// same document gives the same rows twice, a cancelled context is
// honoured, a truncated document gives an error that names its place,
// and every fact row says where in its document it stands.
package sourcetest

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/pipeline/snapshot"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources"
)

// Case is one valid document of a kind, with where a truncation of it
// must fail (a byte offset inside the document).
type Case struct {
	Source   sources.Source
	Snapshot snapshot.Snapshot
	Body     []byte
	// TruncateAt cuts the document there for the truncation check; 0
	// skips that check for formats where a prefix can be valid (state why).
	TruncateAt int
}

// Run runs the conformance suite against an extractor.
func Run(t *testing.T, e sources.Extractor, c Case) {
	t.Helper()
	extract := func(ctx context.Context, body []byte) (datasets.Rows, error) {
		return e.Extract(ctx, c.Source, c.Snapshot, bytes.NewReader(body))
	}
	t.Run("deterministic", func(t *testing.T) {
		a, err := extract(context.Background(), c.Body)
		if err != nil {
			t.Fatal(err)
		}
		b, err := extract(context.Background(), c.Body)
		if err != nil {
			t.Fatal(err)
		}
		if !sameRows(a, b) {
			t.Error("the same document gave different rows")
		}
		if a.Len() == 0 {
			t.Error("the document gave no rows")
		}
	})
	t.Run("locators", func(t *testing.T) {
		rows, err := extract(context.Background(), c.Body)
		if err != nil {
			t.Fatal(err)
		}
		for _, tb := range rows.Tables() {
			checkLocators(t, tb)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := extract(ctx, c.Body); !errors.Is(err, context.Canceled) {
			t.Errorf("got %v, want context.Canceled", err)
		}
	})
	if c.TruncateAt > 0 {
		t.Run("truncated", func(t *testing.T) {
			_, err := extract(context.Background(), c.Body[:c.TruncateAt])
			var le *datasets.LocatedError
			if !errors.As(err, &le) {
				t.Errorf("a truncated document gave %v, want a located error", err)
			}
		})
	}
}

// WithParams is a catalog source of kind with id, url and params given as
// YAML text (a mapping, or empty for none), as a kind's tests build them.
func WithParams(tb testing.TB, kind, id, url, params string) sources.Source {
	tb.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(params), &n); err != nil {
		tb.Fatalf("params of %s: %v", id, err)
	}
	src := sources.Source{ID: id, Kind: kind, URL: url}
	if len(n.Content) > 0 {
		src.Params = *n.Content[0]
	}
	return src
}

// checkLocators reports every row of a table with a locator column (every
// fact table, and the tables of exchange rates and prices a kind may emit)
// that has no locator, or no origin to name in an error.
func checkLocators(t *testing.T, tb datasets.Table) {
	t.Helper()
	loc, ok := tb.Schema().Column("locator")
	if !ok {
		return
	}
	err := datasets.Each(tb, func(i int, row reflect.Value) error {
		at, _ := row.FieldByName("At").Interface().(schemas.Origin)
		if loc.Field(row).String() == "" || at.File == "" {
			t.Errorf("%s row %d has no locator or origin", tb.Schema().Name, i)
		}
		return nil
	})
	if err != nil {
		t.Error(err)
	}
}

// sameRows reports whether a and b hold equal rows in every table,
// compared row by row, never by how they are stored.
func sameRows(a, b datasets.Rows) bool {
	ta, tb := a.Tables(), b.Tables()
	for i := range ta {
		if !reflect.DeepEqual(datasets.RowsOf(ta[i]).Interface(), datasets.RowsOf(tb[i]).Interface()) {
			return false
		}
	}
	return true
}
