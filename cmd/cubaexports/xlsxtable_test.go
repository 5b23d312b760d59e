package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// releaseRows reads a release's table as maps by column name.
func releaseRows(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = rec[i]
		}
		out = append(out, m)
	}
	return out
}

// The yearbook table of the catalog, pointed at a synthetic AEC 2022
// workbook and enabled, is released with cell locators; the AEC 2023
// workbook, whose health row was renamed, ends the run with exit code 4
// and a drift report, and leaves the previous release as it was.
func TestYearbookTableLayoutChange(t *testing.T) {
	dir := t.TempDir()
	fixtures := filepath.Join("..", "..", "sources", "xlsxtable", "testdata")
	for _, name := range []string{"synthetic_8_3_aec2022.xlsx", "synthetic_8_3_aec2023.xlsx"} {
		copyFile(t, filepath.Join(fixtures, name), filepath.Join(dir, name))
	}
	config := func(file string) {
		t.Helper()
		yaml := "sources:\n  onei_aec_services_exports:\n    url: ./" + file + "\n    retrieved: \"2026-01-02\"\n    disabled: false\n"
		if err := os.WriteFile(filepath.Join(dir, "cubaexports.yaml"), []byte(yaml), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := must(t, cli(t, dir, "sources"), 0)
	if !strings.Contains(r.stdout, "layout map not yet confirmed against a real file") {
		t.Errorf("sources does not show the note:\n%s", r.stdout)
	}

	config("synthetic_8_3_aec2022.xlsx")
	must(t, cli(t, dir, "release", "--config", "cubaexports.yaml"), 0)
	rel := filepath.Join(dir, "out", "releases", "v1.0.0")
	n := 0
	for _, row := range releaseRows(t, filepath.Join(rel, "data", "revenue.csv")) {
		if row["source_id"] != "onei_aec_services_exports_aec_2022" {
			continue
		}
		n++
		if row["locator"] == "sheet=8.3!F7" && (row["value"] != "3456700" || row["edition"] != "AEC 2022" ||
			row["concept"] != "health_services_exports" || row["year"] != "2022" || row["extractor"] != "xlsxtable@1") {
			t.Errorf("F7: %v", row)
		}
	}
	if n != 30 {
		t.Errorf("%d rows from the yearbook table, want 30", n)
	}
	found := false
	for _, row := range releaseRows(t, filepath.Join(rel, "data", "sources.csv")) {
		found = found || row["source_id"] == "onei_aec_services_exports_aec_2022" && row["publisher"] == "ONEI" && row["language"] == "es"
	}
	if !found {
		t.Error("no sources row for the yearbook table")
	}
	must(t, cli(t, dir, "verify"), 0)
	before := tree(t, filepath.Join(dir, "out"))

	config("synthetic_8_3_aec2023.xlsx")
	r = must(t, cli(t, dir, "release", "--config", "cubaexports.yaml"), 4)
	for _, want := range []string{
		"upstream layout changed",
		`unmapped row 7: "Servicios de salud y asistencia social (b)"`,
		`expected row "servicios de salud humana y de atencion social": not found (nearest: "Servicios de salud y asistencia social (b)")`,
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	sameTree(t, before, tree(t, filepath.Join(dir, "out")))
}
