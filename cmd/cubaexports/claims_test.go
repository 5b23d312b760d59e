package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"

	"github.com/cubaexports/cubaexports/sources/snapshot"
)

const reportFixtures = "../../sources/report/testdata"

// syntheticPDF writes a one-page synthetic PDF holding text.
func syntheticPDF(t *testing.T, path, text string, password string) {
	t.Helper()
	pdf := fpdf.New("P", "mm", "A4", "")
	if password != "" {
		pdf.SetProtection(fpdf.CnProtectPrint, password, "owner")
	}
	pdf.SetFont("Helvetica", "", 11)
	pdf.AddPage()
	pdf.MultiCell(0, 6, pdf.UnicodeTranslatorFromDescriptor("")(text), "", "L", false)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestExtractClaimsCSV(t *testing.T) {
	dir := t.TempDir()
	copyFile(t, filepath.Join(reportFixtures, "synthetic_report_es.html"), filepath.Join(dir, "es.html"))
	copyFile(t, filepath.Join(reportFixtures, "synthetic_report_pt.txt"), filepath.Join(dir, "pt.txt"))
	syntheticPDF(t, filepath.Join(dir, "en.pdf"), "SYNTHETIC test document. Nurses in Angola received US$ 1,200 a month in 2019, and 1 to 3 years of prison was the penalty.", "")
	r := must(t, cli(t, dir, "extract-claims", "es.html", "pt.txt", "en.pdf"), 0)
	recs, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(recs[0], ","); got != "file,page,start,end,kind,value,low,high,currency,unit,period,qualifier,country,year,quote" {
		t.Fatalf("header %s", got)
	}
	want := map[string]bool{
		"es.html,1,money,4882234500,,,USD,,,exact,VEN,2015": false,
		"pt.txt,2,money,480000,,,NAD,,year,exact,NAM,":      false,
		"en.pdf,1,money,1200,,,USD,,month,exact,AGO,2019":   false,
		"en.pdf,1,duration,,1,3,,year,,range,AGO,2019":      false,
	}
	for _, rec := range recs[1:] {
		key := strings.Join(append([]string{rec[0], rec[1]}, rec[4:14]...), ",")
		if _, ok := want[key]; ok {
			want[key] = true
		}
		if rec[4] == "money" && strings.Contains(rec[14], "Publicidad") {
			t.Errorf("a figure from the page's aside: %v", rec)
		}
	}
	for k, ok := range want {
		if !ok {
			t.Errorf("no row %s in\n%s", k, r.stdout)
		}
	}
}

func TestExtractClaimsJSONL(t *testing.T) {
	dir := t.TempDir()
	copyFile(t, filepath.Join(reportFixtures, "synthetic_report_pt.txt"), filepath.Join(dir, "pt.txt"))
	r := must(t, cli(t, dir, "extract-claims", "--format", "jsonl", "pt.txt"), 0)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	found := false
	for _, l := range lines {
		var c struct {
			File, Kind, Currency, Period, Country, Quote string
			Page, Start, End                             int
			Value                                        *float64
			Year                                         *int
		}
		if err := json.Unmarshal([]byte(l), &c); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		if c.Kind == "money" && c.Value != nil && *c.Value == 11520 {
			found = c.Currency == "BRL" && c.Period == "month" && c.Country == "BRA" && c.Page == 1 && c.End > c.Start &&
				strings.Contains(c.Quote, "R$ 11.520 por mês")
		}
	}
	if !found {
		t.Errorf("no R$ 11.520 row in\n%s", r.stdout)
	}
}

func TestExtractClaimsErrors(t *testing.T) {
	dir := t.TempDir()
	syntheticPDF(t, filepath.Join(dir, "locked.pdf"), "SYNTHETIC locked text.", "synthetic")
	os.WriteFile(filepath.Join(dir, "broken.pdf"), []byte("%PDF-1.4\nnot really a PDF\n"), 0o644)
	r := must(t, cli(t, dir, "extract-claims", "locked.pdf"), 1)
	if !strings.Contains(r.stderr, "locked.pdf: unreadable document: the PDF is encrypted") {
		t.Errorf("stderr: %s", r.stderr)
	}
	r = must(t, cli(t, dir, "extract-claims", "broken.pdf"), 1)
	if !strings.Contains(r.stderr, "broken.pdf: unreadable document") {
		t.Errorf("stderr: %s", r.stderr)
	}
	must(t, cli(t, dir, "extract-claims"), 2)
	must(t, cli(t, dir, "extract-claims", "--format", "xml", "x.txt"), 2)
	r = must(t, cli(t, dir, "extract-claims", "nosuch.txt"), 1)
	if !strings.Contains(r.stderr, "nosuch.txt") {
		t.Errorf("stderr: %s", r.stderr)
	}
}

// verify-citations exits 1 and names the row when a curated figure is not
// in the stored snapshot of the document it cites, and lists found ones
// with their page under --all.
func TestVerifyCitationsCommand(t *testing.T) {
	dir := t.TempDir()
	curated := filepath.Join(dir, "sheets")
	if err := os.CopyFS(curated, os.DirFS("../../testdata/synthetic_curated")); err != nil {
		t.Fatal(err)
	}
	appendTo := func(name, line string) {
		f, err := os.OpenFile(filepath.Join(curated, name), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString(line + "\n")
		f.Close()
	}
	appendTo("sources.csv", "synthetic_report_pt,SYNTHETIC report for tests,Synthetic Press,press,https://example.invalid/pt.txt,pt,2021,,")
	appendTo("revenue.csv", "2016,2016,2016,flow,professional_services_exports,WLD,2500000000,,,exact,BRL,claim,reported,,SYNTHETIC row.,synthetic_report_pt,p. 1")
	must(t, cli(t, dir, "verify-citations", "--config", writeConfig(t, dir, curated)), 0)

	store, err := snapshot.OpenStore(filepath.Join(dir, "data"))
	if err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(filepath.Join(reportFixtures, "synthetic_report_pt.txt"))
	snap, err := store.Put(context.Background(), snapshot.Meta{SourceID: "synthetic_report_pt", Name: "pt.txt", URL: "https://example.invalid/pt.txt"}, f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if err := store.Commit(context.Background(), "synthetic_report_pt", []snapshot.Snapshot{snap}); err != nil {
		t.Fatal(err)
	}
	store.Close()
	r := must(t, cli(t, dir, "verify-citations", "--all", "--config", writeConfig(t, dir, curated)), 0)
	if !strings.Contains(r.stdout, "found") || !strings.Contains(r.stdout, "2500000000") || !strings.Contains(r.stdout, "1 found, 0 not found") {
		t.Errorf("stdout:\n%s", r.stdout)
	}
	appendTo("revenue.csv", "2017,2017,2017,flow,professional_services_exports,WLD,777,,,exact,BRL,claim,reported,,SYNTHETIC row the report lacks.,synthetic_report_pt,p. 2")
	r = must(t, cli(t, dir, "verify-citations", "--config", writeConfig(t, dir, curated)), 1)
	if !strings.Contains(r.stdout, "NOT FOUND") || !strings.Contains(r.stdout, "777") || !strings.Contains(r.stderr, "not found in the documents they cite") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
	}
}

func writeConfig(t *testing.T, dir, curated string) string {
	t.Helper()
	p := filepath.Join(dir, "cubaexports.yaml")
	if err := os.WriteFile(p, []byte("sources:\n  curated:\n    url: "+curated+"\n    retrieved: \"2026-01-02\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return "cubaexports.yaml"
}
