package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The sources section of cubaexports.yaml takes the catalog's list form
// (entries added or replacing the embedded ones by id, checked as the
// catalog is) or the map form (fields overridden); the effective catalog
// lays the catalog directory, the file and the environment over the
// embedded catalog, and each entry says where it came from.
func TestConfigCatalogLayers(t *testing.T) {
	dir := t.TempDir()
	cdir := filepath.Join(dir, "catalog.d")
	os.Mkdir(cdir, 0o755)
	os.WriteFile(filepath.Join(cdir, "x.yaml"), []byte("sources:\n  - id: extra\n    kind: curated\n    url: ./from-dir/\n  - id: curated\n    kind: curated\n    url: ./dir-sheets/\n"), 0o644)
	p := filepath.Join(dir, "cubaexports.yaml")
	os.WriteFile(p, []byte("out: o\nsources:\n  - id: curated\n    kind: curated\n    url: ./sheets/\n    retrieved: \"2026-01-02\"\n"), 0o644)
	f, err := LoadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if f.Out != "o" || len(f.Entries) != 1 || f.Sources != nil {
		t.Fatalf("file: %+v", f)
	}
	env := map[string]string{"CUBAEXPORTS_URL_EXTRA": "/mirror/"}
	cat, err := EffectiveCatalog(Config{File: f, CatalogDir: cdir, Getenv: func(k string) string { return env[k] }})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, e := range cat.Entries {
		got[e.ID] = e.URL + " | " + e.Origin.String()
	}
	want := map[string]string{
		"curated": "./sheets/ | config " + p + ":3",
		"extra":   "/mirror/ | catalog " + filepath.Join(cdir, "x.yaml") + ":2 + environment CUBAEXPORTS_URL_EXTRA (url)",
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s: got %q, want %q", id, got[id], w)
		}
	}
	if cat.Entries[0].ID != "curated" {
		t.Errorf("a replaced entry moved: first is %s", cat.Entries[0].ID)
	}
}

func TestLoadFileSourcesErrors(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{"sources:\n  - id: a\n    kind: curated\n    url: x\n    schedule: \"@fortnightly\"\n", `c.yaml:5: source 1 ("a"): invalid catalog: schedule "@fortnightly"`},
		{"sources:\n  - id: a\n    kind: curated\n    url: x\n    urls: y\n", "c.yaml:5: invalid catalog: field urls not found in type sources.Entry"},
		{"sources:\n  curated:\n    params: {}\n", "field params not found in type sources.Override"},
		{"sources: 3\n", "c.yaml:1: sources: want a list of catalog entries"},
		{"out: x\nsourcez: {}\n", "field sourcez not found"},
	} {
		p := filepath.Join(t.TempDir(), "c.yaml")
		os.WriteFile(p, []byte(tc.body), 0o644)
		if _, err := LoadFile(p); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: got %v, want %q", tc.body, err, tc.want)
		}
	}
}
