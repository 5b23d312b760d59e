package diff

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestChangelog(t *testing.T) {
	many := TableDiff{Table: "revenue", OldRows: 60, NewRows: 60}
	for i := range 51 {
		many.Changed = append(many.Changed, changed(fmt.Sprintf("rev_%02d", i), "d", "curated@1", "note=a>b"))
	}
	few := TableDiff{Table: "revenue", OldRows: 3, NewRows: 3, Added: []string{"rev_new"}, Removed: []string{"rev_old"},
		Changed: []RowChange{changed("rev_a", "d", "curated@1", "value=100>105", "note=>a `quoted`\nnote", "snapshot_sha256=aa>bb")}}
	srcs := TableDiff{Table: "sources", OldRows: 1, NewRows: 1, Added: []string{"doc_new"}, Removed: []string{"doc_old"}}
	at := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	for _, tc := range []struct {
		name   string
		c      Changelog
		want   []string
		absent []string
	}{
		{"first release", Changelog{Version: "v1.0.0", Date: at, Order: []string{"revenue", "sources"},
			Counts: map[string]int{"revenue": 3, "sources": 1}, Stale: map[string]time.Time{"b": at, "a": at}},
			[]string{"# Changelog of v1.0.0\n\nReleased 2026-03-04. First release.\n", "| revenue | 3 |\n| sources | 1 |\n",
				"## Stale sources", "- `a`: last retrieved 2026-03-04T05:06:07Z\n- `b`:"}, []string{"## Schema"}},
		{"small change", Changelog{Version: "v1.1.0", Previous: "v1.0.0", Date: at, Diff: diffOf(few, srcs),
			Findings: []Finding{{Table: "revenue", Message: "lost 1 of its 3 rows (33%)"}}},
			[]string{"This is a MINOR release: revenue: 1 row added; revenue: 1 row removed; sources: 1 source added; sources: 1 source removed.",
				"## Schema changes\n\nNone.\n", "| revenue | 3 → 3 | 1 | 1 | 1 |",
				"- `revenue` `rev_a` `value`: `100` → `105`\n- `revenue` `rev_a` `note`: (empty) → `a 'quoted' note`\n",
				"- `revenue`: `snapshot_sha256` changed in 1 row", "## Rows added\n\n- `revenue` `rev_new`\n",
				"## Rows removed\n\n- `revenue` `rev_old`\n", "## Sources\n\n- new: `doc_new`\n- removed: `doc_old`\n",
				"## Warnings\n\n- revenue: lost 1 of its 3 rows (33%)\n"},
			[]string{"Regressions accepted", "`sources` `doc_new`"}},
		{"large change", Changelog{Version: "v1.0.1", Previous: "v1.0.0", Date: at, Diff: diffOf(many)},
			[]string{"This is a PATCH release", "51 values changed; `cubaexports diff v1.0.0 build --format csv` lists them all.",
				"| table | column | changed |\n|---|---|---|\n| revenue | note | 51 |\n"},
			[]string{"rev_01"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := string(tc.c.Render())
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("lacks %q:\n%s", w, got)
				}
			}
			for _, w := range tc.absent {
				if strings.Contains(got, w) {
					t.Errorf("has %q:\n%s", w, got)
				}
			}
			if again := string(tc.c.Render()); again != got {
				t.Errorf("two renderings differ")
			}
		})
	}
}
