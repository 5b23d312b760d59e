package report

import (
	"strconv"
	"testing"
)

// want describes the one claim of kind expected in a sentence: its
// amount ("8e9" or "50-120"), currency, period and country.
type want struct {
	text, kind, amount, currency, period, country string
}

func amountOf(c Claim) string {
	if c.Value != nil {
		return strconv.FormatFloat(*c.Value, 'f', -1, 64)
	}
	return strconv.FormatFloat(*c.Low, 'f', -1, 64) + "-" + strconv.FormatFloat(*c.High, 'f', -1, 64)
}

// checkClaims runs the finder on each text and requires exactly one
// claim of the wanted kind, stated as wanted.
func checkClaims(t *testing.T, cases []want) {
	t.Helper()
	f := NewFinder()
	for _, w := range cases {
		var got []Claim
		for _, c := range f.FindClaims(Page{N: 1, Text: Normalize(w.text)}) {
			if c.Kind == w.kind {
				got = append(got, c)
			}
		}
		if len(got) != 1 {
			t.Errorf("%q: %d %s claims, want 1: %+v", w.text, len(got), w.kind, got)
			continue
		}
		c := got[0]
		if a := amountOf(c); a != w.amount || c.Currency != w.currency || c.Period != w.period || c.Country != w.country {
			t.Errorf("%q: got %s %s per=%q country=%q; want %s %s per=%q country=%q",
				w.text, a, c.Currency, c.Period, c.Country, w.amount, w.currency, w.period, w.country)
		}
	}
}

// TestTieDemonyms: a country named by an adjective or a noun of
// nationality ties a figure like its name does, in English, Spanish and
// Portuguese, any gender and number.
func TestTieDemonyms(t *testing.T) {
	checkClaims(t, []want{
		{"The Qatari client paid $85/hour for each specialist.", "money", "85", "USD", "hour", "QAT"},
		{"Brazilian municipalities paid R$ 11.520 a month per doctor.", "money", "11520", "BRL", "month", "BRA"},
		{"El gobierno venezolano pagó 4.882.234.500 dólares.", "money", "4882234500", "USD", "", "VEN"},
		{"Las autoridades angoleñas abonaron US$ 1.200 al mes.", "money", "1200", "USD", "month", "AGO"},
		{"Os municípios brasileiros pagavam R$ 10.000 por mês.", "money", "10000", "BRL", "month", "BRA"},
		{"South African hospitals paid US$ 4,000 a month.", "money", "4000", "USD", "month", "ZAF"},
		{"Os hospitais sul-africanos pagavam US$ 4.000 por mês.", "money", "4000", "USD", "month", "ZAF"},
		{"Kenyans saw Cuban doctors paid US$ 900 a month.", "money", "900", "USD", "month", "KEN"},
	})
}

// TestTieDemonymDecoys: "Cuban" never ties a figure; an adjective that
// qualifies a currency or names a language ties nothing; regional and
// ambiguous adjectives tie nothing.
func TestTieDemonymDecoys(t *testing.T) {
	checkClaims(t, []want{
		{"Cuban doctors in Angola earned US$ 1,200 a month.", "money", "1200", "USD", "month", "AGO"},
		{"Los médicos cubanos en Bolivia cobraban 300 dólares al mes.", "money", "300", "USD", "month", "BOL"},
		{"Cuban doctors earned US$ 1,200 a month.", "money", "1200", "USD", "month", ""},
		{"Los médicos cubanos cobraban 300 dólares americanos al mes.", "money", "300", "USD", "month", ""},
		{"Each specialist was paid N$ 20 000 Namibian dollars a month.", "money", "20000", "NAD", "month", ""},
		{"The brigade earned 5 000 pesos cubanos a month.", "money", "5000", "CUP", "month", ""},
		{"The fact sheet, written in Portuguese, says US$ 300 a month.", "money", "300", "USD", "month", ""},
		{"Latin American governments paid US$ 2 billion.", "money", "2000000000", "USD", "", ""},
		{"Arab and African clients paid US$ 3 billion.", "money", "3000000000", "USD", "", ""},
	})
}

func TestTieDemonymKeepsCountryName(t *testing.T) {
	// the name of the country after the figure wins over an adjective
	// of another before it
	checkClaims(t, []want{
		{"Venezuelan oil paid for US$ 500 a month in Bolivia.", "money", "500", "USD", "month", "BOL"},
	})
}

// TestPeriods: day and week beside hour, month and year, after the
// figure or as an adjective before it, in the three languages.
func TestPeriods(t *testing.T) {
	checkClaims(t, []want{
		{"Each nurse received US$ 30 a day.", "money", "30", "USD", "day", ""},
		{"The per diem was US$ 45 per day in Qatar.", "money", "45", "USD", "day", "QAT"},
		{"They were paid $25/day.", "money", "25", "USD", "day", ""},
		{"Se pagaban 20 dólares diarios por médico.", "money", "20", "USD", "day", ""},
		{"Recebiam R$ 150 por dia.", "money", "150", "BRL", "day", ""},
		{"O auxílio era de R$ 90 diários.", "money", "90", "BRL", "day", ""},
		{"A daily allowance of US$ 12 was paid.", "money", "12", "USD", "day", ""},
		{"The host paid US$ 600 a week.", "money", "600", "USD", "week", ""},
		{"Teachers got $400/wk.", "money", "400", "USD", "week", ""},
		{"Cobraban 150 dólares semanales.", "money", "150", "USD", "week", ""},
		{"Cobraban 150 dólares por semana.", "money", "150", "USD", "week", ""},
		{"Recebiam R$ 700 semanais.", "money", "700", "BRL", "week", ""},
		{"A weekly stipend of US$ 80 was paid.", "money", "80", "USD", "week", ""},
		{"The contract paid US$ 50,000 annually.", "money", "50000", "USD", "year", ""},
		{"The contract paid US$ 50,000 p.a. in total.", "money", "50000", "USD", "year", ""},
		{"El contrato era de 60.000 dólares anual.", "money", "60000", "USD", "year", ""},
		{"O contrato pagava R$ 200 mil ao ano.", "money", "200000", "BRL", "year", ""},
		{"Each doctor cost $9,000/yr.", "money", "9000", "USD", "year", ""},
		{"Each doctor cost $900/mo.", "money", "900", "USD", "month", ""},
		{"Recebiam R$ 10 mil p/ mês.", "money", "10000", "BRL", "month", ""},
		{"Os médicos recebiam R$ 3 mil mensais.", "money", "3000", "BRL", "month", ""},
		{"Specialists billed $120/hr.", "money", "120", "USD", "hour", ""},
	})
}

// TestPeriodDecoys: a newspaper called "Diario", a duration of days and
// weeks, and words that only look like periods state no period.
func TestPeriodDecoys(t *testing.T) {
	checkClaims(t, []want{
		{"US$ 8 billion according to Diario de Cuba.", "money", "8000000000", "USD", "", ""},
		{"Diario de Cuba reported US$ 8 billion in exports.", "money", "8000000000", "USD", "", ""},
		{"The mission paid US$ 2 million within 30 days.", "money", "2000000", "USD", "", ""},
		{"They paid US$ 5 million over three weeks.", "money", "5000000", "USD", "", ""},
		{"They worked 30 days on the mission.", "duration", "30", "", "", ""},
		{"A mission of 6 weeks.", "duration", "6", "", "", ""},
	})
}
