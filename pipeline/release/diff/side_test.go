package diff

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// memSide is a side whose tables are the given CSV texts.
func memSide(label string, tables map[string]string) *Side {
	s := &Side{Label: label, Types: map[string]map[string]string{}, Open: func(table string) (io.ReadCloser, error) {
		return io.NopCloser(strings.NewReader(tables[table])), nil
	}}
	for _, name := range []string{"revenue", "zz_extra"} { // release order, then others by name
		if _, ok := tables[name]; ok {
			s.Tables = append(s.Tables, name)
		}
	}
	return s
}

// TestCompare diffs two sides held in memory: a changed value, a row
// added, a table only the older side has.
func TestCompare(t *testing.T) {
	old := memSide("v1.0.0", map[string]string{
		"revenue":  "obs_id,value,source_id\nrev_a,100,d\nrev_b,5,d\n",
		"zz_extra": "id,x\n1,a\n",
	})
	cur := memSide("build", map[string]string{"revenue": "obs_id,value,source_id\nrev_a,100,d\nrev_b,6,d\nrev_c,7,d\n"})
	d, err := Compare(context.Background(), old, cur)
	if err != nil {
		t.Fatal(err)
	}
	if d.From != "v1.0.0" || d.To != "build" || d.Bump.Level != Major || len(d.Tables) != 2 {
		t.Fatalf("diff %+v", d)
	}
	rev, extra := d.Tables[0], d.Tables[1]
	want := []RowChange{{Key: "rev_b", Cells: []Cell{{Column: "value", Old: "5", New: "6"}}, sourceID: "d"}}
	if rev.Status != TableChanged || rev.OldRows != 2 || rev.NewRows != 3 || !reflect.DeepEqual(rev.Added, []string{"rev_c"}) ||
		!reflect.DeepEqual(rev.Changed, want) {
		t.Errorf("revenue %+v", rev)
	}
	if extra.Table != "zz_extra" || extra.Status != TableRemoved || !reflect.DeepEqual(extra.Removed, []string{"1|a"}) {
		t.Errorf("zz_extra %+v", extra)
	}
	dup := memSide("build", map[string]string{"revenue": "obs_id,value\nrev_a,1\nrev_a,2\n"})
	if _, err := Compare(context.Background(), old, dup); err == nil || !strings.Contains(err.Error(), "appears twice") {
		t.Errorf("duplicate key: %v", err)
	}
}

// TestFindRow reads a fact row's value columns from a release directory.
func TestFindRow(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	csv := "obs_id,value,currency,status,source_id,snapshot_sha256,note\nrev_a,1,USD,reported,d,ab,x\nrev_b,2,,estimated,e,cd,y\n"
	if err := os.WriteFile(filepath.Join(dir, "data", "revenue.csv"), []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	r, ok, err := FindRow(dir, "rev_b")
	want := Row{ObsID: "rev_b", Table: "revenue", Values: []Field{{Column: "value", Value: "2"}, {Column: "currency"}},
		Status: "estimated", SourceID: "e", Snapshot: "cd"}
	if err != nil || !ok || !reflect.DeepEqual(r, want) {
		t.Errorf("FindRow = %+v, %v, %v; want %+v", r, ok, err, want)
	}
	if _, ok, err := FindRow(dir, "rev_z"); ok || err != nil {
		t.Errorf("FindRow of a missing row: %v, %v", ok, err)
	}
}
