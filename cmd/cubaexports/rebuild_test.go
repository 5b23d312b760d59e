package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// indexVersions lists the versions of OUT/releases/index.json.
func indexVersions(t *testing.T, out string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, "releases", "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	var entries []struct{ Version string }
	if err := json.Unmarshal(b, &entries); err != nil {
		t.Fatal(err)
	}
	var vs []string
	for _, e := range entries {
		vs = append(vs, e.Version)
	}
	return vs
}

// Two versions, the second from an edited sheet: every version in
// index.json rebuilds into a fresh directory byte for byte, v1.0.0 too,
// although its sheet has changed since (the release kept its inputs in
// the snapshot store).
func TestRebuildEveryVersion(t *testing.T) {
	dir := copySynthetic(t)
	must(t, cli(t, dir, "release", "--config", "c.yaml"), 0)
	editCopiedSheet(t, dir, "revenue.csv", "1234567.5", "1300000")
	must(t, cli(t, dir, "release", "--config", "c.yaml"), 0)
	versions := indexVersions(t, filepath.Join(dir, "out"))
	if strings.Join(versions, " ") != "v1.0.0 v1.0.1" {
		t.Fatalf("index.json: %v", versions)
	}
	for _, v := range versions {
		into := "rebuild-" + v
		r := must(t, cli(t, dir, "rebuild", v, "--config", "c.yaml", "--into", into), 0)
		outputHas(t, "rebuild "+v, r.stdout, "rebuilt "+v+" in "+filepath.Join(into, "releases", v)+" from 11 recorded snapshots",
			v+": all 27 files are byte-identical to "+filepath.Join("out", "releases", v))
		sameTree(t, tree(t, filepath.Join(dir, "out", "releases", v)), tree(t, filepath.Join(dir, into, "releases", v)))
		must(t, cli(t, dir, "verify", "--out", into, v), 0)
	}
	// The directory must be fresh.
	r := must(t, cli(t, dir, "rebuild", "v1.0.0", "--config", "c.yaml", "--into", "rebuild-v1.0.0"), 1)
	outputHas(t, "stderr", r.stderr, "rebuild-v1.0.0 is not empty")
}

// A published file changed after the release: the rebuild by the same
// program lists it, with the rows that differ, and fails.
func TestRebuildDetectsTampering(t *testing.T) {
	dir := t.TempDir()
	must(t, cli(t, dir, "release"), 0)
	p := filepath.Join(dir, "out", "releases", "v1.0.0", "data", "revenue.csv")
	b, _ := os.ReadFile(p)
	b[len(b)-2] ^= 1
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	r := must(t, cli(t, dir, "rebuild", "v1.0.0", "--into", "rb"), 1)
	outputHas(t, "stdout", r.stdout, "v1.0.0: 1 of 27 files differ from out/releases/v1.0.0:", "  data/revenue.csv: sha256 ", "rows:", "revenue: ", "1 changed")
	outputHas(t, "stderr", r.stderr, "v1.0.0 does not rebuild byte-identically with the program that built it (cubaexports dev, commit unknown")
}

// A rebuild whose input is nowhere (the sheet changed, the store is gone)
// fails naming the source, the document and its hash.
func TestRebuildMissingSnapshot(t *testing.T) {
	dir := copySynthetic(t)
	must(t, cli(t, dir, "release", "--config", "c.yaml"), 0)
	if err := os.RemoveAll(filepath.Join(dir, "data")); err != nil {
		t.Fatal(err)
	}
	editCopiedSheet(t, dir, "revenue.csv", "1234567.5", "1300000")
	r := must(t, cli(t, dir, "rebuild", "v1.0.0", "--config", "c.yaml", "--into", "rb"), 1)
	outputHas(t, "stderr", r.stderr, "source curated: document revenue.csv (./synthetic_curated/revenue.csv, sha256 ",
		"snapshot not available", "other bytes at synthetic_curated/revenue.csv")
}

// Rebuilt by another program version, the differences (its own
// provenance.json and SHA256SUMS) are listed and the exit code is 0.
func TestRebuildByAnotherVersion(t *testing.T) {
	dir := t.TempDir()
	must(t, cli(t, dir, "release"), 0)
	newer := filepath.Join(t.TempDir(), "cubaexports-newer")
	build := exec.Command("go", "build", "-ldflags", "-X main.version=v9.9.9", "-o", newer, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building: %v\n%s", err, out)
	}
	cmd := exec.Command(newer, "rebuild", "v1.0.0", "--into", "rb")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH="+epoch)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("rebuild by v9.9.9: %v\n%s", err, out)
	}
	outputHas(t, "output", string(out), "v1.0.0: 2 of 27 files differ", "  SHA256SUMS: sha256 ", "  provenance.json: sha256 ",
		"v1.0.0 was built by cubaexports dev, commit unknown", "rebuilt by cubaexports v9.9.9", "reported, not an error")
	if strings.Contains(string(out), "data/") {
		t.Errorf("no table should differ:\n%s", out)
	}
}

func TestRebuildUsage(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"rebuild", "--into", "x"}, 2, "rebuild takes one VERSION"},
		{[]string{"rebuild", "v1.0.0"}, 2, "rebuild needs --into DIR"},
		{[]string{"rebuild", "--help"}, 0, "Usage: cubaexports rebuild [flags] VERSION --into DIR"},
		{[]string{"rebuild", "--help"}, 0, "-into"},
		{[]string{"rebuild", "v1.0.0", "--into", "x"}, 1, "no such release"},
		{[]string{"--help"}, 0, "rebuild"},
	} {
		r := cli(t, dir, tc.args...)
		if r.code != tc.code || !strings.Contains(r.stdout+r.stderr, tc.want) {
			t.Errorf("%v: exit %d, want %d; output does not contain %q:\n%s%s", tc.args, r.code, tc.code, tc.want, r.stdout, r.stderr)
		}
	}
}
