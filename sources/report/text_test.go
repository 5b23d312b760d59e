package report

import (
	"context"
	"strings"
	"testing"
)

func TestHTMLTextDropsChrome(t *testing.T) {
	pages := collect(t, "synthetic_report_es.html", readFixture(t, "synthetic_report_es.html"))
	if len(pages) != 1 || pages[0].N != 1 {
		t.Fatalf("pages %+v", pages)
	}
	text := pages[0].Text
	for _, gone := range []string{"US$ 12 billion", "font-family", "Portada", "2.500 lectores", "Publicidad", "Buscar",
		"Active JavaScript", "Periódico Sintético", "US$ 999", "Informe sintético: no son datos reales"} {
		if strings.Contains(text, gone) {
			t.Errorf("main text holds %q", gone)
		}
	}
	for _, kept := range []string{"INFORME SINTÉTICO", "Venezuela pagó 4.882.234.500 dólares en 2015", "30 mil médicos",
		"Año | Misiones\n2018 | 67 países", "US$ 650"} {
		if !strings.Contains(text, kept) {
			t.Errorf("main text lacks %q:\n%s", kept, text)
		}
	}
}

func TestHTMLTextWithoutMain(t *testing.T) {
	text, err := HTMLText(strings.NewReader(`<html><body><nav>menu 5</nav><p>First<br>line</p><div hidden>US$ 9</div><p aria-hidden="true">x</p><p>Second &amp; last</p></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	if got := Normalize(text); got != "First\nline\n\nSecond & last" {
		t.Errorf("got %q", got)
	}
}

func TestTextPagesFormFeeds(t *testing.T) {
	pages := collect(t, "synthetic_report_pt.txt", readFixture(t, "synthetic_report_pt.txt"))
	if len(pages) != 2 || pages[1].N != 2 || !strings.HasPrefix(pages[1].Text, "Os contratos previam") {
		t.Fatalf("pages %+v", pages)
	}
	if got := TextPages("one\ftwo\f"); len(got) != 3 || got[2] != "" {
		t.Errorf("got %q", got)
	}
}

func TestDetectFormat(t *testing.T) {
	for in, want := range map[string]string{"%PDF-1.7": FormatPDF, "\xEF\xBB\xBF  <!doctype html>": FormatHTML,
		"<p>x": FormatHTML, "plain": FormatText, "": FormatText, " %PDF-": FormatText} {
		if got := DetectFormat([]byte(in)); got != want {
			t.Errorf("DetectFormat(%q) = %s, want %s", in, got, want)
		}
	}
}

// An error of the page callback stops the reading and comes back as is.
func TestReadPagesStops(t *testing.T) {
	stop := context.Canceled
	n := 0
	err := ReadPages(context.Background(), "x.txt", strings.NewReader("a\fb\fc"), func(Page) error { n++; return stop })
	if err != stop || n != 1 {
		t.Errorf("err %v after %d pages", err, n)
	}
}

// Figures that are not money stay out of money: years, page numbers,
// prison terms, footnote markers, dates, legal references.
func TestDecoys(t *testing.T) {
	f := NewFinder()
	for _, s := range []string{
		"In 2019 the programme grew.",
		"See page 12 and pp. 4-5.",
		"Deserters faced 1 to 3 years of prison.",
		"The doctors were paid.3 The next paragraph.",
		"The agreement was signed on 12 March 2019 and on 2019-03-12 and on 12/03/2019.",
		"Under Decree-Law 306 and Resolution 168/2010, article 5 applies.",
		"COVID-19 reached the 19th province.",
		"\n12\n",
	} {
		for _, c := range f.FindClaims(Page{N: 1, Text: Normalize(s)}) {
			if c.Kind == KindMoney || c.Kind == KindCount || c.Kind == KindPercent {
				t.Errorf("%q: claim %+v", s, c)
			}
		}
	}
}

// TestHTMLTableRows: a table row is one line, its cells separated by
// " | ", without blank lines between rows.
func TestHTMLTableRows(t *testing.T) {
	text, err := HTMLText(strings.NewReader("<table>\n<tr><th>País</th> <th>Pago</th></tr>\n<tbody><tr><td>Catar</td>\n<td>US$ 5.000</td></tr>\n</tbody></table><p>Fin.</p>"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := Normalize(text), "País | Pago\nCatar | US$ 5.000\n\nFin."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
