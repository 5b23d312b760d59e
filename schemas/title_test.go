package schemas

import (
	"strings"
	"testing"
)

func TestDevisedTitle(t *testing.T) {
	for _, tc := range []struct {
		title, want string
		devised     bool
	}{
		{"[Article on Cuban doctors in Brazil]", "Article on Cuban doctors in Brazil", true},
		{"Informe anual 2019", "Informe anual 2019", false},
		{"Informe [borrador]", "Informe [borrador]", false},
		{"[a] and [b]", "[a] and [b]", false},
		{"[]", "[]", false},
		{"[ ]", "[ ]", false},
		{"[unclosed", "[unclosed", false},
		{"", "", false},
	} {
		got, devised := DevisedTitle(tc.title)
		if got != tc.want || devised != tc.devised {
			t.Errorf("DevisedTitle(%q) = %q, %v; want %q, %v", tc.title, got, devised, tc.want, tc.devised)
		}
	}
}

// The codebook tells readers what a title in brackets is: the title
// column's row of the generated codebook carries the convention.
func TestCodebookExplainsDevisedTitle(t *testing.T) {
	var b strings.Builder
	if err := WriteCodebook(&b, All()); err != nil {
		t.Fatal(err)
	}
	_, sources, _ := strings.Cut(b.String(), "(`"+SourcesName+"`)")
	_, row, _ := strings.Cut(sources, "| `title` |")
	row, _, _ = strings.Cut(row, "\n")
	for _, want := range []string{"square brackets", "devised by cubaexports' curators", "own title is not recorded", "archived copy"} {
		if !strings.Contains(row, want) {
			t.Errorf("the codebook's row of sources.title lacks %q: %q", want, row)
		}
	}
}
