package report

import (
	"context"
	"strings"
	"testing"
)

func readClaims(t *testing.T, doc string) []Claim {
	t.Helper()
	var out []Claim
	err := NewFinder().ReadClaims(context.Background(), "x.txt", strings.NewReader(doc), func(c Claim) error {
		out = append(out, c)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestPageBreakSentence: a sentence cut by a page break is quoted whole,
// its country and period read across the break, and the figure keeps the
// page and offsets it is printed at.
func TestPageBreakSentence(t *testing.T) {
	doc := "Synthetic text, invented for tests.\nIn 2019 the Angolan government paid\n- 1 -\f" +
		"Page 2 of 3\nUS$ 1,200 a month for each doctor. Other text.\nIn Namibia each specialist was paid N$647 621\n2\f" +
		"per year by the ministry. The end."
	claims := readClaims(t, doc)
	if len(claims) != 2 {
		t.Fatalf("%d claims, want 2: %+v", len(claims), claims)
	}
	pages := TextPages(doc)
	for i, w := range []struct {
		page                         int
		text, country, period, quote string
		year                         int
	}{
		{2, "US$ 1,200", "AGO", "month", "In 2019 the Angolan government paid US$ 1,200 a month for each doctor.", 2019},
		{2, "N$647 621", "NAM", "year", "In Namibia each specialist was paid N$647 621 per year by the ministry.", 0},
	} {
		c := claims[i]
		got := string([]rune(pages[c.Page-1])[c.Start:c.End])
		if c.Page != w.page || got != w.text || c.Country != w.country || c.Period != w.period || c.Quote != w.quote || c.Year != w.year {
			t.Errorf("claim %d: page %d %q %s per=%q year=%d quote %q; want page %d %q %s per=%q year=%d quote %q",
				i, c.Page, got, c.Country, c.Period, c.Year, c.Quote, w.page, w.text, w.country, w.period, w.year, w.quote)
		}
	}
}

// TestPageBreakNoJoin: a page that ends a sentence, or ends with a
// heading, is not joined to the next; the claims are those of FindClaims.
func TestPageBreakNoJoin(t *testing.T) {
	for _, doc := range []string{
		"Venezuela paid US$ 5 billion.\fThe host paid US$ 900 a month.",
		"Contract terms in Venezuela\fThe host paid US$ 900 a month.",
		"Bolivia paid US$ 300 a month\f- Ecuador paid US$ 650 a month.",
	} {
		f := NewFinder()
		var want []Claim
		for i, p := range TextPages(doc) {
			want = append(want, f.FindClaims(Page{N: i + 1, Text: p})...)
		}
		got := readClaims(t, doc)
		if len(got) != len(want) || len(got) == 0 {
			t.Fatalf("%q: %d claims, want %d", doc, len(got), len(want))
		}
		for i := range got {
			if got[i].Quote != want[i].Quote || got[i].Country != want[i].Country || got[i].Start != want[i].Start {
				t.Errorf("%q: claim %d %+v, want %+v", doc, i, got[i], want[i])
			}
		}
	}
}

// TestPageBreakFootnotes: footnotes under a rule at the foot of the page
// do not stop the sentence the break cuts, and their own figures stay
// claims of their page, at their offsets.
func TestPageBreakFootnotes(t *testing.T) {
	doc := "Synthetic text.\nIn 2016 the government of Angola agreed to pay\n________________\n1 A note: the fee was US$ 15 per form.\n1\f" +
		"US$ 2,000 a month per doctor."
	claims := readClaims(t, doc)
	pages := TextPages(doc)
	var got []string
	for _, c := range claims {
		got = append(got, string([]rune(pages[c.Page-1])[c.Start:c.End])+" "+c.Country+" "+c.Quote)
	}
	want := []string{
		"US$ 15  1 A note: the fee was US$ 15 per form.",
		"US$ 2,000 AGO In 2016 the government of Angola agreed to pay US$ 2,000 a month per doctor.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("claims\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestPageBreakSharedSymbol: a page that starts with an amount in a
// shared symbol ("Q 12.000") continues the sentence, whose country then
// tells the currency.
func TestPageBreakSharedSymbol(t *testing.T) {
	doc := "Según el contrato con Guatemala, cada brigadista costaba\f" + "Página 2\nQ 12.000 al mes."
	claims := readClaims(t, doc)
	if len(claims) != 1 || claims[0].Currency != "GTQ" || claims[0].Country != "GTM" || claims[0].Page != 2 {
		t.Fatalf("claims %+v", claims)
	}
}
