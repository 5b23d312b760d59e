package release

import (
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestRegressions(t *testing.T) {
	keys := func(n int) []string {
		k := make([]string, n)
		for i := range k {
			k[i] = "rev_" + string(rune('a'+i))
		}
		return k
	}
	pref := func(rc RowChange) RowChange { rc.preferred = true; return rc }
	for _, tc := range []struct {
		name  string
		table TableDiff
		want  []Finding
	}{
		{"nothing", TableDiff{Table: "revenue", OldRows: 10}, []Finding{}},
		{"lost 2 of 10 rows", TableDiff{Table: "revenue", OldRows: 10, Removed: keys(2)},
			[]Finding{{Blocking: true, Table: "revenue", Message: "lost 2 of its 10 rows (20%)"}}},
		{"lost 1 of 10 rows", TableDiff{Table: "revenue", OldRows: 10, Removed: keys(1)},
			[]Finding{{Table: "revenue", Message: "lost 1 of its 10 rows (10%)"}}},
		{"a source's rows all gone", TableDiff{Table: "revenue", OldRows: 20, Removed: keys(1),
			oldBySource: map[string]int{"doc_a": 1, "doc_b": 19}, newBySource: map[string]int{"doc_b": 19}},
			[]Finding{{Table: "revenue", Message: "lost 1 of its 20 rows (5%)"},
				{Blocking: true, Table: "sources", Key: "doc_a", Message: "every one of its 1 row is gone"}}},
		{"value up 60%", TableDiff{Table: "revenue", Changed: []RowChange{changed("rev_a", "d", "curated@1", "value=100>160")}},
			[]Finding{{Blocking: true, Table: "revenue", Key: "rev_a", Message: "value moved by 60% (100 → 160)"}}},
		{"bound down 20%", TableDiff{Table: "worker_counts", Changed: []RowChange{changed("wkr_a", "d", "curated@1", "count_low=100>80")}},
			[]Finding{{Table: "worker_counts", Key: "wkr_a", Message: "count_low moved by 20% (100 → 80)"}}},
		{"small move, text column, null", TableDiff{Table: "revenue", Changed: []RowChange{changed("rev_a", "d", "curated@1",
			"value=100>105", "note=1>100", "value_low=>100", "value_high=5>")}}, []Finding{}},
		{"from zero", TableDiff{Table: "contract_rates", Changed: []RowChange{changed("rate_a", "d", "curated@1", "amount=0>5")}},
			[]Finding{{Blocking: true, Table: "contract_rates", Key: "rate_a", Message: "amount moved by ∞% (from zero) (0 → 5)"}}},
		{"preferred rows only, once there are some", TableDiff{Table: "revenue", anyPreferred: true, Changed: []RowChange{
			changed("rev_a", "d", "curated@1", "value=100>200"), pref(changed("rev_b", "d", "curated@1", "value=100>300"))}},
			[]Finding{{Blocking: true, Table: "revenue", Key: "rev_b", Message: "value moved by 200% (100 → 300)"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := diffOf(tc.table).Regressions(); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("findings\n got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

// regressedInput doubles the preferred revenue value of the synthetic input.
func regressedInput() Input {
	in := syntheticInput()
	r := in.Rows.Revenue.At(0)
	r.Value, r.ValueUSD = f64(9e9), f64(9e9)
	in.Rows.Revenue.Set(0, r)
	return in
}

// A regression blocks the release and writes nothing; a reason lets it
// through and goes into the changelog.
func TestRegressionGate(t *testing.T) {
	out := t.TempDir()
	mustBuild(t, out, syntheticInput())
	before := snapshotTree(t, out)
	res, err := Write(context.Background(), out, regressedInput())
	var re *RegressionError
	if !errors.Is(err, ErrRegression) || !errors.As(err, &re) || len(re.Findings) != 1 {
		t.Fatalf("Write: %v, want 1 regression (value; value_usd is not watched)", err)
	}
	if !strings.Contains(err.Error(), "value moved by 100% (4500000000 → 9000000000)") || res.Version != "v1.1.0" {
		t.Errorf("error %v, result %+v", err, res)
	}
	if !maps.Equal(before, snapshotTree(t, out)) {
		t.Errorf("a blocked release changed OUT")
	}
	in := regressedInput()
	in.AcceptRegressions = "the yearbook's 2022 figure was doubled by the publisher"
	res = mustBuild(t, out, in)
	log := string(readFile(t, filepath.Join(res.Dir, changelogFile)))
	for _, want := range []string{"## Regressions accepted", "Reason: the yearbook's 2022 figure was doubled by the publisher",
		"- revenue rev_", "value moved by 100%"} {
		if !strings.Contains(log, want) {
			t.Errorf("changelog lacks %q:\n%s", want, log)
		}
	}
}

// A dry run computes the version and changelog and leaves OUT as it was,
// even when OUT does not exist yet.
func TestDryRun(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	in := syntheticInput()
	in.DryRun = true
	res := mustBuild(t, out, in)
	if !res.DryRun || res.Version != "v1.0.0" || !strings.Contains(res.Changelog, "First release.") {
		t.Errorf("first dry run: %+v", res)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a dry run created OUT: %v", err)
	}
	mustBuild(t, out, syntheticInput())
	before := snapshotTree(t, out)
	in = changedInput()
	in.DryRun = true
	res = mustBuild(t, out, in)
	if !res.DryRun || res.Version != "v1.1.0" || res.Bump.Level != Minor ||
		!strings.Contains(res.Changelog, "`value`: `4500000000` → `4600000000`") {
		t.Errorf("dry run: %+v", res)
	}
	if !maps.Equal(before, snapshotTree(t, out)) {
		t.Errorf("a dry run changed OUT")
	}
}
