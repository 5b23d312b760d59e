package diff

import (
	"context"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// revenueHead is the header of the revenue tables of the pairing tests.
const revenueHead = "obs_id,year,value,source_id,locator,extractor\n"

// compareRevenue diffs two revenue tables (CSV rows after revenueHead,
// or whole CSV texts when they start with "obs_id").
func compareRevenue(t *testing.T, old, cur string) *Diff {
	t.Helper()
	text := func(s string) string {
		if strings.HasPrefix(s, "obs_id") {
			return s
		}
		return revenueHead + s
	}
	d, err := Compare(context.Background(), memSide("v1.0.0", map[string]string{"revenue": text(old)}),
		memSide("build", map[string]string{"revenue": text(cur)}))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestPairing(t *testing.T) {
	for _, tc := range []struct {
		name           string
		old, cur       string
		changed        []RowChange // sourceID, extractor and preferred aside
		added, removed []string
		schemaChanges  int
	}{
		{"year corrected: re-identified", "rev_a,2011,100,d,p. 3,curated@1\n", "rev_b,2012,100,d,p. 3,curated@1\n",
			[]RowChange{{Key: "rev_b", Cells: []Cell{{"obs_id", "rev_a", "rev_b"}, {"year", "2011", "2012"}}}}, nil, nil, 0},
		{"value changed too", "rev_a,2011,100,d,p. 3,curated@1\n", "rev_b,2012,120,d,p. 3,curated@1\n",
			[]RowChange{{Key: "rev_b", Cells: []Cell{{"obs_id", "rev_a", "rev_b"}, {"year", "2011", "2012"}, {"value", "100", "120"}}}}, nil, nil, 0},
		{"identity column added: compared against empty", "rev_a,2011,100,d,p. 3,curated@1\n",
			"obs_id,year,period_start,value,source_id,locator,extractor\nrev_b,2011,2010,100,d,p. 3,curated@1\nrev_c,2012,,5,d,p. 4,curated@1\n",
			[]RowChange{{Key: "rev_b", Cells: []Cell{{"obs_id", "rev_a", "rev_b"}, {"period_start", "", "2010"}}}}, []string{"rev_c"}, nil, 1},
		{"a pair and a real removal", "rev_a,2011,100,d,p. 3,curated@1\nrev_x,2011,7,d,p. 9,curated@1\n", "rev_b,2012,100,d,p. 3,curated@1\n",
			[]RowChange{{Key: "rev_b", Cells: []Cell{{"obs_id", "rev_a", "rev_b"}, {"year", "2011", "2012"}}}}, nil, []string{"rev_x"}, 0},
		{"two removed rows at one passage: the closest is paired", "rev_a,2011,100,d,p. 3,curated@1\nrev_c,2011,50,d,p. 3,curated@1\n",
			"rev_b,2012,100,d,p. 3,curated@1\n",
			[]RowChange{{Key: "rev_b", Cells: []Cell{{"obs_id", "rev_a", "rev_b"}, {"year", "2011", "2012"}}}}, nil, []string{"rev_c"}, 0},
		{"two added rows at one passage: the closest is paired", "rev_a,2011,100,d,p. 3,curated@1\n",
			"rev_b,2012,100,d,p. 3,curated@1\nrev_c,2012,50,d,p. 3,curated@1\n",
			[]RowChange{{Key: "rev_b", Cells: []Cell{{"obs_id", "rev_a", "rev_b"}, {"year", "2011", "2012"}}}}, []string{"rev_c"}, nil, 0},
		{"a passage of several years: each year paired with its own", "rev_a,2011,100,d,p. 3,curated@1\nrev_c,2012,50,d,p. 3,curated@1\n",
			"obs_id,year,aggregation,value,source_id,locator,extractor\nrev_b,2011,flow,100,d,p. 3,curated@1\nrev_d,2012,flow,50,d,p. 3,curated@1\n",
			[]RowChange{{Key: "rev_b", Cells: []Cell{{"obs_id", "rev_a", "rev_b"}, {"aggregation", "", "flow"}}},
				{Key: "rev_d", Cells: []Cell{{"obs_id", "rev_c", "rev_d"}, {"aggregation", "", "flow"}}}}, nil, nil, 1},
		{"two equally close rows: ambiguous", "rev_a,2011,100,d,p. 3,curated@1\nrev_c,2011,100,e,p. 3,curated@1\nrev_e,2011,100,d,p. 3,curated@1\n",
			"rev_b,2012,100,d,p. 3,curated@1\n", nil, []string{"rev_b"}, []string{"rev_a", "rev_c", "rev_e"}, 0},
		{"a matched row at the passage does not count", "rev_a,2011,100,d,p. 3,curated@1\nrev_m,2011,1,d,p. 3,curated@1\n",
			"rev_b,2012,100,d,p. 3,curated@1\nrev_m,2011,1,d,p. 3,curated@1\n",
			[]RowChange{{Key: "rev_b", Cells: []Cell{{"obs_id", "rev_a", "rev_b"}, {"year", "2011", "2012"}}}}, nil, nil, 0},
		{"another document: not paired", "rev_a,2011,100,d,p. 3,curated@1\n", "rev_b,2012,100,e,p. 3,curated@1\n",
			nil, []string{"rev_b"}, []string{"rev_a"}, 0},
		{"another passage: not paired", "rev_a,2011,100,d,p. 3,curated@1\n", "rev_b,2012,100,d,p. 4,curated@1\n",
			nil, []string{"rev_b"}, []string{"rev_a"}, 0},
		{"no locator: not paired", "rev_a,2011,100,d,,curated@1\n", "rev_b,2012,100,d,,curated@1\n",
			nil, []string{"rev_b"}, []string{"rev_a"}, 0},
		{"no locator column: not paired", "obs_id,year,source_id\nrev_a,2011,d\n", "obs_id,year,source_id\nrev_b,2012,d\n",
			nil, []string{"rev_b"}, []string{"rev_a"}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rev := compareRevenue(t, tc.old, tc.cur).Tables[0]
			var got []RowChange
			for _, rc := range rev.Changed {
				got = append(got, RowChange{Key: rc.Key, Cells: rc.Cells})
			}
			if !reflect.DeepEqual(got, tc.changed) {
				t.Errorf("changed\n got %+v\nwant %+v", got, tc.changed)
			}
			if !reflect.DeepEqual(rev.Added, nonNil(tc.added)) || !reflect.DeepEqual(rev.Removed, nonNil(tc.removed)) {
				t.Errorf("added %q, removed %q; want %q, %q", rev.Added, rev.Removed, tc.added, tc.removed)
			}
			if len(rev.Schema) != tc.schemaChanges {
				t.Errorf("schema changes %+v, want %d", rev.Schema, tc.schemaChanges)
			}
			for _, rc := range rev.Changed {
				if rc.OldKey() != rc.Cells[0].Old || rc.sourceID == "" || rc.extractor != "curated@1" {
					t.Errorf("row change %+v: old key %q", rc, rc.OldKey())
				}
			}
		})
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// TestPairingGate: a re-identified row is not a lost row; a real loss
// still blocks, and a pair's value move is watched like any change.
func TestPairingGate(t *testing.T) {
	var tenOld, tenNew, eightNew strings.Builder
	for i := range 10 {
		row := func(id string, year int) string {
			return id + "," + strconv.Itoa(year) + ",100,d,p. " + strconv.Itoa(i) + ",curated@1\n"
		}
		tenOld.WriteString(row("rev_o"+strconv.Itoa(i), 2011))
		tenNew.WriteString(row("rev_n"+strconv.Itoa(i), 2012))
		if i < 8 {
			eightNew.WriteString(row("rev_n"+strconv.Itoa(i), 2012))
		}
	}
	for _, tc := range []struct {
		name     string
		old, cur string
		want     []Finding
	}{
		{"ten re-identified", tenOld.String(), tenNew.String(), []Finding{}},
		{"eight re-identified, two lost", tenOld.String(), eightNew.String(),
			[]Finding{{Blocking: true, Table: "revenue", Message: "lost 2 of its 10 rows (20%)"}}},
		{"ten lost: another source", tenOld.String(), strings.ReplaceAll(tenNew.String(), ",d,", ",e,"),
			[]Finding{{Blocking: true, Table: "revenue", Message: "lost 10 of its 10 rows (100%)"},
				{Blocking: true, Table: "sources", Key: "d", Message: "every one of its 10 rows is gone"}}},
		{"re-identified, value doubled", "rev_a,2011,100,d,p. 3,curated@1\n", "rev_b,2012,200,d,p. 3,curated@1\n",
			[]Finding{{Blocking: true, Table: "revenue", Key: "rev_b", Message: "value moved by 100% (100 → 200)"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := compareRevenue(t, tc.old, tc.cur).Regressions(); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("findings\n got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

// TestPairingBump: a pair is a changed row of the kind rowKind gives it;
// schema changes keep their levels.
func TestPairingBump(t *testing.T) {
	for _, tc := range []struct {
		name     string
		old, cur string
		want     Level
		reasons  []string
	}{
		{"curated pair: PATCH", "rev_a,2011,100,d,p. 3,curated@1\n", "rev_b,2012,100,d,p. 3,curated@1\n",
			Patch, []string{"revenue: 1 row of curated values corrected (1 of them re-identified)"}},
		{"curated pair and a value corrected: PATCH", "rev_a,2011,100,d,p. 3,curated@1\nrev_m,2011,1,d,p. 5,curated@1\n",
			"rev_b,2012,100,d,p. 3,curated@1\nrev_m,2011,2,d,p. 5,curated@1\n",
			Patch, []string{"revenue: 2 rows of curated values corrected (1 of them re-identified)"}},
		{"pair of another kind: MINOR", "rev_a,2011,100,d,p. 3,report@1\n", "rev_b,2012,100,d,p. 3,report@1\n",
			Minor, []string{"revenue: 1 row revised upstream (1 of them re-identified)"}},
		{"pairs and a column removed: MAJOR", "obs_id,year,value,extra,source_id,locator,extractor\nrev_a,2011,100,x,d,p. 3,curated@1\nrev_c,2011,5,y,d,p. 4,curated@1\n",
			"rev_b,2012,100,d,p. 3,curated@1\nrev_d,2012,5,d,p. 4,curated@1\n",
			Major, []string{"revenue: column extra removed (was type unknown)"}},
		{"pairs and an identity column added: MINOR", revenueHead + "rev_a,2011,100,d,p. 3,curated@1\n",
			"obs_id,year,period_start,value,source_id,locator,extractor\nrev_b,2011,2010,100,d,p. 3,curated@1\n",
			Minor, []string{"revenue: column period_start added (type unknown)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := compareRevenue(t, tc.old, tc.cur)
			if d.Bump.Level != tc.want || !reflect.DeepEqual(d.Bump.Reasons, tc.reasons) {
				t.Errorf("bump %s %q, want %s %q", d.Bump.Level, d.Bump.Reasons, tc.want, tc.reasons)
			}
			if n := len(d.Tables[0].Added) + len(d.Tables[0].Removed); n != 0 {
				t.Errorf("%d rows added or removed, want every row paired: %+v", n, d.Tables[0])
			}
		})
	}
}
