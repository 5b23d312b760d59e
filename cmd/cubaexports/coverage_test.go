package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/pipeline/coverage"
)

// dataDoc is the page whose coverage section is the coverage report of the
// embedded release.
const dataDoc = "../../docs/data.md"

// The markers around docs/data.md's generated section.
const (
	coverageBegin = "<!-- BEGIN coverage: `cubaexports coverage` of the embedded release; do not edit, run go test ./cmd/cubaexports -run TestEmbeddedRelease -update -->\n"
	coverageEnd   = "<!-- END coverage -->\n"
)

// The coverage the embedded data must keep (issue 16's goals): host
// countries with a worker count or a contract rate, and hosts with both.
const (
	minHosts         = 50
	minHostsWithBoth = 30
)

// servicesGaps are the years from 2004 to 2024 that still have no figure
// for total service exports (docs/data.md lists what was searched). The
// test fails when another year loses its figure and when one of these
// gains one, so the list stays true.
var servicesGaps = []int64{2004, 2016, 2017, 2018, 2024}

// coverageInStep checks that docs/data.md's coverage section is what the
// coverage command prints for the release in dir (with -update it rewrites
// the section), and that the embedded data meets the coverage issue's goals.
func coverageInStep(t *testing.T, dir, rel string) {
	t.Helper()
	r := must(t, cli(t, dir, "coverage"), 0)
	doc, err := os.ReadFile(dataDoc)
	if err != nil {
		t.Fatal(err)
	}
	before, rest, ok1 := strings.Cut(string(doc), coverageBegin)
	_, after, ok2 := strings.Cut(rest, coverageEnd)
	if !ok1 || !ok2 {
		t.Fatalf("%s has no section between the markers %q and %q", dataDoc, coverageBegin, coverageEnd)
	}
	want := before + coverageBegin + r.stdout + coverageEnd + after
	if *update {
		if err := os.WriteFile(dataDoc, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	} else if !bytes.Equal(doc, []byte(want)) {
		t.Errorf("%s's coverage section is not the coverage of the embedded release; run with -update and review:\n%s", dataDoc, r.stdout)
	}

	c, err := coverage.Read(rel)
	if err != nil {
		t.Fatal(err)
	}
	if n := c.WithCountOrRate(); n < minHosts {
		t.Errorf("%d host countries with a worker count or a contract rate, want at least %d", n, minHosts)
	}
	if n := c.WithBoth(); n < minHostsWithBoth {
		t.Errorf("%d host countries with a worker count and a contract rate, want at least %d", n, minHostsWithBoth)
	}
	if gaps := c.YearsWithout("services_exports_total", 2004, 2024); !slices.Equal(gaps, servicesGaps) {
		t.Errorf("years without a figure for total service exports: %v, want %v (update servicesGaps and docs/data.md)", gaps, servicesGaps)
	}
}

func TestCoverageUsage(t *testing.T) {
	dir := t.TempDir()
	r := must(t, cli(t, dir, "coverage"), 1)
	if !strings.Contains(r.stderr, "no release yet") {
		t.Errorf("stderr: %s", r.stderr)
	}
	r = must(t, cli(t, dir, "coverage", "../../etc"), 2)
	if !strings.Contains(r.stderr, "version") {
		t.Errorf("stderr: %s", r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
		t.Error("coverage wrote an output directory")
	}
}
