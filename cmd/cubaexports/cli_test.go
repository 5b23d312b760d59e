package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Flags go anywhere, help goes to stdout, versions are named with or
// without their v, and snapshots lists what the store holds after a
// release from the embedded data (the kept copies of its inputs).
func TestFlagsAnywhereAndPlainOutput(t *testing.T) {
	dir := t.TempDir()
	must(t, cli(t, dir, "release", "--data", "d", "--out", "o"), 0)
	for _, tc := range []struct {
		args       []string
		code       int
		stdout     string
		notStdout  string
		stderrWant string
	}{
		{args: []string{"snapshots", "verify", "--data", "d", "--out", "o"}, stdout: "every stored snapshot in d matches"},
		{args: []string{"snapshots", "--data", "d", "--out", "o"}, stdout: "embed:curated/revenue.csv"},
		{args: []string{"snapshots", "curated", "--data", "d", "--out", "o"}, stdout: " kept ", notStdout: "bls_cpi"},
		{args: []string{"verify", "1.0.0", "--out", "o"}, stdout: "v1.0.0: every file matches"},
		{args: []string{"verify", "v1.0.0", "--out", "o"}, stdout: "v1.0.0: every file matches"},
		{args: []string{"verify", "1.0.1", "--out", "o"}, code: 1, stderrWant: "no such version v1.0.1 in o (published: v1.0.0)"},
		{args: []string{"verify", "one", "--out", "o"}, code: 2, stderrWant: `"one" is not a version`},
		{args: []string{"releases", "--out", "o"}, stdout: "v1.0.0"},
		{args: []string{"coverage", "1.0.0", "--out", "o"}, stdout: "Fact rows:"},
		{args: []string{"status", "--json", "--data", "d", "--out", "o"}, stdout: `"latest_release": "v1.0.0"`},
		{args: []string{"verify", "--out", "o", "--", "1.0.0"}, stdout: "v1.0.0: every file matches"},
		{args: []string{"run", "extra", "--offline"}, code: 2, stderrWant: "run takes no arguments, got extra"},
		{args: []string{"verify", "v1.0.0", "v2.0.0"}, code: 2, stderrWant: "at most one VERSION, got v1.0.0 v2.0.0"},
		{args: []string{"--help"}, stdout: "Commands:"},
		{args: []string{"snapshots", "--help"}, stdout: "Usage: cubaexports snapshots"},
		{args: []string{"publish", "--help"}, stdout: "-out"},
		{args: []string{"status", "--nope"}, code: 2, stderrWant: "flag provided but not defined: -nope (see 'cubaexports status --help')"},
	} {
		r := must(t, cli(t, dir, tc.args...), tc.code)
		if !strings.Contains(r.stdout, tc.stdout) || (tc.notStdout != "" && strings.Contains(r.stdout, tc.notStdout)) {
			t.Errorf("%v: stdout lacks %q (or has %q):\n%s", tc.args, tc.stdout, tc.notStdout, r.stdout)
		}
		if !strings.Contains(r.stderr, tc.stderrWant) {
			t.Errorf("%v: stderr lacks %q:\n%s", tc.args, tc.stderrWant, r.stderr)
		}
		if tc.code == 0 && strings.Contains(tc.args[len(tc.args)-1], "help") && r.stderr != "" {
			t.Errorf("%v: help on stderr:\n%s", tc.args, r.stderr)
		}
		for _, leak := range []string{"[", "map[", "(s)"} {
			if strings.Contains(r.stderr, leak) {
				t.Errorf("%v: Go syntax %q in:\n%s", tc.args, leak, r.stderr)
			}
		}
	}
}

// Commands that only read create nothing: no store, no output directory,
// also where --data or --out names a directory that does not exist.
func TestReadOnlyCommandsCreateNothing(t *testing.T) {
	dir := t.TempDir()
	must(t, cli(t, dir, "release", "--data", "d", "--out", "o"), 0)
	before := tree(t, dir)
	for _, args := range [][]string{
		{"status", "--data", "new-data", "--out", "new-out"},
		{"status", "--json", "--data", "new-data"},
		{"releases", "--out", "new-out"},
		{"verify", "--out", "new-out"},
		{"snapshots", "--data", "new-data"},
		{"snapshots", "verify", "--data", "new-data", "--out", "o"},
		{"coverage", "--out", "new-out"},
		{"rebuild", "v1.0.0", "--out", "o", "--data", "new-data", "--into", filepath.Join(t.TempDir(), "into")},
	} {
		cli(t, dir, args...)
		for _, d := range []string{"new-data", "new-out"} {
			if _, err := os.Stat(filepath.Join(dir, d)); err == nil {
				t.Errorf("%v created %s", args, d)
				os.RemoveAll(filepath.Join(dir, d))
			}
		}
	}
	sameTree(t, before, tree(t, dir))
}
