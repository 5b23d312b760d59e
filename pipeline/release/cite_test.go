package release

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/pipeline/release/cite"
)

// Every citation format of the synthetic release equals its reviewed
// golden file (go test -update rewrites them).
func TestCiteGolden(t *testing.T) {
	out := t.TempDir()
	mustBuild(t, out, syntheticInput())
	for _, format := range cite.Formats {
		t.Run(format, func(t *testing.T) {
			got, err := Cite(out, "v1.0.0", format)
			if err != nil {
				t.Fatal(err)
			}
			latest, err := Cite(out, "", format)
			if err != nil || !bytes.Equal(latest, got) {
				t.Errorf("the latest version's citation differs (%v)", err)
			}
			golden := filepath.Join("testdata", "cite", "v1.0.0."+format)
			if *update {
				os.MkdirAll(filepath.Dir(golden), 0o755)
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if want := readFile(t, golden); !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s:\n%s", format, golden, got)
			}
		})
	}
}

func TestCiteContents(t *testing.T) {
	out := t.TempDir()
	mustBuild(t, out, syntheticInput())
	apa, _ := Cite(out, "v1.0.0", "apa")
	for _, want := range []string{"(2026)", "(Version v1.0.0) [Data set]", "https://doi.org/10.5072/zenodo.0000000"} {
		if !strings.Contains(string(apa), want) {
			t.Errorf("APA %q lacks %q", apa, want)
		}
	}
	b, _ := Cite(out, "v1.0.0", "datacite")
	var doc cite.DataCiteDoc
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	a := doc.Data.Attributes
	if doc.Data.Type != "dois" || a.DOI != "10.5072/zenodo.0000000" || a.PublicationYear != 2026 ||
		a.Types["resourceTypeGeneral"] != "Dataset" || a.Version != "v1.0.0" || len(a.RightsList) != 1 ||
		a.RightsList[0]["rightsUri"] != "https://creativecommons.org/licenses/by/4.0/" || a.Dates[0]["date"] != "2026-12-01" {
		t.Errorf("DataCite attributes %+v", a)
	}
	cff, _ := Cite(out, "v1.0.0", "cff")
	for _, want := range []string{"cff-version: 1.2.0\n", "type: dataset\n", `version: "v1.0.0"`, `date-released: "2026-12-01"`,
		"authors:\n", `license: "CC-BY-4.0"`, "url: ", "identifiers:\n  - type: doi\n"} {
		if !strings.Contains(string(cff), want) {
			t.Errorf("CITATION.cff lacks %q:\n%s", want, cff)
		}
	}
	for _, tc := range []struct{ version, format, want string }{
		{"v1.0.0", "mla", `citation format "mla"`},
		{"v9.9.9", "apa", "v9.9.9"},
		{"1.0", "apa", "1.0"},
	} {
		if _, err := Cite(out, tc.version, tc.format); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Cite(%s, %s) = %v, want an error with %q", tc.version, tc.format, err, tc.want)
		}
	}
}

// A citation without a DOI links the homepage and has no doi fields.
func TestCiteWithoutDOI(t *testing.T) {
	in := syntheticInput()
	in.Meta.DOI = ""
	out := t.TempDir()
	mustBuild(t, out, in)
	for _, format := range []string{"apa", "bibtex", "ris", "datacite"} {
		b, err := Cite(out, "", format)
		if err != nil {
			t.Fatal(err)
		}
		needle := "doi"
		if format == "datacite" {
			needle = `"doi":` // its data type is always "dois"
		}
		if strings.Contains(strings.ToLower(string(b)), needle) {
			t.Errorf("%s names a DOI:\n%s", format, b)
		}
	}
}
