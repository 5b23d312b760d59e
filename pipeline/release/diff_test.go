package release

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/pipeline/release/diff"
	"github.com/cubaexports/cubaexports/schemas"
)

// diffRows compares the published version from in out with rows not yet
// released (To is "build"), as Write diffs its draft.
func diffRows(ctx context.Context, out, from string, rows datasets.Rows) (*diff.Diff, error) {
	dir, err := VersionDir(out, from)
	if err != nil {
		return nil, err
	}
	old, err := diff.DirSide(dir, from)
	if err != nil {
		return nil, err
	}
	d, err := newDraft(Input{Rows: rows}, nil)
	if err != nil {
		return nil, err
	}
	return diff.Compare(ctx, old, d.side("build"))
}

// TestDiffRows compares a release with rows in memory: a value changed, a
// row removed, a row and a source added.
func TestDiffRows(t *testing.T) {
	out := t.TempDir()
	mustBuild(t, out, syntheticInput())
	rows := sortedCopy(syntheticInput().Rows)
	changedKey, removedKey := rows.Revenue.At(0).ObsID, rows.Revenue.At(2).ObsID
	editRow(rows.Revenue, 0, func(r *schemas.Revenue) { r.Value = f64(12.5) })
	rows.Revenue = datasets.Of(rows.Revenue.Rows()[:2]...)
	w := rows.WorkerCounts.At(0)
	w.Year = 2024
	rows.WorkerCounts.Append(w)
	rows.Sources = append(rows.Sources, schemas.Source{SourceID: "synthetic_c", Title: "New", Publisher: "P",
		PublisherType: "press", Language: "en"})
	datasets.AssignIDs(&rows)
	d, err := diffRows(context.Background(), out, "v1.0.0", rows)
	if err != nil {
		t.Fatal(err)
	}
	if d.From != "v1.0.0" || d.To != "build" || d.Bump.Level != diff.Minor {
		t.Errorf("diff %s → %s, bump %+v", d.From, d.To, d.Bump)
	}
	byName := map[string]diff.TableDiff{}
	for _, td := range d.Tables {
		byName[td.Table] = td
	}
	rev := byName["revenue"]
	wantCells := []diff.Cell{{Column: "value", Old: "4500000000", New: "12.5"}}
	if rev.OldRows != 3 || rev.NewRows != 2 || !slices.Equal(rev.Removed, []string{removedKey}) || len(rev.Added) != 0 ||
		len(rev.Changed) != 1 || rev.Changed[0].Key != changedKey || !reflect.DeepEqual(rev.Changed[0].Cells, wantCells) {
		t.Errorf("revenue %+v", rev)
	}
	if got := byName["worker_counts"]; len(got.Added) != 1 || got.Status != diff.TableChanged {
		t.Errorf("worker_counts %+v", got)
	}
	if got := byName["sources"]; !slices.Equal(got.Added, []string{"synthetic_c"}) {
		t.Errorf("sources %+v", got)
	}
	if got := byName["fx_rates"]; got.Status != diff.TableUnchanged {
		t.Errorf("fx_rates %+v", got)
	}
}

// editRelease rewrites a published table's CSV and its datapackage.json
// schema on disk, as an older program version could have written them.
func editRelease(t *testing.T, dir, table string, editCSV func(string) string, editFields func([]any) []any) {
	t.Helper()
	p := filepath.Join(dir, "data", table+".csv")
	if err := os.WriteFile(p, []byte(editCSV(string(readFile(t, p)))), 0o644); err != nil {
		t.Fatal(err)
	}
	dp := filepath.Join(dir, "datapackage.json")
	var pkg map[string]any
	if err := json.Unmarshal(readFile(t, dp), &pkg); err != nil {
		t.Fatal(err)
	}
	for _, r := range pkg["resources"].([]any) {
		res := r.(map[string]any)
		if res["name"] == table {
			s := res["schema"].(map[string]any)
			s["fields"] = editFields(s["fields"].([]any))
		}
	}
	b, _ := json.Marshal(pkg)
	if err := os.WriteFile(dp, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSchemaChangeMajor edits the previous release on disk so that the
// current schema removes, renames or retypes one of its columns.
func TestSchemaChangeMajor(t *testing.T) {
	field := func(name, typ string) map[string]any { return map[string]any{"name": name, "type": typ} }
	for _, tc := range []struct {
		name    string
		csv     func(string) string
		fields  func([]any) []any
		wantLog string
	}{
		{"column removed", func(s string) string {
			head, rows, _ := strings.Cut(s, "\n")
			return head + ",extra\n" + strings.ReplaceAll(rows, "\n", ",x\n")
		}, func(f []any) []any { return append(f, field("extra", "string")) }, "- `revenue`: column extra removed (was string)"},
		{"column renamed", func(s string) string {
			return strings.Replace(s, ",note,", ",notes,", 1)
		}, func(f []any) []any {
			for _, x := range f {
				if m := x.(map[string]any); m["name"] == "note" {
					m["name"] = "notes"
				}
			}
			return f
		}, "- `revenue`: column notes possibly renamed to note"},
		{"column retyped", func(s string) string { return s }, func(f []any) []any {
			for _, x := range f {
				if m := x.(map[string]any); m["name"] == "year" {
					m["type"] = "string"
				}
			}
			return f
		}, "- `revenue`: column year retyped from string to integer"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			first := mustBuild(t, out, syntheticInput())
			editRelease(t, first.Dir, "revenue", tc.csv, tc.fields)
			res := mustBuild(t, out, changedInput())
			if res.Version != "v2.0.0" || res.Bump.Level != diff.Major {
				t.Errorf("version %s (%+v), want v2.0.0", res.Version, res.Bump)
			}
			if log := string(readFile(t, filepath.Join(res.Dir, changelogFile))); !strings.Contains(log, tc.wantLog) {
				t.Errorf("changelog lacks %q:\n%s", tc.wantLog, log)
			}
		})
	}
}

// TestDiffVersions diffs two published versions in every format.
func TestDiffVersions(t *testing.T) {
	out := t.TempDir()
	mustBuild(t, out, syntheticInput())
	mustBuild(t, out, changedInput())
	d, err := DiffVersions(context.Background(), out, "v1.0.0", "v1.1.0")
	if err != nil {
		t.Fatal(err)
	}
	key := sortedCopy(changedInput().Rows).Revenue.At(0).ObsID
	var b bytes.Buffer
	if err := d.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	want := "table,key,change,column,old,new\nrevenue," + key + ",changed,value,4500000000,4600000000\n"
	if b.String() != want {
		t.Errorf("csv:\n%s\nwant\n%s", b.String(), want)
	}
	b.Reset()
	if err := d.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"v1.0.0 → v1.1.0: MINOR (revenue: 1 row revised upstream)",
		"revenue: changed, 3 → 3 rows; 0 added, 0 removed, 1 changed", `~ ` + key + ` value: "4500000000" → "4600000000"`,
		"fx_rates: unchanged, 0 → 0 rows"} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("text lacks %q:\n%s", s, b.String())
		}
	}
	b.Reset()
	if err := d.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var back struct {
		Bump   struct{ Level string }
		Tables []diff.TableDiff
	}
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || back.Bump.Level != "MINOR" || len(back.Tables) != len(schemas.All()) ||
		back.Tables[0].Changed[0].Cells[0] != (diff.Cell{Column: "value", Old: "4500000000", New: "4600000000"}) {
		t.Errorf("json %v: %s", err, b.String())
	}
	if _, err := DiffVersions(context.Background(), out, "v1.0.0", "v9.0.0"); err == nil {
		t.Errorf("a diff with a missing version succeeded")
	}
}

func TestHistory(t *testing.T) {
	out := t.TempDir()
	mustBuild(t, out, syntheticInput())
	mustBuild(t, out, changedInput())
	key := sortedCopy(changedInput().Rows).Revenue.At(0).ObsID
	h, err := History(context.Background(), out, key)
	if err != nil || len(h) != 2 {
		t.Fatalf("History: %+v, %v", h, err)
	}
	if h[0].Version != "v1.0.0" || h[1].Version != "v1.1.0" || h[0].Values[0] != (diff.Field{Column: "value", Value: "4500000000"}) ||
		h[1].Values[0] != (diff.Field{Column: "value", Value: "4600000000"}) || h[1].Table != "revenue" || h[1].Status != "reported" ||
		h[1].SourceID != "synthetic_b" || h[1].Date != "2026-12-01" || len(h[1].Snapshot) != 64 {
		t.Errorf("history %+v", h)
	}
	if h, err := History(context.Background(), out, "rev_000000000000"); err != nil || len(h) != 0 {
		t.Errorf("History of an unknown row: %+v, %v", h, err)
	}
}

// A published table with a key twice cannot be diffed; a table only one
// side has is added or removed, after the published tables.
func TestDiffEdges(t *testing.T) {
	out := t.TempDir()
	first := mustBuild(t, out, syntheticInput())
	extra := filepath.Join(first.Dir, "data", "zz_extra.csv")
	if err := os.WriteFile(extra, []byte("id,x\n1,a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := diffRows(context.Background(), out, "v1.0.0", syntheticInput().Rows)
	if err != nil {
		t.Fatal(err)
	}
	last := d.Tables[len(d.Tables)-1]
	if last.Table != "zz_extra" || last.Status != diff.TableRemoved || d.Bump.Level != diff.Major || !slices.Equal(last.Removed, []string{"1|a"}) {
		t.Errorf("extra table: %+v, bump %+v", last, d.Bump)
	}
	p := filepath.Join(first.Dir, "data", "revenue.csv")
	b := readFile(t, p)
	_, rows, _ := bytes.Cut(b, []byte("\n"))
	first3, _, _ := bytes.Cut(rows, []byte("\n"))
	if err := os.WriteFile(p, append(b, append(first3, '\n')...), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := diffRows(context.Background(), out, "v1.0.0", syntheticInput().Rows); err == nil || !strings.Contains(err.Error(), "appears twice") {
		t.Errorf("duplicate key: %v", err)
	}
}

// TestReidentifiedRelease corrects the year (an identity column) of a
// curated row: the next version is a PATCH whose changelog lists the row
// under its old and new obs_id, and its history follows it from either id.
func TestReidentifiedRelease(t *testing.T) {
	out := t.TempDir()
	first := mustBuild(t, out, syntheticInput())
	in := syntheticInput()
	var oldID string
	in.Rows.Revenue.Edit(func(_ int, r *schemas.Revenue) {
		if r.PartnerCountry == "VEN" {
			oldID, r.Year = r.ObsID, 2020
		}
	})
	datasets.AssignIDs(&in.Rows)
	var newID string
	for _, r := range in.Rows.Revenue.All() {
		if r.PartnerCountry == "VEN" {
			newID = r.ObsID
		}
	}
	if oldID == "" || newID == oldID {
		t.Fatalf("the year's correction did not re-identify the row: %q, %q", oldID, newID)
	}
	res := mustBuild(t, out, in)
	if res.Version != "v1.0.1" || res.Bump.Level != diff.Patch ||
		!slices.Equal(res.Bump.Reasons, []string{"revenue: 1 row of curated values corrected (1 of them re-identified)"}) ||
		len(res.Findings) != 0 {
		t.Errorf("version %s, bump %+v, findings %+v; want v1.0.1, a PATCH, no finding", res.Version, res.Bump, res.Findings)
	}
	log := string(readFile(t, filepath.Join(res.Dir, changelogFile)))
	for _, want := range []string{"## Corrected and re-identified rows\n",
		"- `revenue` `" + oldID + "` → `" + newID + "` `year`: `2019` → `2020`\n", "| revenue | 3 → 3 | 0 | 0 | 1 | 1 |"} {
		if !strings.Contains(log, want) {
			t.Errorf("changelog lacks %q:\n%s", want, log)
		}
	}
	for _, id := range []string{oldID, newID} {
		h, err := History(context.Background(), out, id)
		if err != nil || len(h) != 2 || h[0].Version != first.Version || h[0].ObsID != oldID ||
			h[1].Version != "v1.0.1" || h[1].ObsID != newID {
			t.Errorf("History(%s): %+v, %v", id, h, err)
		}
	}
}
