package release

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/datasets"
)

func TestYAMLString(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                  `"plain"`,
		`a: b # c`:               `"a: b # c"`,
		"two\nlines\t\"quoted\"": `"two\nlines\t\"quoted\""`,
		`back\slash & <tag>`:     `"back\\slash & <tag>"`,
		"- yes":                  `"- yes"`,
		"médico":                 `"médico"`,
	} {
		if got := yamlString(in); got != want {
			t.Errorf("yamlString(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestCitationOptionalFields(t *testing.T) {
	in := syntheticInput()
	in.Meta.DOI = ""
	in.Meta.Keywords = nil
	in.Meta.Authors = []datasets.Author{
		{Name: "Synthetic Lab: test # entity"},
		{Name: "A. Tester", ORCID: "https://orcid.org/0000-0002-1825-0097"},
	}
	out := t.TempDir()
	res := mustBuild(t, out, in)
	got := string(readFile(t, filepath.Join(res.Dir, "CITATION.cff")))
	for _, want := range []string{
		"authors:\n  - name: \"Synthetic Lab: test # entity\"\n  - name: \"A. Tester\"\n    orcid: \"https://orcid.org/0000-0002-1825-0097\"\nlicense: ",
		"repository-code: \"https://github.com/cubaexports/cubaexports\"\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("CITATION.cff lacks %q:\n%s", want, got)
		}
	}
	for _, absent := range []string{"identifiers:", "keywords:"} {
		if strings.Contains(got, absent) {
			t.Errorf("CITATION.cff has %q without a value for it:\n%s", absent, got)
		}
	}
	dp := string(readFile(t, filepath.Join(res.Dir, "datapackage.json")))
	if !strings.Contains(dp, `"path": "https://orcid.org/0000-0002-1825-0097"`) || strings.Contains(dp, `"keywords"`) {
		// the Data Package profile wants at least one keyword, or none at all
		t.Errorf("datapackage.json contributors or keywords:\n%s", dp[:1200])
	}
}
