package sources_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/sources"
)

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// A catalog directory's entries replace the embedded ones by id, in
// place, or are appended; each knows its file and line.
func TestLoadDirMerge(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.yaml": "sources:\n  - id: curated\n    kind: curated\n    url: ./sheets/\n",
		"b.yml":  "# more\nsources:\n  - id: extra\n    kind: curated\n    url: ./more/\n    schedule: \"@weekly\"\n",
		"c.txt":  "not a catalog",
	})
	es, err := sources.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := sources.DefaultCatalog()
	n := len(c.Entries)
	c.Merge(es)
	if len(c.Entries) != n+1 {
		t.Fatalf("%d entries, want %d", len(c.Entries), n+1)
	}
	cur, extra := c.Entries[0], c.Entries[n]
	if cur.ID != "curated" || cur.URL != "./sheets/" || cur.Dir != dir || cur.Reader() == nil {
		t.Errorf("replaced entry: %+v", cur)
	}
	if got, want := cur.Origin.String(), "catalog "+filepath.Join(dir, "a.yaml")+":2"; got != want {
		t.Errorf("origin %q, want %q", got, want)
	}
	if got, want := extra.Origin.String(), "catalog "+filepath.Join(dir, "b.yml")+":3"; extra.ID != "extra" || got != want {
		t.Errorf("added entry %s, origin %q, want %q", extra.ID, got, want)
	}
	if got := c.Entries[1].Origin.String(); got != "embedded sources/catalog.yaml:16" {
		t.Errorf("embedded origin %q", got)
	}
}

// Every error of a catalog directory names its file and line.
func TestLoadDirErrors(t *testing.T) {
	entry := "sources:\n  - id: a\n    kind: curated\n    url: x\n"
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"unknown key", map[string]string{"a.yaml": entry + "    shedule: \"@weekly\"\n"}, "a.yaml:5: invalid catalog: field shedule not found in type sources.Entry"},
		{"bad cron", map[string]string{"a.yaml": entry + "    schedule: \"61 * * * *\"\n"}, `a.yaml:5: source 1 ("a"): invalid catalog: schedule "61 * * * *"`},
		{"bad params", map[string]string{"a.yaml": entry + "    params: {x: 1}\n"}, `a.yaml:5: source 1 ("a"): invalid catalog: kind curated takes no params`},
		{"a layout map the kind rejects", map[string]string{"a.yaml": "sources:\n  - id: t\n    kind: xlsxtable\n    url: x\n    params:\n      table: revenue\n      editions: [{edition: e, sheet_index: 1, units: Personas, units_pattern: '(', header: {row: 1}, years: columns, label_column: A, series: [{label: Total, concept: services_exports_total, currency: CUP}]}]\n"},
			`a.yaml:5: source 1 ("t"): invalid catalog: source t: params: edition "e": units_pattern: error parsing regexp`},
		{"other top-level key", map[string]string{"a.yaml": entry + "out: x\n"}, `a.yaml:5: invalid catalog: unknown top-level key "out"`},
		{"id in two files", map[string]string{"a.yaml": entry, "b.yaml": entry}, `b.yaml:2: source "a": invalid catalog: id also declared at `},
		{"not yaml", map[string]string{"a.yaml": "sources: [\n"}, "a.yaml:1: invalid catalog: did not find expected node content"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := sources.LoadDir(writeFiles(t, tc.files))
			if !errors.Is(err, sources.ErrCatalog) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v\nwant an ErrCatalog containing %q", err, tc.want)
			}
		})
	}
	if _, err := sources.LoadDir(filepath.Join(t.TempDir(), "nope")); err == nil {
		t.Error("a missing directory was accepted")
	}
}

// A configuration file's sources list is checked as the catalog is; its
// other keys are the caller's.
func TestDecodeConfigEntries(t *testing.T) {
	raw := "out: x\nsources:\n  - id: b\n    kind: curated\n    url: y\n"
	es, err := sources.DecodeConfigEntries("c.yaml", []byte(raw))
	if err != nil || len(es) != 1 || es[0].Origin.String() != "config c.yaml:3" {
		t.Fatalf("got %+v, %v", es, err)
	}
	_, err = sources.DecodeConfigEntries("c.yaml", []byte(raw+"    retrieved: yesterday\n"))
	if err == nil || !strings.HasPrefix(err.Error(), `c.yaml:6: source 1 ("b"): invalid catalog: retrieved "yesterday"`) {
		t.Errorf("got %v", err)
	}
}

// Overrides are recorded in the entry's origin.
func TestApplyFromOrigin(t *testing.T) {
	c, _ := sources.DefaultCatalog()
	if err := c.ApplyFrom("environment CUBAEXPORTS_URL_CURATED", map[string]sources.Override{"curated": {URL: "/x"}}); err != nil {
		t.Fatal(err)
	}
	if got, want := c.Entries[0].Origin.String(), "embedded sources/catalog.yaml:5 + environment CUBAEXPORTS_URL_CURATED (url)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
