package main

import (
	"bytes"
	"os"
	"path/filepath"
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
// countries with a worker count or a contract rate, hosts with both, and
// the years 2004 to lastServicesYear with a figure for total service
// exports (at most maxServicesGaps years without one).
const (
	minHosts         = 50
	minHostsWithBoth = 30
	lastServicesYear = 2024
	maxServicesGaps  = 0
)

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
	if gaps := c.YearsWithout("services_exports_total", 2004, lastServicesYear); len(gaps) > maxServicesGaps {
		t.Errorf("no figure for total service exports in %v", gaps)
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
