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
