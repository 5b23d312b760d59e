package xlsxtable

import (
	"os"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/sources"
)

// The full example of docs/yearbook-layouts.md is a valid catalog entry
// that extracts both synthetic editions.
func TestDocumentedExample(t *testing.T) {
	md, err := os.ReadFile("../../docs/yearbook-layouts.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, _ := strings.Cut(string(md), "## A complete map\n\n```yaml\n")
	block, _, ok := strings.Cut(rest, "```")
	if !ok {
		t.Fatal("no yaml block under \"A complete map\"")
	}
	cat, err := sources.DecodeCatalog("yearbook-layouts.md", strings.NewReader("sources:\n"+block))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"synthetic_8_3_aec2022.xlsx", "synthetic_8_3_aec2023.xlsx"} {
		rows, err := extract(t, cat.Entries[0], name, readFixture(t, name))
		if err != nil || rows.Revenue.Len() != 30 {
			t.Errorf("%s: %d rows, %v", name, rows.Revenue.Len(), err)
		}
	}
}

// The worked example of docs/yearbook-layouts.md, written as a
// cubaexports.yaml, is a valid entry that reads the ONEI-like table as
// the page says.
func TestDocumentedWorkedExample(t *testing.T) {
	md, err := os.ReadFile("../../docs/yearbook-layouts.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, _ := strings.Cut(string(md), "## Worked example")
	_, rest, _ = strings.Cut(rest, "```yaml\n")
	block, _, ok := strings.Cut(rest, "```")
	if !ok {
		t.Fatal("no yaml block under \"Worked example\"")
	}
	es, err := sources.DecodeConfigEntries("cubaexports.yaml", []byte(block))
	if err != nil {
		t.Fatal(err)
	}
	fx := oneiLike()
	rows, err := extract(t, es[0], fx.name, fx.build(t))
	if err != nil {
		t.Fatal(err)
	}
	got := revenueFigs(rows)
	if w := (fig{"sheet=5.12!B4", "services_exports_total", 2021, 5884200000, "reported"}); rows.Revenue.Len() != 6 || got[w.locator] != w {
		t.Errorf("%d rows, %+v", rows.Revenue.Len(), got)
	}
}
