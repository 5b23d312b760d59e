package zenodo_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/pipeline/publish/zenodo"
)

// --with-inputs never deposits an archived copy of a cited document (kind
// citation) nor the archive manifest, even under a source id whose
// licence allows redistribution; an extracted input with that licence is
// deposited.
func TestSnapshotInputsLeaveArchivedDocumentsOut(t *testing.T) {
	out := t.TempDir()
	dir := filepath.Join(out, "releases", "v1.0.0")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	sha := func(c string) string { return strings.Repeat(c, 64) }
	prov := `{"version": "v1.0.0", "date": "2026-01-01T00:00:00Z", "program": {"name": "cubaexports"}, "config_sha256": "x",
 "catalog": [{"id": "open_data", "license": "CC-BY-4.0"}],
 "inputs": [
  {"source_id": "open_data", "kind": "worldbank", "name": "data.csv", "url": "https://x/data.csv", "sha256": "` + sha("a") + `", "bytes": 1, "retrieved_at": "2026-01-01T00:00:00Z"},
  {"source_id": "open_data", "kind": "citation", "name": "url", "url": "https://x/report.pdf", "sha256": "` + sha("b") + `", "bytes": 1, "retrieved_at": "2026-01-01T00:00:00Z"},
  {"source_id": "archive", "kind": "archive", "name": "manifest.json", "url": "archive:manifest.json", "sha256": "` + sha("c") + `", "bytes": 1, "retrieved_at": "2026-01-01T00:00:00Z"}
 ]}`
	if err := os.WriteFile(filepath.Join(dir, "provenance.json"), []byte(prov), 0o644); err != nil {
		t.Fatal(err)
	}
	files, err := zenodo.SnapshotInputs(out, func(s string) (string, bool) { return "/store/" + s, true })(context.Background(), "v1.0.0")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[0].Name != sha("a")+"-data.csv" {
		t.Errorf("deposited %+v, want only the extracted input", files)
	}
}
