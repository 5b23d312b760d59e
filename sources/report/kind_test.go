package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources"
	"github.com/cubaexports/cubaexports/sources/snapshot"
	"github.com/cubaexports/cubaexports/sources/sourcetest"
)

func syntheticSource(t testing.TB, id string) sources.Entry {
	t.Helper()
	f, err := os.Open("testdata/synthetic_catalog.yaml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cat, err := sources.DecodeCatalog("testdata/synthetic_catalog.yaml", f)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range cat.Entries {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("no source %s", id)
	return sources.Entry{}
}

func enPDF(t testing.TB) []byte {
	return makePDF(t, strings.Split(string(readFixture(t, "synthetic_report_en.txt")), "\f"), pdfOptions{})
}

func extractBytes(t *testing.T, src sources.Entry, name string, body []byte) (datasets.Rows, error) {
	t.Helper()
	return mustOpen(t, src).Extract(context.Background(), snapshot.Snapshot{Name: name, SHA256: "abc"}, bytes.NewReader(body))
}

func TestExtractPDF(t *testing.T) {
	rows, err := extractBytes(t, syntheticSource(t, "synthetic_report_en"), "synthetic_report_en.pdf", enPDF(t))
	if err != nil {
		t.Fatal(err)
	}
	if rows.Revenue.Len() != 1 || rows.ContractRates.Len() != 1 || rows.WorkerCounts.Len() != 1 || len(rows.Sources) != 1 {
		t.Fatalf("rows: %+v", rows)
	}
	r := rows.Revenue.At(0)
	if r.Value == nil || *r.Value != 8e9 || r.Currency != "USD" || r.PartnerCountry != "WLD" || r.Qualifier != "exact" ||
		r.SourceID != "synthetic_report_en" || !strings.HasPrefix(r.Locator, "page=1, chars=") || r.At.File != "synthetic_report_en.pdf" {
		t.Errorf("revenue: %+v", r)
	}
	c := rows.ContractRates.At(0)
	if c.Amount == nil || *c.Amount != 647621 || c.HostCountry != "NAM" || c.Per != "year" || c.Workers == nil || *c.Workers != 1 {
		t.Errorf("contract rate: %+v", c)
	}
	w := rows.WorkerCounts.At(0)
	if w.Count != nil || w.CountLow == nil || *w.CountLow != 5000 || *w.CountHigh != 7000 || w.Qualifier != "range" {
		t.Errorf("worker count: %+v", w)
	}
	s := rows.Sources[0]
	if s.Publisher != "Synthetic Fixture Institute" || s.SnapshotSHA256 != "abc" || s.Language != "en" {
		t.Errorf("source: %+v", s)
	}
}

// The locator's characters are where the pattern matched in the page's
// normalized text.
func TestExtractLocator(t *testing.T) {
	src := syntheticSource(t, "synthetic_report_es")
	body := readFixture(t, "synthetic_report_es.html")
	rows, err := extractBytes(t, src, "synthetic_report_es.html", body)
	if err != nil {
		t.Fatal(err)
	}
	pages := collect(t, "x.html", body)
	r := rows.Revenue.At(0)
	var page, a, b int
	if _, err := fmtSscanf(r.Locator, &page, &a, &b); err != nil {
		t.Fatal(err)
	}
	got := string([]rune(pages[page-1].Text)[a:b])
	if got != "Venezuela pagó 4.882.234.500 dólares en 2015" || *r.Value != 4882234500 || r.PartnerCountry != "VEN" {
		t.Errorf("locator %s points at %q; row %+v", r.Locator, got, r)
	}
}

// A declared figure that is gone, or found twice, fails the document
// with an error naming the figure and the document that wraps
// sources.ErrLayoutChanged.
func TestExtractFigureChanged(t *testing.T) {
	src := syntheticSource(t, "synthetic_report_es")
	body := string(readFixture(t, "synthetic_report_es.html"))
	for _, tc := range []struct{ name, body, want string }{
		{"gone", strings.Replace(body, "4.882.234.500", "4.900.000.000 (revisado)", 1), `figure "venezuela_2015": pattern Venezuela pagó (?P<value>[0-9.]+) dólares en 2015 matches nowhere in the document`},
		{"twice", strings.Replace(body, "</main>", "<p>Venezuela pagó 1.000 dólares en 2015.</p></main>", 1), `figure "venezuela_2015": pattern matches 2 times (page 1 chars`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := extractBytes(t, src, "synthetic_report_es.html", []byte(tc.body))
			var fe *FigureError
			if !errors.Is(err, sources.ErrLayoutChanged) || !errors.As(err, &fe) {
				t.Fatalf("got %v, want a FigureError", err)
			}
			if !strings.Contains(err.Error(), "synthetic_report_es.html: source synthetic_report_es: upstream layout changed") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error:\n%v\nwant it to contain %q", err, tc.want)
			}
		})
	}
}

func TestBadParams(t *testing.T) {
	base := "sources:\n  - id: r\n    kind: report\n    url: https://example.invalid/r.pdf\n    params:\n"
	for _, tc := range []struct{ name, params, want string }{
		{"unknown key", "      publisher: P\n      publisher_type: ngo\n      language: en\n      figurez: []\n", "field figurez not found"},
		{"no figures", "      publisher: P\n      publisher_type: ngo\n      language: en\n", "figures is empty"},
		{"no group", "      publisher: P\n      publisher_type: ngo\n      language: en\n      figures:\n        - {name: a, pattern: 'x', table: revenue, row: {year: 2020, concept: c, currency: USD, observation_type: claim}}\n", `figure "a": pattern: needs a named group value`},
		{"bad regexp", "      publisher: P\n      publisher_type: ngo\n      language: en\n      figures:\n        - {name: a, pattern: '(?P<value>[0-9', table: revenue, row: {year: 2020, concept: c, currency: USD, observation_type: claim}}\n", `figure "a": pattern: error parsing regexp`},
		{"bad table", "      publisher: P\n      publisher_type: ngo\n      language: en\n      figures:\n        - {name: a, pattern: '(?P<value>1)', table: fx, row: {year: 2020, observation_type: claim}}\n", `table "fx": use revenue`},
		{"missing fields", "      publisher: P\n      publisher_type: ngo\n      language: en\n      figures:\n        - {name: a, pattern: '(?P<value>1)', table: contract_rates, row: {year: 2020, observation_type: claim}}\n", `contract_rates needs host_country`},
		{"format", "      publisher: P\n      publisher_type: ngo\n      language: en\n      format: docx\n      figures:\n        - {name: a, pattern: '(?P<value>1)', table: revenue, row: {year: 2020, concept: c, currency: USD, observation_type: claim}}\n", `format "docx"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := sources.DecodeCatalog("c.yaml", strings.NewReader(base+tc.params))
			if !errors.Is(err, sources.ErrCatalog) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an ErrCatalog containing %q", err, tc.want)
			}
		})
	}
}

func TestParseFigure(t *testing.T) {
	for in, want := range map[string]float64{
		"4.882.234.500": 4882234500, "US$8 billion": 8e9, "1,5 millones": 1.5e6, "N$647 621": 647621,
		"11,520.50": 11520.5, "R$ 11.520": 11520, "8 mil millones": 8e9, "2,5 bilhões": 2.5e9, "6.4": 6.4,
	} {
		got, err := ParseFigure(in)
		if err != nil || got != want {
			t.Errorf("ParseFigure(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := ParseFigure("no number"); err == nil {
		t.Error("ParseFigure of text without a number succeeded")
	}
}

func TestConformance(t *testing.T) {
	body := enPDF(t)
	sourcetest.Run(t, sourcetest.Case{
		Entry:      syntheticSource(t, "synthetic_report_en"),
		Snapshot:   snapshot.Snapshot{Name: "synthetic_report_en.pdf"},
		Body:       body,
		TruncateAt: len(body) / 2,
	})
}

func fmtSscanf(loc string, page, a, b *int) (int, error) {
	return fmt.Sscanf(loc, "page=%d, chars=%d-%d", page, a, b)
}

// Rows of a paged document carry the page of their match in the page
// column, as the locator does; rows of HTML, which has no pages, leave it
// empty. The document comes in seekable or not (then it is spooled).
func TestExtractPage(t *testing.T) {
	en := strings.Split(string(readFixture(t, "synthetic_report_en.txt")), "\f")
	moved := []string{en[1], en[2], en[0]} // the figures' page becomes page 3
	pdf := makePDF(t, moved, pdfOptions{})
	text := []byte(strings.Join(moved, "\f"))
	type onlyReader struct{ io.Reader }
	for _, c := range []struct {
		name string
		body io.Reader
	}{
		{"synthetic_report_en.pdf", bytes.NewReader(pdf)},
		{"synthetic_report_en.pdf", onlyReader{bytes.NewReader(pdf)}},
		{"synthetic_report_en.txt", onlyReader{bytes.NewReader(text)}},
	} {
		rows, err := mustOpen(t, syntheticSource(t, "synthetic_report_en")).Extract(context.Background(), snapshot.Snapshot{Name: c.name}, c.body)
		if err != nil {
			t.Fatalf("%s (%T): %v", c.name, c.body, err)
		}
		provs := []schemas.Provenance{rows.Revenue.At(0).Provenance, rows.ContractRates.At(0).Provenance, rows.WorkerCounts.At(0).Provenance}
		for _, p := range provs {
			if p.Page == nil || *p.Page != 3 || !strings.HasPrefix(p.Locator, "page=3, chars=") {
				t.Errorf("%s (%T): page %s, locator %q; want page 3", c.name, c.body, pageText(p.Page), p.Locator)
			}
		}
	}
	rows, err := extractBytes(t, syntheticSource(t, "synthetic_report_es"), "synthetic_report_es.html", readFixture(t, "synthetic_report_es.html"))
	if err != nil {
		t.Fatal(err)
	}
	if p := rows.Revenue.At(0).Provenance; p.Page != nil || !strings.HasPrefix(p.Locator, "page=1, chars=") {
		t.Errorf("HTML row: page %s (want empty), locator %q", pageText(p.Page), p.Locator)
	}
}

func pageText(p *int64) string {
	if p == nil {
		return "empty"
	}
	return fmt.Sprint(*p)
}

// mustOpen opens an entry as the catalog does.
func mustOpen(tb testing.TB, src sources.Entry) sources.Extractor {
	tb.Helper()
	r, err := open(src)
	if err != nil {
		tb.Fatalf("opening %s: %v", src.ID, err)
	}
	return r.Extractor
}
