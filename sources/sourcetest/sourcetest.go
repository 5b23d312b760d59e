// Package sourcetest is the conformance suite every source kind runs: the
// same document gives the same rows twice, a cancelled context is
// honoured, a truncated document gives an error that names its place,
// and every row of every table a kind emits says where it comes from.
package sourcetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// Case is one valid document of a catalog entry, with where a truncation
// of it must fail (a byte offset inside the document).
type Case struct {
	Entry    sources.Entry
	Snapshot snapshot.Snapshot
	Body     []byte
	// TruncateAt cuts the document there for the truncation check; 0
	// skips that check for formats where a prefix can be valid (state why).
	TruncateAt int
}

// Run opens the case's entry with its registered kind and runs the
// conformance suite against the extractor it gives.
func Run(t *testing.T, c Case) {
	t.Helper()
	r, err := sources.Open(c.Entry)
	if err != nil {
		t.Fatalf("opening entry %s: %v", c.Entry.ID, err)
	}
	extract := func(ctx context.Context, body []byte) (datasets.Rows, error) {
		return r.Extractor.Extract(ctx, c.Snapshot, bytes.NewReader(body))
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
		for _, p := range problems(rows) {
			t.Error(p)
		}
		// The check itself: a row of each table that lost its locator (or,
		// in a table without one, its origin) would fail this test.
		for _, tb := range rows.Tables() {
			if tb.Len() == 0 {
				continue
			}
			if err := datasets.Each(tb, func(i int, row reflect.Value) error {
				if i > 0 {
					return errStop
				}
				if len(rowProblems(tb.Schema(), blanked(tb.Schema(), row))) == 0 {
					t.Errorf("%s: a row without its locator passes the check", tb.Schema().Name)
				}
				return errStop
			}); err != nil && !errors.Is(err, errStop) {
				t.Fatal(err)
			}
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

var errStop = errors.New("stop")

// problems lists every row of rows, in every table that has rows, that
// does not say where it comes from (see rowProblems).
func problems(rows datasets.Rows) []string {
	var out []string
	for _, tb := range rows.Tables() {
		if tb.Len() == 0 {
			continue
		}
		t := tb.Schema()
		if err := datasets.Each(tb, func(i int, row reflect.Value) error {
			for _, p := range rowProblems(t, row) {
				out = append(out, fmt.Sprintf("%s row %d: %s", t.Name, i, p))
			}
			return nil
		}); err != nil {
			out = append(out, fmt.Sprintf("%s: %v", t.Name, err))
		}
	}
	return out
}

// rowProblems checks one row a kind emitted, as its table asks:
//   - a table with no input column (derived by the engine) is not a
//     kind's to emit;
//   - a locator column must be set: where in the document the row stands;
//   - a source_id column must be set, except in the fact tables, whose
//     rows the engine stamps (it fills in the catalog entry's id);
//   - the row's origin (the file it was read from) must be set, since
//     every error about the row names it.
func rowProblems(t *schemas.Table, row reflect.Value) []string {
	var out []string
	if len(t.InputColumns()) == 0 {
		return []string{"the table is derived by the engine; a kind does not emit it"}
	}
	if c, ok := t.Column("locator"); ok && c.Field(row).String() == "" {
		out = append(out, "no locator")
	}
	_, stamped := t.Column("extractor")
	if c, ok := t.Column("source_id"); ok && !stamped && c.Field(row).String() == "" {
		out = append(out, "no source_id")
	}
	if at := row.FieldByName("At"); at.IsValid() && at.Type() == reflect.TypeFor[schemas.Origin]() &&
		at.Interface().(schemas.Origin).File == "" {
		out = append(out, "no origin")
	}
	return out
}

// blanked is a copy of row without its locator, or without its origin
// in a table that has no locator column.
func blanked(t *schemas.Table, row reflect.Value) reflect.Value {
	cp := reflect.New(row.Type()).Elem()
	cp.Set(row)
	if c, ok := t.Column("locator"); ok {
		c.Field(cp).SetString("")
	} else if at := cp.FieldByName("At"); at.IsValid() {
		at.Set(reflect.Zero(at.Type()))
	}
	return cp
}

// WithParams is a catalog entry of kind with id, url and params given as
// YAML text (a mapping, or empty for none), as a kind's tests build them.
func WithParams(tb testing.TB, kind, id, url, params string) sources.Entry {
	tb.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(params), &n); err != nil {
		tb.Fatalf("params of %s: %v", id, err)
	}
	src := sources.Entry{ID: id, Kind: kind, URL: url}
	if len(n.Content) > 0 {
		src.Params = *n.Content[0]
	}
	return src
}

// sameRows reports whether a and b hold equal rows in every table,
// compared row by row, never by how they are stored.
func sameRows(a, b datasets.Rows) bool {
	ta, tb := a.Tables(), b.Tables()
	if len(ta) != len(tb) {
		return false
	}
	for i := range ta {
		ra, err := rowValues(ta[i])
		if err != nil {
			return false
		}
		rb, err := rowValues(tb[i])
		if err != nil || !reflect.DeepEqual(ra, rb) {
			return false
		}
	}
	return true
}

// rowValues copies out every row of a table.
func rowValues(t datasets.Table) ([]any, error) {
	var out []any
	err := datasets.Each(t, func(_ int, row reflect.Value) error {
		out = append(out, row.Interface())
		return nil
	})
	return out, err
}
