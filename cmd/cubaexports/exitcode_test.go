package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every exit code the README and docs/architecture.md list, through the
// binary (and main's Main for an interrupted run), including runs with
// several problems: every one is reported, and the exit code is the most
// serious (1 before 4 before 3).
func TestExitCodes(t *testing.T) {
	curated, _ := filepath.Abs("../../testdata/synthetic_curated")
	yearbook, _ := filepath.Abs("../../sources/xlsxtable/testdata/synthetic_8_3_aec2023.xlsx")
	// setup writes c.yaml: the curated sheets (a bad cell when badCell),
	// the drifted yearbook table when drift, a missing local file when
	// missing.
	setup := func(t *testing.T, badCell, drift, missing bool) string {
		t.Helper()
		dir := t.TempDir()
		sheets := filepath.Join(dir, "sheets")
		if err := os.CopyFS(sheets, os.DirFS(curated)); err != nil {
			t.Fatal(err)
		}
		if badCell {
			p := filepath.Join(sheets, "contract_rates.csv")
			b, _ := os.ReadFile(p)
			os.WriteFile(p, bytes.Replace(b, []byte("10000,,,exact"), []byte("ten thousand,,,exact"), 1), 0o644)
		}
		yaml := "sources:\n  curated:\n    url: ./sheets/\n"
		if drift {
			copyFile(t, yearbook, filepath.Join(dir, "aec2023.xlsx"))
			yaml += "  onei_aec_services_exports:\n    url: ./aec2023.xlsx\n    retrieved: \"2026-01-02\"\n    disabled: false\n"
		}
		if missing {
			yaml += "  bls_cpi:\n    url: ./no-such-file.csv\n"
		}
		if err := os.WriteFile(filepath.Join(dir, "c.yaml"), []byte(yaml), 0o644); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	for _, tc := range []struct {
		name                    string
		badCell, drift, missing bool
		args                    []string
		code                    int
		want                    []string
	}{
		{name: "0 done", args: []string{"release", "--config", "c.yaml"}, code: 0, want: []string{"released v1.0.0"}},
		{name: "0 nothing changed", args: []string{"releases"}, code: 0, want: []string{"no releases"}},
		{name: "1 failure", missing: true, args: []string{"release", "--config", "c.yaml"}, code: 1,
			want: []string{"source bls_cpi", "no-such-file.csv"}},
		{name: "1 no such version", args: []string{"verify", "9.9.9"}, code: 1, want: []string{"no such version"}},
		{name: "2 usage", args: []string{"release", "--nope"}, code: 2, want: []string{"flag provided but not defined: -nope"}},
		{name: "3 bad cell", badCell: true, args: []string{"release", "--config", "c.yaml"}, code: 3,
			want: []string{`contract_rates.csv:2: column "amount"`}},
		{name: "4 layout", drift: true, args: []string{"release", "--config", "c.yaml"}, code: 4,
			want: []string{"upstream layout changed"}},
		{name: "4 layout and a bad cell", badCell: true, drift: true, args: []string{"release", "--config", "c.yaml"}, code: 4,
			want: []string{"upstream layout changed", `contract_rates.csv:2: column "amount"`, "2 problems; exit code 4 is the most serious"}},
		{name: "1 failure, layout and a bad cell", badCell: true, drift: true, missing: true, args: []string{"release", "--config", "c.yaml"}, code: 1,
			want: []string{"no-such-file.csv", "upstream layout changed", `contract_rates.csv:2: column "amount"`, "3 problems; exit code 1 is the most serious"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := setup(t, tc.badCell, tc.drift, tc.missing)
			r := must(t, cli(t, dir, tc.args...), tc.code)
			for _, w := range tc.want {
				if !strings.Contains(r.stdout+r.stderr, w) {
					t.Errorf("output lacks %q:\nstdout:\n%s\nstderr:\n%s", w, r.stdout, r.stderr)
				}
			}
			if tc.code != 0 {
				if _, err := os.Stat(filepath.Join(dir, "out", "releases")); err == nil {
					t.Errorf("exit %d wrote a release", tc.code)
				}
			}
		})
	}
	t.Run("130 interrupted", func(t *testing.T) {
		dir := t.TempDir()
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		var out, errb bytes.Buffer
		e := &env{stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
		code := Main(ctx, []string{"release", "--out", filepath.Join(dir, "out"), "--data", filepath.Join(dir, "data")}, e)
		if code != exitInterrupted || !strings.Contains(errb.String(), "interrupted") {
			t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, exitInterrupted, out.String(), errb.String())
		}
	})
}
