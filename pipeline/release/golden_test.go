package release

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/schemas"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

const goldenDir = "testdata/golden"

// textFiles lists the text files under root (slash paths relative to it):
// everything but the Parquet files and the workbook (binary; SHA256SUMS
// pins their bytes).
func textFiles(t *testing.T, root string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || strings.HasSuffix(path, ".parquet") || strings.HasSuffix(path, ".xlsx") {
			return err
		}
		rel, err := filepath.Rel(root, path)
		files = append(files, filepath.ToSlash(rel))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(files)
	return files
}

// TestGoldenRelease builds the synthetic release and compares every text
// file of OUT/releases with testdata/golden.
func TestGoldenRelease(t *testing.T) {
	out := t.TempDir()
	res := mustBuild(t, out, syntheticInput())
	if res.Version != "v1.0.0" || !res.Changed || res.Previous != "" {
		t.Fatalf("result %+v, want a first release v1.0.0", res)
	}
	root := releasesDir(out)
	got := textFiles(t, root)
	if *update {
		if err := os.RemoveAll(goldenDir); err != nil {
			t.Fatal(err)
		}
		for _, rel := range got {
			dst := filepath.Join(goldenDir, filepath.FromSlash(rel))
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(dst, readFile(t, filepath.Join(root, rel)), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if want := textFiles(t, goldenDir); !slices.Equal(got, want) {
		t.Fatalf("release files:\n got %q\nwant %q", got, want)
	}
	for _, rel := range got {
		g, w := readFile(t, filepath.Join(root, rel)), readFile(t, filepath.Join(goldenDir, rel))
		if !bytes.Equal(g, w) {
			n, gl, wl, _ := firstDiff(g, w)
			t.Errorf("%s differs from the golden file at line %d:\n got %q\nwant %q\n(go test -update rewrites the goldens)", rel, n, gl, wl)
		}
	}
}

// TestLayout checks the release directory holds exactly the files of the
// layout: a CSV and a Parquet file per table, and the metadata files.
func TestLayout(t *testing.T) {
	out := t.TempDir()
	mustBuild(t, out, syntheticInput())
	var got []string
	dir := filepath.Join(releasesDir(out), "v1.0.0")
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			rel, _ := filepath.Rel(dir, path)
			got = append(got, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// every registered table as CSV and Parquet, and the version's own files
	want := []string{"CHANGELOG.md", "CITATION.cff", "CODEBOOK.md", "SHA256SUMS", "cubaexports-v1.0.0.xlsx", "datapackage.json", "provenance.json"}
	for _, tb := range schemas.All() {
		want = append(want, "data/"+tb.Name+".csv", "data/"+tb.Name+".parquet")
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("files\n got %q\nwant %q", got, want)
	}
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("version directory mode %v (%v), want 0755: a release is for everyone to read", fi.Mode(), err)
	}
	ents, err := os.ReadDir(releasesDir(out))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	if want := []string{"index.json", "latest", "v1.0.0"}; !slices.Equal(names, want) {
		t.Errorf("OUT/releases holds %q, want %q", names, want)
	}
	if got := string(readFile(t, filepath.Join(releasesDir(out), "latest"))); got != "v1.0.0\n" {
		t.Errorf("latest = %q", got)
	}
}
