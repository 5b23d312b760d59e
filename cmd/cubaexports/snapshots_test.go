package main

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// snapshots verify checks every object a release's provenance.json
// refers to (issue 22, item 5): a kept copy of a local input deleted
// from the store fails it, naming the object and the release.
func TestSnapshotsVerifyCoversReleaseInputs(t *testing.T) {
	dir := copySynthetic(t)
	must(t, cli(t, dir, "release", "--config", "c.yaml"), 0)
	must(t, cli(t, dir, "snapshots", "--config", "c.yaml", "verify"), 0)
	b, err := os.ReadFile(filepath.Join(dir, "out", "releases", "v1.0.0", "provenance.json"))
	if err != nil {
		t.Fatal(err)
	}
	var p struct{ Inputs []struct{ SHA256 string } }
	if err := json.Unmarshal(b, &p); err != nil || len(p.Inputs) == 0 {
		t.Fatalf("provenance.json: %v, %d inputs", err, len(p.Inputs))
	}
	sha := p.Inputs[0].SHA256
	var obj string
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.Name() == sha {
			obj = path
		}
		return nil
	})
	if obj == "" {
		t.Fatalf("no stored copy of %s", sha)
	}
	if err := os.Remove(obj); err != nil {
		t.Fatal(err)
	}
	r := must(t, cli(t, dir, "snapshots", "--config", "c.yaml", "verify"), 1)
	if !strings.Contains(r.stdout, sha) || !strings.Contains(r.stdout, "missing") || !strings.Contains(r.stdout, "release v1.0.0") {
		t.Errorf("snapshots verify after deleting %s:\n%s%s", obj, r.stdout, r.stderr)
	}
}
