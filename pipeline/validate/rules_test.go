package validate

import (
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
)

// TestUniqueKeys checks the one-pass duplicate search, over Columns (as
// the fact tables' pass reads it) and over a slice: rows in key order are
// compared with their neighbour; from the first row out of order on, a
// duplicate names the first row with its key, also when that row is in
// the ordered part before.
func TestUniqueKeys(t *testing.T) {
	type row struct { // exported fields: a store holds only those
		K  string
		At schemas.Origin
	}
	key := func(x *row) (string, schemas.Origin) { return x.K, x.At }
	first := regexp.MustCompile(`as t\.csv:(\d+)$`)
	for _, tc := range []struct {
		name string
		keys []string
		want []string // "row of first" for each duplicate, in row order
	}{
		{"in order", []string{"a", "a", "b", "c", "c", "c"}, []string{"2 of 1", "5 of 4", "6 of 4"}},
		{"out of order", []string{"a", "a", "b", "a", "c", "b"}, []string{"2 of 1", "4 of 1", "6 of 3"}},
		{"out of order at once", []string{"b", "a", "b", "a"}, []string{"3 of 1", "4 of 2"}},
		{"no duplicate", []string{"b", "a", "c"}, nil},
		{"empty", nil, nil},
	} {
		rows := make([]row, len(tc.keys))
		for i, k := range tc.keys {
			rows[i] = row{k, schemas.Origin{File: "t.csv", Row: i + 1}}
		}
		for _, how := range []string{"columns", "slice"} {
			t.Run(tc.name+" "+how, func(t *testing.T) {
				c := checker{r: &Report{}}
				if how == "slice" {
					uniqueKeys(&c, "t", "k", rows, key)
				} else {
					cols := datasets.Of(rows...)
					u := unique[row]{c: &c, table: "t", col: "k", rows: cols.All(), key: key}
					for i, x := range cols.All() {
						u.row(i, &x)
					}
				}
				var got []string
				for _, f := range c.r.Findings {
					m := first.FindStringSubmatch(f.Msg)
					if m == nil || f.Rule != "duplicate" || f.Value != tc.keys[f.At.Row-1] {
						t.Fatalf("finding %v", f)
					}
					got = append(got, fmt.Sprintf("%d of %s", f.At.Row, m[1]))
				}
				if !slices.Equal(got, tc.want) {
					t.Errorf("duplicates %v, want %v", got, tc.want)
				}
			})
		}
	}
}

// benchRates are n valid synthetic contract_rates rows in obs_id order,
// with the source they cite.
func benchRates(n int) datasets.Rows {
	base := valid()
	r0 := base.ContractRates.At(0)
	rates := make([]schemas.ContractRate, n)
	for i := range rates {
		x := r0
		x.Year = int64(FirstYear + i%60)
		x.Amount = f64(float64(1000 + i%5000))
		x.Locator = fmt.Sprintf("synthetic row %d", i)
		x.At.Row = i + 2
		rates[i] = x
	}
	rows := datasets.Rows{ContractRates: datasets.Of(rates...), Sources: base.Sources}
	datasets.AssignIDs(&rows)
	rows.Sort()
	return rows
}

// BenchmarkRules runs the checks of this file (keys, foreign keys and the
// rules of each table) over 1,000,000 contract_rates rows: one pass.
func BenchmarkRules(b *testing.B) {
	rows := benchRates(1_000_000)
	b.ReportAllocs()
	for b.Loop() {
		c := checker{r: &Report{}, opt: Options{CurrentYear: 2026}}
		c.citable(rows.Sources)
		c.facts(&rows)
		c.keys(&rows)
		c.foreignKeys(&rows)
		if len(c.r.Findings) != 0 {
			b.Fatalf("%d findings, the first: %s", len(c.r.Findings), c.r.Findings[0])
		}
	}
}

// BenchmarkCheck runs every check over 1,000,000 contract_rates rows.
func BenchmarkCheck(b *testing.B) {
	rows := benchRates(1_000_000)
	b.ReportAllocs()
	for b.Loop() {
		if err := Check(&rows, Options{Codes: isoCodes{}, CurrentYear: 2026}).Err(); err != nil {
			b.Fatal(err)
		}
	}
}
