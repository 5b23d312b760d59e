package report

import (
	"regexp"
	"strings"
)

// Tables flattened to text (and HTML tables, whose cells are read with
// " | " between them): each row is a sentence of its own (see
// sentences), and a figure of a row whose text states no period takes
// the period its column's header states ("Paid by host (US$/month)",
// "Salario mensual"), else the one the table's caption line states
// ("Monthly payments per professional, by host"). Likewise a bare amount
// (a cell that is only a number) takes the currency its column header
// states ("Paid (US$)"), else the caption's ("Salarios anuales por país
// (en dólares)") when its column header speaks of pay or a period, so
// a column of doctors is not read as money.

// periodWordRE finds a period stated anywhere in a header or caption.
var periodWordRE = []struct {
	re   *regexp.Regexp
	code string
}{
	{regexp.MustCompile(`(?i)\b(?:monthly|per month|a month|mensual|mensuales|mensal|mensais|al mes|por mes|por mês|ao mês)\b|/\s?(?:month|mo|mes|mês)\b`), "month"},
	{regexp.MustCompile(`(?i)\b(?:annual|annually|yearly|per year|a year|per annum|anual|anuales|anuais|al año|por año|ao ano|por ano)\b|/\s?(?:year|yr|año|ano)\b`), "year"},
	{regexp.MustCompile(`(?i)\b(?:weekly|per week|a week|semanal|semanales|semanais|por semana)\b|/\s?(?:week|wk|semana)\b`), "week"},
	{regexp.MustCompile(`(?i)\b(?:daily|per day|a day|diario|diaria|diarios|diarias|diário|diária|por día|por dia)\b|/\s?(?:day|día|dia)\b`), "day"},
	{regexp.MustCompile(`(?i)\b(?:hourly|per hour|an hour|por hora)\b|/\s?(?:hour|hr|h|hora)\b`), "hour"},
}

// periodIn returns the one period s states, or "" for none or several.
func periodIn(s string) string {
	found := ""
	for _, p := range periodWordRE {
		if p.re.MatchString(s) {
			if found != "" {
				return ""
			}
			found = p.code
		}
	}
	return found
}

// tablePeriod returns the period of the column header or the caption of
// the table whose row holds byte at, or "".
func tablePeriod(text string, at int) string {
	ls, le := lineAt(text, at)
	if !strings.Contains(text[ls:le], cellSep) {
		return ""
	}
	col := strings.Count(text[ls:at], cellSep)
	// the header is the first row of the table; the caption the line before it
	hs := tableStart(text, ls)
	if hs == ls {
		return "" // the row is the header
	}
	_, he := lineAt(text, hs)
	cells := strings.Split(text[hs:he], cellSep)
	if col < len(cells) {
		if p := periodIn(cells[col]); p != "" {
			return p
		}
	}
	if hs == 0 {
		return ""
	}
	cs, ce := lineAt(text, hs-1)
	if ce-cs > 200 {
		return "" // a paragraph, not a caption
	}
	return periodIn(text[cs:ce])
}

// payWordRE: a column header about an amount of money.
var payWordRE = regexp.MustCompile(`(?i)\b(?:pay|paid|payment|salary|salaries|wage|wages|fee|fees|cost|costs|rate|rates|price|amount|value|revenue|income|earnings|budget|exports|sales|ventas|exportaciones|exportações|vendas|pago|pagos|pagado|salario|salarios|sueldo|honorarios|tarifa|costo|coste|monto|importe|ingresos|presupuesto|valor|pagamento|salário|salários|custo|receita|orçamento|remuneração|remuneración)\b`)

// currencyWordRE finds a currency named in a header or caption:
// "(en dólares)", "(US$)", "USD", "in euros", "em reais".
var currencyWordRE = regexp.MustCompile(`(?:US\$|R\$|N\$|TT\$|MX\$|€|£|\$|\b[A-Z]{3}\b|(?i:\bdólares\b|\bdolares\b|\bdollars\b|\beuros\b|\breais\b|\breales\b|\bkwanzas\b|\brand\b|\blempiras\b|\bquetzales\b))`)

// currencyIn returns the one currency s names, or "".
func currencyIn(s string) string {
	found := ""
	for _, m := range currencyWordRE.FindAllString(s, -1) {
		code := currencyCode(m)
		if code == "" {
			continue
		}
		if found != "" && found != code {
			return ""
		}
		found = code
	}
	return found
}

// bareFigure reports a number with nothing that says what it counts.
func bareFigure(t token) bool {
	return t.currency == "" && t.ambiguous == "" && !t.percent && t.duration == "" && t.noun == ""
}

// scaleWordRE finds the unit of a table's amounts: "(millones de USD)",
// "US$ million", "(miles de dólares)", "em milhões de reais".
var scaleWordRE = regexp.MustCompile(`(?i)\b(mil millones|miles de millones|millones|millón|millions?|miles|thousands?|billions?|milhões|milhares|bilhões|mil milhões)\b`)

var tableScales = map[string]float64{"mil millones": 1e9, "miles de millones": 1e9, "millones": 1e6, "millón": 1e6,
	"million": 1e6, "millions": 1e6, "miles": 1e3, "thousand": 1e3, "thousands": 1e3, "billion": 1e9, "billions": 1e9,
	"milhões": 1e6, "milhares": 1e3, "bilhões": 1e9, "mil milhões": 1e9}

// tableScale returns the scale a header or caption states, or 1.
func tableScale(s string) float64 {
	if m := scaleWordRE.FindStringSubmatch(s); m != nil {
		return tableScales[strings.ToLower(m[1])]
	}
	return 1
}

// tableCurrency returns the currency of the table cell that is the
// number at text[a:b], from its column header or the table's caption,
// and the scale the same header or caption states ("millones de USD"),
// or "" and 1.
func tableCurrency(text string, a, b int) (string, float64) {
	code, unit := tableCurrencyText(text, a, b)
	if code == "" {
		return "", 1
	}
	return code, tableScale(unit)
}

// tableCurrencyText returns the currency and the header or caption that
// states it.
func tableCurrencyText(text string, a, b int) (string, string) {
	ls, le := lineAt(text, a)
	if !strings.Contains(text[ls:le], cellSep) {
		return "", ""
	}
	col := strings.Count(text[ls:a], cellSep)
	cells := strings.Split(text[ls:le], cellSep)
	if col >= len(cells) || strings.TrimSpace(cells[col]) != strings.TrimSpace(text[a:b]) {
		return "", "" // only a cell that is the number alone
	}
	hs := tableStart(text, ls)
	if hs == ls {
		return "", ""
	}
	_, he := lineAt(text, hs)
	head := strings.Split(text[hs:he], cellSep)
	if col >= len(head) {
		return "", ""
	}
	if c := currencyIn(head[col]); c != "" {
		return c, head[col]
	}
	if hs == 0 || (!payWordRE.MatchString(head[col]) && periodIn(head[col]) == "") {
		return "", ""
	}
	cs, ce := lineAt(text, hs-1)
	if ce-cs > 200 || cs == ce {
		return "", ""
	}
	return currencyIn(text[cs:ce]), text[cs:ce]
}

// tableStart returns where the table holding the row that starts at ls
// begins: the start of the first of the consecutive lines with cells.
func tableStart(text string, ls int) int {
	hs := ls
	for hs > 0 {
		ps, _ := lineAt(text, hs-1)
		if !strings.Contains(text[ps:hs-1], cellSep) {
			break
		}
		hs = ps
	}
	return hs
}
