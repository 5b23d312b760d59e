package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// theRow is the obs_id of the synthetic yearbook's 2022 revenue figure.
const theRow = "rev_ac1f26be98e7"

// copySynthetic copies the synthetic sheets and their configuration into a
// temporary directory and returns it.
func copySynthetic(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	root, _ := filepath.Abs("../../testdata")
	if err := os.CopyFS(filepath.Join(dir, "synthetic_curated"), os.DirFS(filepath.Join(root, "synthetic_curated"))); err != nil {
		t.Fatal(err)
	}
	copyFile(t, filepath.Join(root, "synthetic_config.yaml"), filepath.Join(dir, "c.yaml"))
	return dir
}

// editCopiedSheet replaces from with to in one of the copied sheets.
func editCopiedSheet(t *testing.T, dir, sheet, from, to string) {
	t.Helper()
	p := filepath.Join(dir, "synthetic_curated", sheet)
	b, err := os.ReadFile(p)
	if err != nil || !bytes.Contains(b, []byte(from)) {
		t.Fatalf("%s does not contain %q (%v)", sheet, from, err)
	}
	if err := os.WriteFile(p, bytes.Replace(b, []byte(from), []byte(to), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

func outputHas(t *testing.T, what, got string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, got)
		}
	}
}

// One curated value corrected: a dry run shows v1.0.1 and writes nothing;
// the release is a PATCH whose changelog names the row; diff and history
// show it; v1.0.0 is byte-for-byte as it was.
func TestCuratedCorrection(t *testing.T) {
	dir := copySynthetic(t)
	must(t, cli(t, dir, "release", "--config", "c.yaml"), 0)
	v1 := tree(t, filepath.Join(dir, "out", "releases", "v1.0.0"))
	if _, ok := v1["CHANGELOG.md"]; !ok {
		t.Fatal("v1.0.0 has no CHANGELOG.md")
	}
	outputHas(t, "first changelog", string(v1["CHANGELOG.md"]), "First release.", "| revenue | 3 |")
	outputHas(t, "SHA256SUMS", string(v1["SHA256SUMS"]), "  CHANGELOG.md\n")

	editCopiedSheet(t, dir, "revenue.csv", "1234567.5", "1300000")
	before := tree(t, filepath.Join(dir, "out"))
	r := must(t, cli(t, dir, "release", "--config", "c.yaml", "--dry-run"), 0)
	outputHas(t, "dry run", r.stdout, "dry run: would release v1.0.1 (PATCH); nothing written",
		"`revenue` `"+theRow+"` `value`: `1234567.5` → `1300000`")
	sameTree(t, before, tree(t, filepath.Join(dir, "out")))

	r = must(t, cli(t, dir, "release", "--config", "c.yaml"), 0)
	outputHas(t, "release", r.stdout, "released v1.0.1 in out/releases/v1.0.1",
		"PATCH after v1.0.0: revenue: 1 row of curated values corrected")
	log, _ := os.ReadFile(filepath.Join(dir, "out", "releases", "v1.0.1", "CHANGELOG.md"))
	outputHas(t, "CHANGELOG.md", string(log), "# Changelog of v1.0.1", "This is a PATCH release",
		"- `revenue` `"+theRow+"` `value`: `1234567.5` → `1300000`", "| revenue | 3 → 3 | 0 | 0 | 3 |")
	sameTree(t, v1, tree(t, filepath.Join(dir, "out", "releases", "v1.0.0")))
	must(t, cli(t, dir, "verify", "v1.0.1"), 0)
	must(t, cli(t, dir, "verify", "v1.0.0"), 0)

	r = must(t, cli(t, dir, "diff", "v1.0.0", "v1.0.1"), 0)
	outputHas(t, "diff", r.stdout, "v1.0.0 → v1.0.1: PATCH", `~ `+theRow+` value: "1234567.5" → "1300000"`,
		"(provenance: snapshot_sha256 changed in 3 rows)")
	r = must(t, cli(t, dir, "diff", "v1.0.0", "v1.0.1", "--format", "csv"), 0)
	outputHas(t, "diff csv", r.stdout, "table,key,change,column,old,new\n",
		"revenue,"+theRow+",changed,value,1234567.5,1300000\n", "revenue,"+theRow+",changed,value_usd,1234568,1300000\n" /* the CSV rounds value_usd to whole dollars */, "revenue,"+theRow+",changed,value_usd_const,")
	if n := strings.Count(r.stdout, "\n"); n != 1+3+3 {
		t.Errorf("diff csv: %d lines, want a header, 3 values (value, value_usd, value_usd_const) and 3 snapshots:\n%s", n, r.stdout)
	}
	r = must(t, cli(t, dir, "diff", "--format", "json", "v1.0.0", "v1.0.1"), 0)
	var d struct {
		From, To string
		Bump     struct{ Level string }
		Tables   []struct {
			Table   string
			Changed []struct{ Key string }
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &d); err != nil || d.Bump.Level != "PATCH" || d.To != "v1.0.1" ||
		d.Tables[0].Table != "revenue" || len(d.Tables[0].Changed) != 3 {
		t.Errorf("diff json (%v):\n%s", err, r.stdout)
	}

	r = must(t, cli(t, dir, "history", theRow), 0)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "VERSION  DATE") ||
		!strings.Contains(lines[1], "v1.0.0   2026-01-01  1234567.5") || !strings.Contains(lines[2], "v1.0.1   2026-01-01  1300000") {
		t.Errorf("history:\n%s", r.stdout)
	}
	outputHas(t, "history", r.stdout, "reported", "synthetic_yearbook", "OBS_ID\n", theRow+"\n")
	r = must(t, cli(t, dir, "history", "--format", "json", theRow), 0)
	var h []struct {
		Version string
		Values  []struct{ Column, Value string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &h); err != nil || len(h) != 2 || h[1].Values[0].Value != "1300000" {
		t.Errorf("history json (%v):\n%s", err, r.stdout)
	}
}

// A value that more than doubles blocks the release (exit 3) and writes
// nothing, unless a reason is given, which goes into the changelog.
func TestRegressionBlocks(t *testing.T) {
	dir := copySynthetic(t)
	must(t, cli(t, dir, "release", "--config", "c.yaml"), 0)
	editCopiedSheet(t, dir, "revenue.csv", "1234567.5", "3000000")
	before := tree(t, filepath.Join(dir, "out"))
	r := must(t, cli(t, dir, "release", "--config", "c.yaml"), 3)
	outputHas(t, "stderr", r.stderr, "1 regression against v1.0.0 blocks the release", "value moved by 143% (1234567.5 → 3000000)")
	sameTree(t, before, tree(t, filepath.Join(dir, "out")))
	r = must(t, cli(t, dir, "release", "--config", "c.yaml", "--dry-run"), 3)
	outputHas(t, "blocked dry run", r.stdout, "dry run: would release v1.0.1 (PATCH)",
		"## Regressions blocking this release", "- revenue "+theRow+": value moved by 143%")
	sameTree(t, before, tree(t, filepath.Join(dir, "out")))

	r = must(t, cli(t, dir, "release", "--config", "c.yaml", "--accept-regressions", "the 2022 figure was misread"), 0)
	outputHas(t, "stdout", r.stdout, "released v1.0.1", "accepted regression: revenue "+theRow+": value moved by 143%")
	log, _ := os.ReadFile(filepath.Join(dir, "out", "releases", "v1.0.1", "CHANGELOG.md"))
	outputHas(t, "CHANGELOG.md", string(log), "## Regressions accepted\n\nReason: the 2022 figure was misread\n")
}

func TestDiffHistoryUsage(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"diff", "v1.0.0"}, 2, "diff takes two versions"},
		{[]string{"diff", "--format", "xml", "v1.0.0", "v1.0.1"}, 2, `--format "xml"`},
		{[]string{"diff", "v1.0.0", "v1.0.1"}, 1, "no such release"},
		{[]string{"diff", "--help"}, 0, "Usage: cubaexports diff [flags] VERSION_A VERSION_B"},
		{[]string{"history"}, 2, "history takes one OBS_ID"},
		{[]string{"history", "--format", "csv", "rev_x"}, 2, `--format "csv"`},
		{[]string{"history", "rev_x"}, 1, "no published version"},
		{[]string{"release", "--help"}, 0, "-accept-regressions"},
		{[]string{"run", "--help"}, 0, "-dry-run"},
	} {
		r := cli(t, dir, tc.args...)
		if r.code != tc.code || !strings.Contains(r.stdout+r.stderr, tc.want) {
			t.Errorf("%v: exit %d, want %d; output does not contain %q:\n%s%s", tc.args, r.code, tc.code, tc.want, r.stdout, r.stderr)
		}
	}
}
