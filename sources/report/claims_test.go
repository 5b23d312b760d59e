package report

import (
	"strconv"
	"strings"
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

// TestMoneyAbbreviations: scale abbreviations and currency symbols and
// codes of the host countries' currencies.
func TestMoneyAbbreviations(t *testing.T) {
	checkClaims(t, []want{
		{"They paid $3k a month.", "money", "3000", "USD", "month", ""},
		{"Revenue was USD 1.5 mn last year.", "money", "1500000", "USD", "", ""},
		{"Revenue was US$2.5bn.", "money", "2500000000", "USD", "", ""},
		{"It cost €1.2m.", "money", "1200000", "EUR", "", ""},
		{"Recebiam R$ 1,5 mi por ano.", "money", "1500000", "BRL", "year", ""},
		{"O programa custou R$ 2 bi.", "money", "2000000000", "BRL", "", ""},
		{"Ingresó US$ 6 mil millones.", "money", "6000000000", "USD", "", ""},
		{"Fueron US$ 6 MM en 2019.", "money", "6000000", "USD", "", ""},
		{"Fueron 300 MM de dólares.", "money", "300000000", "USD", "", ""},
		{"México pagó 300 mdd por los médicos.", "money", "300000000", "USD", "", "MEX"},
		{"It was $2.5 bln.", "money", "2500000000", "USD", "", ""},
		{"It was US$ 3 mln.", "money", "3000000", "USD", "", ""},
		{"The rate was QAR 15,000 a month.", "money", "15000", "QAR", "month", ""},
		{"Nurses got KSh 200,000 a month.", "money", "200000", "KES", "month", ""},
		{"Nurses got 200,000 KES a month.", "money", "200000", "KES", "month", ""},
		{"El pago era de S/ 4,000 al mes.", "money", "4000", "PEN", "month", ""},
		{"The rate was TT$ 12,000 a month.", "money", "12000", "TTD", "month", ""},
		{"The rate was MX$ 30,000 a month.", "money", "30000", "MXN", "month", ""},
		{"Se pagaban Bs. 500 al mes.", "money", "500", "VES", "month", ""},
	})
}

// TestMoneyAbbreviationDecoys: the weak scales need a currency, and
// codes that are also words are not currencies.
func TestMoneyAbbreviationDecoys(t *testing.T) {
	f := NewFinder()
	for _, s := range []string{
		"The 5 k-means clusters.", "Room 5 m wide.", "Son 5 mi hermanos.", "Ranked TOP 10 of ALL 500 firms.",
		"At COP 26 they met.", "ISO 3166 and ISO 4217 codes.", "In 300 MM the dose.", "Call 555 1234.",
	} {
		for _, c := range f.FindClaims(Page{N: 1, Text: Normalize(s)}) {
			if c.Kind == KindMoney {
				t.Errorf("%q: money claim %+v", s, c)
			}
		}
	}
}

// TestNumberWords: amounts written in words, in the three languages.
func TestNumberWords(t *testing.T) {
	checkClaims(t, []want{
		{"Cuba earned eight billion dollars from these services.", "money", "8000000000", "USD", "", ""},
		{"Cuba ingresó ocho mil millones de dólares por estos servicios.", "money", "8000000000", "USD", "", ""},
		{"O programa custou dois bilhões de reais ao Brasil.", "money", "2000000000", "BRL", "", "BRA"},
		{"Venezuela paid half a billion dollars a year.", "money", "500000000", "USD", "year", "VEN"},
		{"The contract was worth a million euros.", "money", "1000000", "EUR", "", ""},
		{"El convenio valía un millón de dólares.", "money", "1000000", "USD", "", ""},
		{"Cada médico costaba dos mil dólares al mes.", "money", "2000", "USD", "month", ""},
		{"Each doctor cost two thousand three hundred dollars a month.", "money", "2300", "USD", "month", ""},
		{"Each doctor cost two hundred and fifty dollars a week.", "money", "250", "USD", "week", ""},
		{"Cobraban trescientos cincuenta dólares al mes.", "money", "350", "USD", "month", ""},
		{"Recebiam vinte e cinco mil reais por ano.", "money", "25000", "BRL", "year", ""},
		{"Angola pagó medio millón de dólares.", "money", "500000", "USD", "", "AGO"},
		{"They paid twenty-five thousand dollars.", "money", "25000", "USD", "", ""},
		{"Some three thousand doctors served in Brazil.", "count", "3000", "", "", "BRA"},
		{"Más de treinta mil médicos trabajaban en Venezuela.", "count", "30000", "", "", "VEN"},
		{"Cuba ingresó 2 mil millones de dólares.", "money", "2000000000", "USD", "", ""},
		{"Unos quinientos médicos trabajaban allí.", "count", "500", "", "", ""},
		{"The programme ran for four years.", "duration", "4", "", "", ""},
		{"A missão durou dois anos e meio.", "duration", "2", "", "", ""},
	})
}

// TestNumberWordDecoys: ordinary words that are also numbers are not
// figures without a currency, or a scale word and a counted noun.
func TestNumberWordDecoys(t *testing.T) {
	f := NewFinder()
	for _, s := range []string{
		"One of the doctors said so.", "Once the contract ended, two doctors left.", "A million reasons to stay.",
		"Millions of dollars were paid.", "Dos veces al año.", "Um dos médicos disse.", "Thousands of doctors left.",
		"O valor dos médicos cubanos.", "He said one thing and then another.", "Half a dozen doctors.",
		"Hundreds of millions of dollars.", "The two three-year terms.", "Two doctors and three nurses left.",
		"Once a year they met.", "Dos veces por semana.",
	} {
		for _, c := range f.FindClaims(Page{N: 1, Text: Normalize(s)}) {
			if c.Kind != KindOther && c.Kind != KindDuration {
				t.Errorf("%q: claim %s %s %s", s, c.Kind, amountOf(c), c.Currency)
			}
		}
	}
}

// TestTableRows: each row of a flattened table is a sentence: a figure
// ties to its row's country, and takes the period of its column header or
// of the table's caption when the row states none.
func TestTableRows(t *testing.T) {
	text := "Monthly payments per professional (synthetic)\n" +
		"Host | Profession | Paid by host | Bonus (US$/year)\n" +
		"Qatar | Specialist | USD 5,200 | US$ 2,000\n" +
		"Trinidad and Tobago | Nurse | TT$ 14,500 | US$ 1,000\n" +
		"Algeria | Doctor | 1,800 euros a week | none"
	want := map[string][2]string{
		"USD 5,200": {"QAT", "month"}, "US$ 2,000": {"QAT", "year"}, "TT$ 14,500": {"TTO", "month"},
		"US$ 1,000": {"TTO", "year"}, "1,800 euros": {"DZA", "week"},
	}
	got := map[string][2]string{}
	for _, c := range NewFinder().FindClaims(Page{N: 1, Text: text}) {
		got[string([]rune(text)[c.Start:c.End])] = [2]string{c.Country, c.Period}
		if strings.Contains(c.Quote, "\n") || strings.Count(c.Quote, " | ") != 3 {
			t.Errorf("quote %q is not one row", c.Quote)
		}
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: country, period %v; want %v", k, got[k], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("claims %v; want %v", got, want)
	}
}

// TestTablePeriodDecoys: a caption that is a paragraph, or names two
// periods, gives no period; nor does a header row to itself.
func TestTablePeriodDecoys(t *testing.T) {
	checkClaims(t, []want{
		{"Payments, monthly and yearly\nHost | Paid\nQatar | USD 5,200", "money", "5200", "USD", "", "QAT"},
		{"Host | Paid monthly USD 5,200\nQatar | n/a", "money", "5200", "USD", "month", ""},
		{strings.Repeat("A long paragraph that says monthly but is no caption. ", 5) + "\nHost | Paid\nQatar | USD 5,200", "money", "5200", "USD", "", "QAT"},
	})
}

// TestAmbiguousCurrency: a symbol or word several currencies share is
// the currency of the country the sentence ties the figure to, and no
// currency without one.
func TestAmbiguousCurrency(t *testing.T) {
	checkClaims(t, []want{
		{"En Guatemala la brigada cobraba Q 9.500 al mes.", "money", "9500", "GTQ", "month", "GTM"},
		{"Em Honduras, o contrato pagava L60 mil por ano.", "money", "60000", "HNL", "year", "HND"},
		{"South African provinces paid R 30 000 a month.", "money", "30000", "ZAR", "month", "ZAF"},
		{"En México cobraban 12.000 pesos al mes.", "money", "12000", "MXN", "month", "MEX"},
		{"Qatar paid 20,000 riyals a month.", "money", "20000", "QAR", "month", "QAT"},
		{"In Kenya nurses got 90,000 shillings a month.", "money", "90000", "KES", "month", "KEN"},
		{"It commits Kenyans to paying Sh1 million every month.", "money", "1000000", "KES", "month", "KEN"},
		{"Brazil pays doctors 10,000 Brazilian reais.", "money", "10000", "BRL", "", "BRA"},
		{"The payment to PAHO of 511 million reals.", "money", "511000000", "BRL", "", ""},
		{"Brasil transfiere 10.000 reales por médico.", "money", "10000", "BRL", "", "BRA"},
	})
	f := NewFinder()
	for _, s := range []string{"Cobraban 12.000 pesos al mes.", "Table Q 12 shows it.", "En Angola cobraban 12.000 pesos.",
		"In Kenya, see annex L 5.", "R 30 000 a month was paid.", "Cada médico costó 29 mil 450 pesos mensuales."} {
		for _, c := range f.FindClaims(Page{N: 1, Text: s}) {
			if c.Kind != KindOther {
				t.Errorf("%q: money claim %s %s", s, amountOf(c), c.Currency)
			}
		}
	}
}

// TestDashRanges: "15-20 per cent" and "US$50-120" are ranges; chains of
// numbers and hyphens (ISBNs, phone numbers) give no percent or money.
func TestDashRanges(t *testing.T) {
	checkClaims(t, []want{
		{"The worker kept roughly 15-20 per cent of it.", "percent", "15-20", "", "", ""},
		{"Nurses got US$50-120 a day.", "money", "50-120", "USD", "day", ""},
		{"Terms of 2-3 years were common.", "duration", "2-3", "", "", ""},
	})
	f := NewFinder()
	for _, s := range []string{"ISBN 978-0-00-000000-0 was cited.", "Call 555-0143-22 now.", "See pp. 4-5 of the law.",
		"It ran 1990-1995.", "Decreto 3-2-2019 de dólares."} {
		for _, c := range f.FindClaims(Page{N: 1, Text: s}) {
			if c.Kind != KindOther {
				t.Errorf("%q: claim %s %s", s, c.Kind, amountOf(c))
			}
		}
	}
}

// TestTieLists: in "A paid X, B Y and C Z" each amount ties to the
// country before it, and a possessive names its country.
func TestTieLists(t *testing.T) {
	for _, tc := range []struct{ text, country string }{
		{"Brasil pagaba US$ 3.600 al mes, Bolivia US$ 1.500 y Ecuador $ 1.200.", "BRA BOL ECU"},
		{"Brazil paid US$ 3,600, Bolivia US$ 1,500 and Ecuador US$ 1,200.", "BRA BOL ECU"},
		{"Britain's NHS paid £1.5 million a year; in Trinidad and Tobago nurses earned TT$ 9,000 a month.", "GBR TTO"},
		{"Doctors were paid US$ 500 a month in Angola.", "AGO"},
	} {
		var got []string
		for _, c := range NewFinder().FindClaims(Page{N: 1, Text: tc.text}) {
			got = append(got, c.Country)
		}
		if strings.Join(got, " ") != tc.country {
			t.Errorf("%q: countries %v, want %s", tc.text, got, tc.country)
		}
	}
}

// TestCompoundNumbers: digit groups between scale words, as the Cuban and
// Mexican press write them.
func TestCompoundNumbers(t *testing.T) {
	checkClaims(t, []want{
		{"El plan supera los 8 mil 200 millones de CUC.", "money", "8200000000", "CUC", "", ""},
		{"Los ingresos subieron a cerca de $7 mil 500 millones.", "money", "7500000000", "USD", "", ""},
		{"El gobierno erogó 472 millones 441 mil 229 pesos en México.", "money", "472441229", "MXN", "", "MEX"},
		{"El IMSS pagó una cuota mensual de 1 millón 177 mil 300 euros.", "money", "1177300", "EUR", "month", ""},
		{"Cada médico costó 29 mil 450 pesos mensuales en México.", "money", "29450", "MXN", "month", "MEX"},
		{"Prestaron servicio más de 605 mil 698 especialistas.", "count", "605698", "", "", ""},
		{"Exportó servicios por 6827 millones de USD.", "money", "6827000000", "USD", "", ""},
	})
}

// TestScaledValues: values are exact decimals; an English scale word
// makes "12.632" a decimal; a code glued to the number is a currency; a
// "range" whose low bound is above its high one is two figures.
func TestScaledValues(t *testing.T) {
	checkClaims(t, []want{
		{"Cuba obtained 8.2 billion dollars.", "money", "8200000000", "USD", "", ""},
		{"Exports were $12.632 billion.", "money", "12632000000", "USD", "", ""},
		{"Revenue was USD11.54 billion.", "money", "11540000000", "USD", "", ""},
		{"Ingresó 4.800 millones de dólares.", "money", "4800000000", "USD", "", ""},
		{"Pagó US$ 1.200 al mes.", "money", "1200", "USD", "month", ""},
	})
	var got []string
	for _, c := range NewFinder().FindClaims(Page{N: 1, Text: "South Africa spent half a billion rand - R439,916,337 - on it."}) {
		got = append(got, amountOf(c)+" "+c.Currency)
	}
	if strings.Join(got, ", ") != "500000000 ZAR, 439916337 ZAR" {
		t.Errorf("claims %v", got)
	}
}

// TestTableCurrency: a cell that is only a number is money in the
// currency its column header names, or the caption's when the header
// speaks of pay or a period; never a column of counts, and never a
// number with other text in its cell.
func TestTableCurrency(t *testing.T) {
	text := "Tabla 3. Salarios anuales por país (en dólares)\n" +
		"País | Médicos | Pago anual por médico | Bono (EUR) | Nota\n" +
		"Kenia | 100 | 48.000 | 2.000 | 3 visitas\n" +
		"Catar | 200 | 120.000 | 500 | 2019"
	want := map[string]string{"48.000": "48000 USD year KEN", "120.000": "120000 USD year QAT", "2.000": "2000 EUR year KEN", "500": "500 EUR year QAT"}
	got := map[string]string{}
	for _, c := range NewFinder().FindClaims(Page{N: 1, Text: text}) {
		if c.Kind == KindMoney {
			got[string([]rune(text)[c.Start:c.End])] = amountOf(c) + " " + c.Currency + " " + c.Period + " " + c.Country
		}
	}
	if len(got) != len(want) {
		t.Errorf("money claims %v; want %v", got, want)
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %q; want %q", k, got[k], w)
		}
	}
}

// TestTableScale: the unit a header states scales the cells.
func TestTableScale(t *testing.T) {
	checkClaims(t, []want{
		{"Año | Ingresos (millones de USD)\n2018 | 6.400", "money", "6400000000", "USD", "", ""},
		{"Exports of services (US$ million)\nYear | Value of exports\n2018 | 9,400", "money", "9400000000", "USD", "", ""},
	})
}
