package release

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A version built with a reserved DOI names it (and the concept DOI) in
// its CITATION.cff, datapackage.json, workbook and every citation
// format, and verifies; the reservation is asked for once, for the new
// version only.
func TestReservedDOI(t *testing.T) {
	out := t.TempDir()
	in := syntheticInput()
	in.Meta.DOI = ""
	var asked []string
	in.ReserveDOI = func(_ context.Context, version string) (DOI, error) {
		asked = append(asked, version)
		return DOI{Version: "10.5072/zenodo.102", Concept: "10.5072/zenodo.101"}, nil
	}
	res := mustBuild(t, out, in)
	if strings.Join(asked, ",") != "v1.0.0" {
		t.Fatalf("reserved for %q", asked)
	}
	if err := Verify(context.Background(), out, ""); err != nil {
		t.Fatalf("a release with a DOI does not verify: %v", err)
	}
	cff := string(readFile(t, filepath.Join(res.Dir, "CITATION.cff")))
	for _, want := range []string{"\ndoi: \"10.5072/zenodo.102\"\n", "value: \"10.5072/zenodo.101\"\n    description: \"The concept DOI"} {
		if !strings.Contains(cff, want) {
			t.Errorf("CITATION.cff lacks %q:\n%s", want, cff)
		}
	}
	var dp struct {
		ID         string `json:"id"`
		ConceptDOI string `json:"conceptDoi"`
	}
	if err := json.Unmarshal(readFile(t, filepath.Join(res.Dir, "datapackage.json")), &dp); err != nil {
		t.Fatal(err)
	}
	if dp.ID != "https://doi.org/10.5072/zenodo.102" || dp.ConceptDOI != "https://doi.org/10.5072/zenodo.101" {
		t.Errorf("datapackage.json id %q conceptDoi %q", dp.ID, dp.ConceptDOI)
	}
	c, err := ReadCitation(out, "")
	if err != nil || c.DOI != "10.5072/zenodo.102" || c.ConceptDOI != "10.5072/zenodo.101" {
		t.Fatalf("citation read back: DOI %q concept %q (%v)", c.DOI, c.ConceptDOI, err)
	}
	for _, tc := range []struct{ format, want string }{
		{"apa", "https://doi.org/10.5072/zenodo.102"},
		{"bibtex", "{10.5072/zenodo.102}"},
		{"ris", "DO  - 10.5072/zenodo.102\r\n"},
		{"cff", "doi: \"10.5072/zenodo.102\""},
		{"datacite", `"relatedIdentifier": "10.5072/zenodo.101"`},
		{"datacite", `"doi": "10.5072/zenodo.102"`},
	} {
		b, err := Cite(out, "", tc.format)
		if err != nil || !strings.Contains(string(b), tc.want) {
			t.Errorf("cite --format %s lacks %q (%v):\n%s", tc.format, tc.want, err, b)
		}
	}
	// Unchanged data: no new version, so no reservation.
	mustBuild(t, out, in)
	if len(asked) != 1 {
		t.Errorf("an unchanged build reserved a DOI: %q", asked)
	}
}

// A failed reservation writes nothing: the version is not sealed
// without the DOI it was meant to carry.
func TestReserveDOIFails(t *testing.T) {
	out := t.TempDir()
	in := syntheticInput()
	boom := errors.New("zenodo is down")
	in.ReserveDOI = func(context.Context, string) (DOI, error) { return DOI{}, boom }
	_, err := Write(context.Background(), out, in)
	if !errors.Is(err, boom) {
		t.Fatalf("Write: %v, want %v", err, boom)
	}
	ents, _ := os.ReadDir(releasesDir(out))
	if len(ents) != 0 {
		t.Errorf("a failed reservation left %d entries in releases/", len(ents))
	}
}

// A release without a reserved DOI keeps the concept DOI the metadata
// declares, read back as the citation's DOI, as before DOIs were reserved.
func TestConceptDOIOnly(t *testing.T) {
	out := t.TempDir()
	mustBuild(t, out, syntheticInput())
	c, err := ReadCitation(out, "")
	if err != nil || c.DOI != "10.5072/zenodo.0000000" || c.ConceptDOI != "" {
		t.Fatalf("DOI %q concept %q (%v)", c.DOI, c.ConceptDOI, err)
	}
}
