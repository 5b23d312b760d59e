package diff

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.md")

// TestChangelogPairsGolden renders the changelog of a build that gains an
// identity column and corrects rows of curated sheets: every corrected
// and re-identified row is listed field by field, however many there
// are; an ambiguous passage and a real loss stay removed and added.
func TestChangelogPairsGolden(t *testing.T) {
	old := "obs_id,year,value,source_id,locator,extractor\n" +
		"rev_a,2011,100,d,p. 3,curated@1\n" + // year corrected: re-identified
		"rev_b,2013,400,d,p. 5,curated@1\n" + // value corrected, same id
		"rev_c,2014,7,d,p. 6,curated@1\n" + // only the new column: re-identified
		"rev_d,2014,8,d,p. 7,curated@1\n" + // p. 7 holds two rows: each paired with its closest
		"rev_e,2014,9,d,p. 7,curated@1\n" +
		"rev_f,2015,1,d,p. 8,curated@1\n" // gone
	for i := range 60 { // more corrections than the changelog lists of other changes
		old += "rev_m" + pad(i) + ",2010," + pad(i) + ",d,p. 1" + pad(i) + ",curated@1\n"
	}
	cur := "obs_id,year,period_start,value,source_id,locator,extractor\n" +
		"rev_A,2012,2012,100,d,p. 3,curated@1\n" +
		"rev_b,2013,,600,d,p. 5,curated@1\n" +
		"rev_C,2014,,7,d,p. 6,curated@1\n" +
		"rev_D,2014,2014,8,d,p. 7,curated@1\n" +
		"rev_E,2014,2014,9,d,p. 7,curated@1\n"
	for i := range 60 {
		cur += "rev_n" + pad(i) + ",2010,2010," + pad(i) + ",d,p. 1" + pad(i) + ",curated@1\n"
	}
	d := compareRevenue(t, old, cur)
	got := Changelog{Version: "v1.1.0", Previous: "v1.0.0", Date: time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC),
		Diff: d, Findings: d.Regressions()}.Render()
	path := filepath.Join("testdata", "changelog_pairs.golden.md")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("changelog differs from %s:\n%s", path, got)
	}
}

// pad is i in two digits.
func pad(i int) string { return string([]byte{byte('0' + i/10), byte('0' + i%10)}) }
