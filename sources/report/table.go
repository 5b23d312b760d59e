package report

import (
	"regexp"
	"slices"
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

// maxRowLine bounds a line read as a table row, in bytes: a longer line
// is prose (or junk), not a row, so no lookup reads more than this.
const maxRowLine = 4096

// maxCaption bounds the line read as a table's caption, in bytes.
const maxCaption = 200

// tableRowAt is a line of a page that is a table row: bytes [ls, le),
// in the table whose first row (the header) starts at hs.
type tableRowAt struct{ ls, le, hs int }

// tableIndex lists the table rows of a page, made in one pass, so that
// finding a figure's row, header and caption costs a binary search and
// not a walk over the lines before it (which made a long table
// quadratic).
type tableIndex struct {
	text string
	rows []tableRowAt
}

func newTableIndex(text string) *tableIndex {
	ix := &tableIndex{text: text}
	for ls := 0; ls <= len(text); {
		le := strings.IndexByte(text[ls:], '\n')
		if le < 0 {
			le = len(text)
		} else {
			le += ls
		}
		if le-ls <= maxRowLine && strings.Contains(text[ls:le], cellSep) {
			hs := ls
			if n := len(ix.rows); n > 0 && ix.rows[n-1].le+1 == ls {
				hs = ix.rows[n-1].hs
			}
			ix.rows = append(ix.rows, tableRowAt{ls, le, hs})
		}
		ls = le + 1
	}
	return ix
}

// row returns the table row holding byte at (or ending there).
func (ix *tableIndex) row(at int) (tableRowAt, bool) {
	i, _ := slices.BinarySearchFunc(ix.rows, at, func(r tableRowAt, at int) int {
		switch {
		case r.le < at:
			return -1
		case r.ls > at:
			return 1
		}
		return 0
	})
	if i < len(ix.rows) && ix.rows[i].ls <= at && at <= ix.rows[i].le {
		return ix.rows[i], true
	}
	return tableRowAt{}, false
}

// header returns the cells of the header of the table of row r, or false
// when r is the header.
func (ix *tableIndex) header(r tableRowAt) ([]string, bool) {
	if r.hs == r.ls {
		return nil, false
	}
	h, _ := ix.row(r.hs)
	return strings.Split(ix.text[h.ls:h.le], cellSep), true
}

// caption returns the line before the table of row r when it is short
// enough to be a caption, else "".
func (ix *tableIndex) caption(r tableRowAt) string {
	if r.hs == 0 {
		return ""
	}
	ce := r.hs - 1
	cs := strings.LastIndexByte(ix.text[max(0, ce-maxCaption-1):ce], '\n')
	switch {
	case cs >= 0:
		cs += max(0, ce-maxCaption-1) + 1
	case ce-maxCaption-1 > 0:
		return ""
	default:
		cs = 0
	}
	if ce-cs > maxCaption {
		return ""
	}
	return ix.text[cs:ce]
}

// period returns the period of the column header or the caption of
// the table whose row holds byte at, or "".
func (ix *tableIndex) period(at int) string {
	r, ok := ix.row(at)
	if !ok {
		return ""
	}
	col := strings.Count(ix.text[r.ls:at], cellSep)
	// the header is the first row of the table; the caption the line before it
	cells, ok := ix.header(r)
	if !ok {
		return "" // the row is the header
	}
	if col < len(cells) {
		if p := periodIn(cells[col]); p != "" {
			return p
		}
	}
	return periodIn(ix.caption(r))
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

// currency returns the currency of the table cell that is the number
// at text[a:b], from its column header or the table's caption, and the
// scale the same header or caption states ("millones de USD"), or "" and
// 1.
func (ix *tableIndex) currency(a, b int) (string, float64) {
	code, unit := ix.currencyText(a, b)
	if code == "" {
		return "", 1
	}
	return code, tableScale(unit)
}

// currencyText returns the currency and the header or caption that
// states it.
func (ix *tableIndex) currencyText(a, b int) (string, string) {
	r, ok := ix.row(a)
	if !ok {
		return "", ""
	}
	text := ix.text
	col := strings.Count(text[r.ls:a], cellSep)
	cells := strings.Split(text[r.ls:r.le], cellSep)
	if col >= len(cells) || strings.TrimSpace(cells[col]) != strings.TrimSpace(text[a:b]) {
		return "", "" // only a cell that is the number alone
	}
	head, ok := ix.header(r)
	if !ok || col >= len(head) {
		return "", ""
	}
	if c := currencyIn(head[col]); c != "" {
		return c, head[col]
	}
	if r.hs == 0 || (!payWordRE.MatchString(head[col]) && periodIn(head[col]) == "") {
		return "", ""
	}
	c := ix.caption(r)
	if c == "" {
		return "", ""
	}
	return currencyIn(c), c
}
