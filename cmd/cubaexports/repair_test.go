package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/pipeline/runlock"
)

// A run killed between the renames that publish a version (issue 22,
// item 1) leaves it unlisted (no index.json, no latest) or listed without
// latest. verify, or the next release, completes the listing and says so;
// then verify --all, site and status see the version.
func TestInterruptedPublicationCompleted(t *testing.T) {
	for _, c := range []struct {
		name    string
		removed []string
		next    []string
		says    string
	}{
		{"killed after the version rename, then verify", []string{"index.json", "latest"}, []string{"verify"}, "repaired: v1.0.0 was complete but not listed"},
		{"killed after index.json, then release", []string{"latest"}, []string{"release"}, "repaired: latest was missing"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			must(t, cli(t, dir, "release"), 0)
			for _, f := range c.removed {
				if err := os.Remove(filepath.Join(dir, "out", "releases", f)); err != nil {
					t.Fatal(err)
				}
			}
			r := must(t, cli(t, dir, "status"), 0)
			if strings.Contains(r.stdout, "v1.0.0") {
				t.Fatalf("status before the repair: %s", r.stdout)
			}
			if r := must(t, cli(t, dir, c.next...), 0); !strings.Contains(r.stdout, c.says) {
				t.Errorf("%s after the crash: %s%s", c.next, r.stdout, r.stderr)
			}
			if r := must(t, cli(t, dir, "verify", "--all"), 0); !strings.Contains(r.stdout, "v1.0.0: every file matches SHA256SUMS") {
				t.Errorf("verify --all: %s", r.stdout)
			}
			if r := must(t, cli(t, dir, "site", "--out", "site"), 0); !strings.Contains(r.stdout, "latest v1.0.0") {
				t.Errorf("site: %s", r.stdout)
			}
			if r := must(t, cli(t, dir, "status"), 0); !strings.Contains(r.stdout, "v1.0.0") {
				t.Errorf("status: %s", r.stdout)
			}
		})
	}
}

// Two runs with the same --out and different --data (issue 22, item 7):
// while one writes to OUT/releases, the other fails at once, saying so,
// and touches nothing there.
func TestSameOutOtherData(t *testing.T) {
	dir := t.TempDir()
	must(t, cli(t, dir, "release", "--data", "data1"), 0)
	root := filepath.Join(dir, "out", "releases")
	live := filepath.Join(root, ".tmp-v1.1.0-live")
	if err := os.Mkdir(live, 0o755); err != nil {
		t.Fatal(err)
	}
	l, err := runlock.TryAcquireDir(root)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	r := must(t, cli(t, dir, "release", "--data", "data2"), 1)
	if !strings.Contains(r.stderr, filepath.Join("out", "releases")+" is locked by another cubaexports process") || !strings.Contains(r.stderr, "--wait") {
		t.Errorf("stderr: %s", r.stderr)
	}
	if _, err := os.Stat(live); err != nil {
		t.Errorf("the refused run removed the other run's temporary directory: %v", err)
	}
	if r := must(t, cli(t, dir, "verify", "--all"), 0); !strings.Contains(r.stderr, "verifying without repairing") {
		t.Errorf("verify while another process writes: %s", r.stderr)
	}
}
