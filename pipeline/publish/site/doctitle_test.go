package site

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/pipeline/publish/internal/publishtest"
	"github.com/cubaexports/cubaexports/schemas"
)

// A devised title (the curators' description, in brackets in the data) is
// shown as a description and marked; the document's own title is shown as
// a citation and never marked.
func TestDocTitle(t *testing.T) {
	tpl, err := parseTemplates()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		title     string
		want, not []string
	}{
		{"[Article on Cuban doctors in Brazil & their pay]",
			[]string{`<em class="devised">Article on Cuban doctors in Brazil &amp; their pay</em>`, `>(title not recorded)</a>`, `href="#devised"`, `title="A description by`},
			[]string{"[", "]", "<cite>"}},
		{"Informe anual 2019",
			[]string{"<cite>Informe anual 2019</cite>"},
			[]string{"not recorded", "<em", "devised"}},
		{"Informe [borrador]",
			[]string{"<cite>Informe [borrador]</cite>"},
			[]string{"not recorded", "devised"}},
	} {
		var b strings.Builder
		if err := tpl.ExecuteTemplate(&b, "doctitle", docTitleOf(tc.title)); err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(b.String(), w) {
				t.Errorf("%q renders as %s, without %s", tc.title, b.String(), w)
			}
		}
		for _, n := range tc.not {
			if strings.Contains(b.String(), n) {
				t.Errorf("%q renders as %s, with %s", tc.title, b.String(), n)
			}
		}
	}
}

// The sources page counts the documents with a devised title as the
// release's sources table has them, and marks each of them.
func TestSourcesPageDevisedTitles(t *testing.T) {
	out := publishtest.Release(t)
	page := pageOf(t, renderSite(t, out, ""))("sources.html")
	f, err := os.Open(filepath.Join(out, "releases", "v1.0.0", "data", "sources.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	title := slices.Index(rows[0], "title")
	rows = rows[1:]
	devised := 0
	for _, r := range rows {
		if _, ok := schemas.DevisedTitle(r[title]); ok {
			devised++
		}
	}
	if devised == 0 {
		t.Fatal("the embedded sources table has no devised title to show")
	}
	want := regexp.MustCompile(`<p id="devised">` + itoa(devised) + ` of the ` + itoa(len(rows)) + ` documents have no recorded title\.`)
	if !want.MatchString(page) {
		t.Errorf("sources page does not say %d of %d documents have no recorded title", devised, len(rows))
	}
	if n := strings.Count(page, `<a class="devised-mark"`); n != devised {
		t.Errorf("sources page marks %d titles as not recorded, want %d", n, devised)
	}
	if strings.Contains(page, "<em class=\"devised\">[") {
		t.Error("sources page shows a devised title with its brackets")
	}
}
