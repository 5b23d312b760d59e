package diff

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// releaseDir writes a release directory holding one revenue table (rows
// after revenueHead) and returns it.
func releaseDir(t *testing.T, rows string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "data", "revenue.csv"), []byte(revenueHead+rows), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "datapackage.json"), []byte(`{"resources":[]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestFollow follows a row across a re-identification, from its old id
// and from its new one, through a release that lacks it.
func TestFollow(t *testing.T) {
	other := "rev_z,2000,1,e,p. 1,curated@1\n"
	dirs := []string{
		releaseDir(t, other), // 0: before the row
		releaseDir(t, "rev_a,2011,100,d,p. 3,curated@1\n"+other), // 1: rev_a
		releaseDir(t, "rev_a,2011,110,d,p. 3,curated@1\n"+other), // 2: rev_a, value corrected
		releaseDir(t, "rev_b,2012,110,d,p. 3,curated@1\n"+other), // 3: re-identified as rev_b
		releaseDir(t, "rev_c,2012,110,d,p. 3,curated@1\n"),       // 4: re-identified again, rev_z gone
		releaseDir(t, ""), // 5: gone
		releaseDir(t, "rev_c,2012,120,d,p. 3,curated@1\n"), // 6: rev_c again
	}
	ids := map[int]string{1: "rev_a", 2: "rev_a", 3: "rev_b", 4: "rev_c", 6: "rev_c"}
	values := map[int]string{1: "100", 2: "110", 3: "110", 4: "110", 6: "120"}
	for _, from := range []string{"rev_a", "rev_b", "rev_c"} {
		t.Run(from, func(t *testing.T) {
			found, err := Follow(context.Background(), dirs, from)
			if err != nil {
				t.Fatal(err)
			}
			got, gotValues := map[int]string{}, map[int]string{}
			for i, r := range found {
				got[i], gotValues[i] = r.ObsID, r.Values[0].Value
			}
			if !reflect.DeepEqual(got, ids) || !reflect.DeepEqual(gotValues, values) {
				t.Errorf("ids %v values %v, want %v %v", got, gotValues, ids, values)
			}
		})
	}
	found, err := Follow(context.Background(), dirs, "rev_z")
	if err != nil || len(found) != 4 || found[3].ObsID != "rev_z" {
		t.Errorf("rev_z, never re-identified: %+v, %v", found, err)
	}
	if found, err := Follow(context.Background(), dirs, "rev_none"); err != nil || len(found) != 0 {
		t.Errorf("an unknown row: %+v, %v", found, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Follow(ctx, dirs, "rev_c"); err == nil {
		t.Errorf("a cancelled context was not honoured")
	}
}
