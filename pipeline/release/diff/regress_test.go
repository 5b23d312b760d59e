package diff

import (
	"reflect"
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
