package report

import (
	"cmp"
	"context"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/cubaexports/cubaexports/sources/normalize"
)

// Claim kinds.
const (
	KindMoney    = "money"
	KindCount    = "count"
	KindPercent  = "percent"
	KindDuration = "duration"
	KindOther    = "other"
)

// Claim is one candidate figure of a page. Start and End count
// characters (Unicode code points) of the page's normalized text from 0,
// End exclusive. Value is set for a single figure, Low and High for a
// range (Qualifier "range"). Year is 0 when the sentence ties the figure
// to no single year.
type Claim struct {
	Page       int
	Start, End int
	Kind       string
	Value      *float64
	Low, High  *float64
	Currency   string // ISO 4217, money only
	Unit       string // count: the noun counted; duration: year, month, week, day or hour; percent: "percent"
	Period     string // hour, day, week, month or year, when the text says "per ..."
	Qualifier  string // exact, approx, more_than, at_least, up_to, less_than or range
	Country    string // ISO 3166-1 alpha-3
	Year       int
	Quote      string // the sentence, on one line
}

// Finder finds claims. Its zero value is not usable: make one with
// NewFinder and reuse it (it caches country look-ups); it is safe for
// concurrent use.
type Finder struct {
	// Limits bound each document ReadClaims reads (NewFinder sets
	// DefaultLimits).
	Limits    Limits
	mu        sync.Mutex
	countries map[string]string // candidate name → ISO3, "" for none
}

// NewFinder returns a claim finder.
func NewFinder() *Finder { return &Finder{Limits: DefaultLimits(), countries: map[string]string{}} }

// number: digit groups with thousands separators (".", ",", " "), then
// an optional decimal part; or plain digits with an optional decimal part.
var numberRE = regexp.MustCompile(`\d{1,3}(?:[., ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?`)

var (
	// a currency symbol or an ISO 4217 code (checked by normalize.Currency)
	// just before the number; one-letter symbols ("R", "L", "Q") are
	// ambiguous and left out
	prefixCurrencyRE = regexp.MustCompile(`(?:US\$|U\$S|USD\$|R\$|N\$|TT\$|MX\$|CUC\$|(?i:ksh)s?|Kz|QR|Bs\.?|Bs\.S\.?|S/\.?|\b[A-Z]{3}|€|£|\$)\s?$`)
	scaleRE          = regexp.MustCompile(`^\s?(?i:(mil millones|mil milhões|miles de millones|thousand|millions?|billions?|trillions?|bn|bln|mn|mln|mil|millón|millon|millones|milhão|milhao|milhões|milhoes|bilhão|bilhao|bilhões|bilhoes|billón|billones|mmdd|mdd|mm|mi|bi|m|k|b))\b`)
	suffixCurrencyRE = regexp.MustCompile(`^\s?(?i:de\s+|of\s+)?(?:(?i:(dólares(?: estadounidenses| americanos| norte-americanos)?|dolares|dollars?|US dollars|euros?|reais|real|reales|reals|Brazilian reais|Brazilian reals|pesos cubanos|pesos convertibles|pesos mexicanos|kwanzas|Kz|Namibian dollars|rand|libras esterlinas|pounds sterling|lempiras|quetzales|bolívares|soles))|([A-Z]{3}))\b`)
	percentRE        = regexp.MustCompile(`^\s?(?i:(%|percent|per cent|por ciento|por cento|pct\b))`)
	durationRE       = regexp.MustCompile(`^\s?(?i:(years?|months?|weeks?|days?|hours?|años|año|meses|mes|semanas?|días|día|dias|dia|horas?|anos|ano|mês))\b`)
	pageRefRE        = regexp.MustCompile(`(?i)(?:\bpages?|\bp\.|\bpp\.|\bpágina|\bpáginas|\bpág\.|\bpágs\.|\bpg\.|\bfootnote|\bnota|\bnote|\bchapter|\bcapítulo|\bsection|\bsección|\bseção|\btable|\btabla|\btabela|\bfigure|\bfigura|\bannex|\banexo|\barticle|\bartículo|\bartigo|\bdecree|\bdecree-law|\bdecreto|\bdecreto-ley|\blaw|\bley|\blei|\bresolution|\bresolución|\bresolução|\bno\.|\bnº|\bn\.º|\bnumber|\bnúmero|\bitem|\bparagraph|\bpárrafo|\bparágrafo|\bvol\.|\bvolume|\bedition|\bedición|§)\s*$`)
	monthNames       = `january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro`
	dateRE           = regexp.MustCompile(`(?i)\b\d{1,2}(?:st|nd|rd|th)?\s+(?:de\s+)?(?:` + monthNames + `)\b|\b(?:` + monthNames + `)\s+\d{1,2}(?:st|nd|rd|th)?\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,4}/\d{2,4}\b`)
	countNounRE      = regexp.MustCompile(`^(?:\s+\p{L}+){0,2}?\s+(?i:(doctors?|physicians?|workers?|professionals?|collaborators?|specialists?|nurses?|teachers?|technicians?|people|persons?|members?|employees?|staff|health workers|brigadistas?|cooperantes?|médicos?|medicos?|trabajadores?|profesionales?|colaboradores?|especialistas?|enfermeros?|enfermeras?|maestros?|docentes?|técnicos?|tecnicos?|personas?|profissionais|profissional|trabalhadores?|pessoas?|enfermeiros?|enfermeiras?|professores?|countries|países|paises|missions?|misiones|missões|brigades?|brigadas?|contracts?|contratos?|patients?|pacientes?|consultations?|consultas?|hospitals?|hospitales|hospitais|municipalities|municipios|municípios|clinics?|clínicas?|students?|estudiantes?|estudantes?|families|familias|famílias|deserters?|desertores?|scholarships?|becas?|bolsas?|calls|llamadas|chamadas))\b`)
	rangeSepRE       = regexp.MustCompile(`^\s*(?:-|–|—|to|a|al|hasta|até|and|y|e)\s*$`)
	betweenRE        = regexp.MustCompile(`(?i)\b(?:between|entre)\s+$`)
	changeRE         = regexp.MustCompile(`(?i)\b(?:increas|rose|risen|grew|grown|fell|fallen|declin|dropped|went|jumped|climbed|doubl|aument|creci|subi|cay|baj|dismin|pas[oó]|cresc|caiu|subiu|passou|reduz|redujo|reduc)`)
	yearRE           = regexp.MustCompile(`\b(19[5-9]\d|20[0-4]\d)\b`)
	perUnitRE        = regexp.MustCompile(`^/\s?(?i:hour|hr|h|month|mo|year|yr|week|wk|day|mes|mês|año|ano|hora|semana|día|dia)\b`)
	yearFootnoteRE   = regexp.MustCompile(`^(?:19|20)\d\d\.\d{1,2}$`)
	wordRE           = regexp.MustCompile(`\p{L}[\p{L}'’.-]*`)
)

// pageRef reports whether the text before a number ends with a page or
// legal reference word ("page", "pp.", "Decree", "§"). Each is at most
// 12 bytes and ends in a letter, "." or "§", which is tested first (see
// currencyBefore).
func pageRef(before string) bool {
	t := strings.TrimRight(before, " \n")
	if r, _ := utf8.DecodeLastRuneInString(t); !unicode.IsLetter(r) && r != '.' && r != '§' {
		return false
	}
	return pageRefRE.MatchString(tail(t, 24))
}

// qualifierWords, matched at the end of the text before a figure
// (lower case, accents kept).
var qualifierRE = []struct {
	re   *regexp.Regexp
	code string
}{
	{regexp.MustCompile(`\b(?:at least|no less than|no fewer than|a minimum of|al menos|por lo menos|como mínimo|como minimo|no menos de|pelo menos|no mínimo|ao menos)\s+$`), "at_least"},
	{regexp.MustCompile(`\b(?:up to|as much as|as many as|no more than|a maximum of|hasta|como máximo|até|no máximo)\s+$`), "up_to"},
	{regexp.MustCompile(`\b(?:less than|fewer than|under|below|menos de|inferior a|por debajo de|abaixo de)\s+$`), "less_than"},
	{regexp.MustCompile(`\b(?:more than|over|above|in excess of|exceeding|upwards of|más de|mas de|superior a|por encima de|mais de|acima de|superior a)\s+$`), "more_than"},
	{regexp.MustCompile(`\b(?:around|about|approximately|approx\.|roughly|some|nearly|almost|close to|an estimated|estimated|circa|c\.|unos|unas|cerca de|alrededor de|aproximadamente|casi|en torno a|del orden de|uns|umas|em torno de|por volta de|quase|aprox\.|estimados|estimadas|estimado)\s+$`), "approx"},
}

var orMoreRE = regexp.MustCompile(`^\s*(?i:(or more|o más|o mas|ou mais))\b`)

// periods after a figure (within a few words) and adjectives before it.
var (
	periodAfter = []struct {
		re   *regexp.Regexp
		code string
	}{
		{regexp.MustCompile(`(?i)^(?:\s+[\p{L}]+){0,4}?\s*(?:\ba month\b|\bper month\b|\beach month\b|\bevery month\b|\bmonthly\b|/\s?month\b|/\s?mo\b|\bal mes\b|\bpor mes\b|\bcada mes\b|\bmensuales\b|\bmensual\b|\bmensualmente\b|\bpor mês\b|\bao mês\b|\bpor mes\b|\bmensais\b|\bmensal\b|\bmensalmente\b|\bpor cada mes\b|\bp/\s?m[eê]s\b|\bper mo\b|/\s?m[eê]s\b|\bpcm\b|\bp\.m\.|\bper calendar month\b)`), "month"},
		{regexp.MustCompile(`(?i)^(?:\s+[\p{L}]+){0,4}?\s*(?:\ba year\b|\bper year\b|\beach year\b|\bevery year\b|\bannually\b|\byearly\b|\bper annum\b|/\s?year\b|/\s?yr\b|\bal año\b|\bpor año\b|\bcada año\b|\banuales\b|\banualmente\b|\bpor ano\b|\bao ano\b|\banuais\b|\banualmente\b|\bpor cada año\b|\banual\b|\bp\.a\.|\ba\.a\.|\bper yr\b|\bp/\s?ano\b|/\s?a[ñn]o\b)`), "year"},
		{regexp.MustCompile(`(?i)^(?:\s+[\p{L}]+){0,4}?\s*(?:\ban hour\b|\bper hour\b|\bper hr\b|\beach hour\b|\bhourly\b|/\s?hour\b|/\s?hr\b|/\s?h\b|\bla hora\b|\bpor hora\b|\bcada hora\b|\bp/\s?hora\b|/\s?hora\b)`), "hour"},
		{regexp.MustCompile(`(?i)^(?:\s+[\p{L}]+){0,4}?\s*(?:\ba week\b|\bper week\b|\beach week\b|\bevery week\b|\bweekly\b|/\s?week\b|/\s?wk\b|\ba la semana\b|\bpor semana\b|\bcada semana\b|\bsemanales\b|\bsemanal\b|\bsemanalmente\b|\bsemanais\b|\bp/\s?semana\b|/\s?semana\b)`), "week"},
		// "diario" and "diária" only in lower case: "Diario de Cuba" is a newspaper
		{regexp.MustCompile(`(?i)^(?:\s+[\p{L}]+){0,4}?\s*(?:\ba day\b|\bper day\b|\beach day\b|\bevery day\b|\bdaily\b|\bper diem\b|/\s?day\b|/\s?d[ií]a\b|\bal día\b|\bal dia\b|\bpor día\b|\bpor dia\b|\bcada día\b|\bcada dia\b|\bao dia\b|\bp/\s?dia\b|(?-i:\bdiarios\b|\bdiarias\b|\bdiario\b|\bdiaria\b|\bdiários\b|\bdiárias\b|\bdiário\b|\bdiária\b))`), "day"},
	}
	periodBefore = []struct {
		re   *regexp.Regexp
		code string
	}{
		{regexp.MustCompile(`(?i)\b(?:monthly|mensual|mensuales|mensal|mensais)\b[^.;]{0,40}$`), "month"},
		{regexp.MustCompile(`(?i)\b(?:annual|yearly|anual|anuales|anuais)\b[^.;]{0,40}$`), "year"},
		{regexp.MustCompile(`(?i)\b(?:hourly)\b[^.;]{0,40}$`), "hour"},
		{regexp.MustCompile(`\b(?:weekly|semanal|semanales|semanais)\b[^.;]{0,40}$`), "week"},
		{regexp.MustCompile(`\b(?:daily|diario|diaria|diarios|diarias|diário|diária|diários|diárias)\b[^.;]{0,40}$`), "day"},
	}
)

var scales = map[string]float64{
	"mil millones": 1e9, "mil milhões": 1e9, "thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9,
	"billions": 1e9, "trillion": 1e12, "trillions": 1e12, "bn": 1e9, "mn": 1e6, "mil": 1e3, "millón": 1e6,
	"millon": 1e6, "millones": 1e6, "milhão": 1e6, "milhao": 1e6, "milhões": 1e6, "milhoes": 1e6,
	"bilhão": 1e9, "bilhao": 1e9, "bilhões": 1e9, "bilhoes": 1e9, "billón": 1e12, "billones": 1e12,
	"m": 1e6, "k": 1e3, "b": 1e9, "bln": 1e9, "mln": 1e6, "miles de millones": 1e9, "mdd": 1e6, "mmdd": 1e9,
	"mm": 1e6, "mi": 1e6, "bi": 1e9,
}

// weakScales are abbreviations that are scales only beside a currency:
// "€1.2m", "$3k", "R$ 1,5 mi", "US$ 6 MM" (Spanish "millones").
var weakScales = map[string]bool{"m": true, "k": true, "b": true, "mm": true, "mi": true, "bi": true}

var durations = map[string]string{
	"year": "year", "years": "year", "años": "year", "año": "year", "anos": "year", "ano": "year",
	"month": "month", "months": "month", "meses": "month", "mes": "month", "mês": "month",
	"week": "week", "weeks": "week", "semana": "week", "semanas": "week",
	"day": "day", "days": "day", "días": "day", "día": "day", "dias": "day", "dia": "day",
	"hour": "hour", "hours": "hour", "hora": "hour", "horas": "hour",
}

// token is one number of a sentence with what surrounds it.
type token struct {
	start, end int // bytes of the page text, currency prefix and suffixes included
	numStart   int
	numEnd     int
	num        float64
	bare       bool    // plain digits without separators
	scale      float64 // 1 without a scale word
	scaleWord  bool
	currency   string
	percent    bool
	duration   string
	noun       string
	letterUnit bool   // a one-letter scale (m, k, b), allowed only with a currency
	ambiguous  string // a currency symbol or word several currencies share ("L", "Q", "pesos"), folded
}

// FindClaims lists the candidate figures of one page, in the order they
// appear. A sentence that a page break cuts is quoted up to the break;
// FindClaimsAcross and ReadClaims quote it whole.
func (f *Finder) FindClaims(p Page) []Claim {
	var out []Claim
	_ = f.EachClaim(context.Background(), p, func(c Claim) error {
		out = append(out, c)
		return nil
	})
	return out
}

// EachClaim calls fn with each candidate figure of one page, in order,
// as FindClaims lists them, without holding them: its memory does not
// grow with the number of figures. It stops at the first error of fn or
// when ctx is done, and returns that error.
func (f *Finder) EachClaim(ctx context.Context, p Page, fn func(Claim) error) error {
	return f.findClaims(ctx, p.N, p.Text, []segment{{0, len(p.Text), 0}}, fn)
}

// segment is a part of the text claims are read from that is page text:
// bytes [lo, hi) of it are the page's characters from base on.
type segment struct{ lo, hi, base int }

// findClaims calls fn with the claims of text whose number lies in one
// of the segments, with offsets on the page. Every step per figure is
// bounded by its sentence (at most maxSentence bytes) or by a fixed
// window, and the table lookups go through an index made once, so the
// time is linear in the text; ctx is checked at every sentence.
func (f *Finder) findClaims(ctx context.Context, page int, text string, segs []segment, fn func(Claim) error) error {
	runes := newRuneIndex(text)
	tables := newTableIndex(text)
	segRunes := make([]int, len(segs))
	for i, g := range segs {
		segRunes[i] = utf8.RuneCountInString(text[:g.lo])
	}
	segOf := func(b int) int {
		for i, g := range segs {
			if g.lo <= b && b < g.hi {
				return i
			}
		}
		return -1
	}
	for s := range sentences(text) {
		if err := ctx.Err(); err != nil {
			return err
		}
		if !slices.ContainsFunc(segs, func(g segment) bool { return s.start < g.hi && g.lo < s.end }) {
			continue
		}
		toks := f.tokens(text, s, tables)
		if len(toks) == 0 {
			continue
		}
		sc := f.sentenceContext(text, s)
		for i := 0; i < len(toks); i++ {
			t := toks[i]
			gi := segOf(t.numStart)
			if gi < 0 {
				continue
			}
			g := segs[gi]
			c := Claim{Page: page}
			end := t
			ranged := false
			if i+1 < len(toks) && isRange(text, s, t, toks[i+1]) {
				lt, ht := t, toks[i+1]
				inherit(&lt, &ht)
				// a low bound above the high one is an aside: "half a
				// billion rand - R439,916,337 -"
				if low, high := scaled(lt.num, lt.scale), scaled(ht.num, ht.scale); low < high {
					t, end, ranged = lt, ht, true
					c.Low, c.High = &low, &high
					c.Qualifier = "range"
					i++
				}
			}
			if !ranged {
				v := scaled(t.num, t.scale)
				c.Value = &v
			}
			if t.currency == "" && end.currency == "" && cmp.Or(t.ambiguous, end.ambiguous) != "" {
				// "Q 9.500" in a sentence about Guatemala is quetzales
				country, _ := sc.tie(t.start, end.end)
				t.currency = localCurrency(cmp.Or(t.ambiguous, end.ambiguous), country)
			}
			c.Kind, c.Unit = kindOf(t, end)
			if c.Kind == "" {
				continue
			}
			if c.Kind == KindMoney {
				c.Currency = cmp.Or(t.currency, end.currency)
			}
			if c.Qualifier == "" {
				c.Qualifier = qualifier(text, s, t, end)
			}
			if c.Kind == KindMoney || c.Kind == KindCount {
				c.Period = period(text, s, t, end)
				if c.Period == "" {
					c.Period = tables.period(t.numStart)
				}
			}
			c.Country, c.Year = sc.tie(t.start, end.end)
			c.Start = runes.at(max(t.start, g.lo)) - segRunes[gi] + g.base
			c.End = runes.at(min(end.end, g.hi)) - segRunes[gi] + g.base
			c.Quote = quote(text, s, t.start, end.end)
			if err := fn(c); err != nil {
				return err
			}
		}
	}
	return nil
}

// tail returns at most the last n bytes of s, from a character boundary.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := len(s) - n
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return s[i:]
}

// nearAfter is how far after a number the finder reads what qualifies
// it (a scale, a currency, a unit, a counted noun two words on, "or
// more"): the longest such phrase is well under it. Go's backtracking
// regexp matcher clears a bitmap as long as its input, so matching the
// rest of the sentence for each number cost the square of the sentence.
const nearAfter = 160

// head returns at most the first n bytes of s, to a character boundary.
func head(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// oneLine returns s on one line: its words joined by single spaces. Text
// of plain ASCII words and single spaces (most of a normalized page) is
// returned as it is, without a copy.
func oneLine(s string) string {
	plain := len(s) == 0 || (s[0] != ' ' && s[len(s)-1] != ' ')
	for i := 0; plain && i < len(s); i++ {
		c := s[i]
		plain = c >= 0x20 && c < 0x80 && !(c == ' ' && i > 0 && s[i-1] == ' ')
	}
	if plain {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// mayHoldDate reports whether s may hold a date dateRE finds: one needs a
// letter (a month's name) or a digit, a separator ("/", ".", "-") and a
// digit. Most text has letters; a long run of bare numbers has none, and
// is not searched (dateRE tries every start, at a cost per byte).
func mayHoldDate(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80 || ('a' <= c|0x20 && c|0x20 <= 'z'):
			return true
		case (c == '/' || c == '.' || c == '-') && i > 0 && i+1 < len(s) && isDigit(s[i-1]) && isDigit(s[i+1]):
			return true
		}
	}
	return false
}

// ambiguousBefore reads a currency symbol several currencies share ("L",
// "Q", "R", "SR", "C$", "Sh") that ends the text before a number, folded,
// and its length with the space after it. The symbol ends in a letter or
// "$" and is at most 4 bytes with what precedes it (see currencyBefore).
func ambiguousBefore(before string) (string, int) {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(before, " "))
	if !unicode.IsLetter(r) && r != '$' {
		return "", 0
	}
	t := tail(before, 8)
	loc := ambiguousBeforeRE.FindStringSubmatchIndex(t)
	if loc == nil {
		return "", 0
	}
	return strings.ToLower(t[loc[2]:loc[3]]), len(t) - loc[2]
}

// afterNumber matches re, an expression anchored at the start of the
// text after a number that begins with at most one space and a letter or
// "%" (a scale, currency, unit or percent), testing that first: most
// numbers are followed by neither, and each match attempt costs a pass
// over its input.
func afterNumber(re *regexp.Regexp, rest string) []int {
	t := rest
	if len(t) > 0 && (t[0] == ' ' || t[0] == '\n') {
		t = t[1:]
	}
	if r, _ := utf8.DecodeRuneInString(t); !unicode.IsLetter(r) && r != '%' {
		return nil
	}
	return re.FindStringSubmatchIndex(rest)
}

// countNoun matches countNounRE at the start of rest, testing first what
// it needs: white space, then a letter.
func countNoun(rest string) []int {
	t := strings.TrimLeft(rest, " \n")
	if r, _ := utf8.DecodeRuneInString(t); len(t) == len(rest) || !unicode.IsLetter(r) {
		return nil
	}
	return countNounRE.FindStringSubmatchIndex(rest)
}

// MaxQuote bounds a claim's quote, in bytes: a longer sentence is quoted
// by a window of about this size around the figure, cut at spaces and
// marked with "…" where it is cut. Every quote of the labelled documents
// is shorter.
const MaxQuote = 240

// quote returns the sentence s on one line, or the window of it around
// the figure at [a, b) when the sentence is longer than MaxQuote.
func quote(text string, s span, a, b int) string {
	if s.end-s.start <= MaxQuote {
		return oneLine(text[s.start:s.end])
	}
	half := max(0, MaxQuote-(b-a)) / 2
	lo, hi := max(s.start, a-half), min(s.end, b+half)
	if lo > s.start {
		if k := strings.IndexAny(text[lo:a], " \n"); k >= 0 {
			lo += k + 1
		}
		for lo < a && !utf8.RuneStart(text[lo]) {
			lo++
		}
	}
	if hi < s.end {
		if k := strings.LastIndexAny(text[b:hi], " \n"); k >= 0 {
			hi = b + k
		}
		for hi > b && !utf8.RuneStart(text[hi]) {
			hi--
		}
	}
	q := oneLine(text[lo:hi])
	if lo > s.start {
		q = "… " + q
	}
	if hi < s.end {
		q += " …"
	}
	return q
}

// tokens finds the numbers of a sentence that can be figures, skipping
// dates, years, page and legal references and footnote markers.
func (f *Finder) tokens(text string, s span, tables *tableIndex) []token {
	sent := text[s.start:s.end]
	masked := maskDates(sent)
	var out []token
	skipUntil := 0 // the end of a compound number ("8 mil 200 millones")
	for _, m := range numberRE.FindAllStringIndex(masked, -1) {
		a, b := m[0], m[1]
		if a < skipUntil {
			continue
		}
		raw := sent[a:b]
		// a number glued to a letter or a digit run is part of a word, an
		// ordinal or a code ("COVID-19", "19th", "A4")
		if a > 0 {
			prev, _ := utf8.DecodeLastRuneInString(sent[:a])
			if (unicode.IsLetter(prev) && !ambiguousGluedRE.MatchString(tail(sent[:a], 8)) && !gluedCode(sent[:a])) || prev == '_' {
				continue // but "USD11.5 billion", "L60 mil"
			}
			if (prev == '-' || prev == '/' || prev == '.' || prev == ')' || prev == ',' || prev == ';' || prev == ':' || prev == '"' || prev == '\'') && a > 1 {
				pp, _ := utf8.DecodeLastRuneInString(sent[:a-1])
				if (unicode.IsLetter(pp) || unicode.IsDigit(pp) || pp == ')') && !(prev == '-' && dashRange(sent, a, b)) {
					continue // footnote marker after a word or a reference like "2/3"
				}
			}
			if prev == '[' || prev == '^' || prev == '#' {
				continue
			}
		}
		if b < len(sent) {
			next, _ := utf8.DecodeRuneInString(sent[b:])
			if next == ']' || (next == '/' && !perUnitRE.MatchString(head(sent[b:], nearAfter))) || (next == '-' && b+1 < len(sent) && unicode.IsLetter(rune(sent[b+1]))) {
				continue
			}
		}
		tok := token{start: s.start + a, end: s.start + b, numStart: s.start + a, numEnd: s.start + b, scale: 1}
		num, bare, ok := parseNumber(raw)
		if !ok {
			continue
		}
		tok.num, tok.bare = num, bare
		compound := false
		if v, n, ok := compoundAt(head(masked[a:], nearAfter)); ok {
			// "8 mil 200 millones", "1 millón 177 mil 300 euros"
			tok.num, tok.bare, tok.scaleWord, compound = v, false, true, true
			b = a + n
			skipUntil = b
			tok.end, tok.numEnd = s.start+b, s.start+b
		}
		if yearFootnoteRE.MatchString(raw) {
			continue // "in 2019.3 See": a year, a full stop and a footnote marker
		}
		before := tail(sent[:a], 48)
		if pageRef(before) {
			continue
		}
		if code, n := currencyBefore(before); code != "" {
			tok.currency = code
			tok.start = s.start + a - n
		} else if sym, n := ambiguousBefore(before); sym != "" {
			tok.ambiguous = sym
			tok.start = s.start + a - n
		}
		rest := head(sent[b:], nearAfter)
		if m := afterNumber(scaleRE, rest); m != nil && !compound {
			w := strings.ToLower(rest[m[2]:m[3]])
			// "m", "k", "mi", "MM" are scales only beside a currency
			weak := weakScales[w]
			if !weak || tok.currency != "" || suffixCurrency(rest[m[1]:]) != "" {
				tok.scale, tok.scaleWord, tok.letterUnit = scales[w], true, weak
				rest = rest[m[1]:]
				tok.end += m[1]
				if englishScales[w] && oneDotThreeRE.MatchString(raw) {
					// "$12.632 billion": before an English scale word the
					// full stop is a decimal point
					tok.num, _ = strconv.ParseFloat(raw, 64)
				}
				if w == "mdd" || w == "mmdd" {
					tok.currency = cmp.Or(tok.currency, "USD") // millones de dólares
				}
			}
		} else if b < len(sent) {
			next, _ := utf8.DecodeRuneInString(rest)
			if unicode.IsLetter(next) && !strings.HasPrefix(rest, "%") {
				continue // "19th", "3rd", "5x"
			}
		}
		if m := afterNumber(suffixCurrencyRE, rest); m != nil {
			if code := suffixCurrency(rest); code != "" {
				if tok.currency == "" {
					tok.currency = code
				}
				tok.end += m[1]
				rest = rest[m[1]:]
			}
		}
		if m := afterNumber(ambiguousAfterRE, rest); m != nil && tok.currency == "" && tok.ambiguous == "" {
			tok.ambiguous = strings.ToLower(rest[m[2]:m[3]])
			tok.end += m[1]
			rest = rest[m[1]:]
		}
		if m := afterNumber(percentRE, rest); m != nil && tok.currency == "" {
			tok.percent = true
			tok.end += m[1]
			rest = rest[m[1]:]
		}
		if tok.currency == "" && !tok.percent {
			if m := afterNumber(durationRE, rest); m != nil {
				tok.duration = durations[strings.ToLower(rest[m[2]:m[3]])]
				tok.end += m[1]
			} else if m := countNoun(rest); m != nil {
				tok.noun = strings.ToLower(rest[m[2]:m[3]])
			}
		}
		// a bare year is context, not a figure
		if tok.bare && tok.currency == "" && !tok.percent && !tok.scaleWord && tok.noun == "" && tok.duration == "" &&
			yearRE.MatchString(raw) && len(raw) == 4 {
			continue
		}
		if lineMarker(text, tok.numStart, tok.numEnd) {
			continue // "2. Contract terms", "1 The 2016 figure...": a heading or footnote number
		}
		if loneLine(text, tok.numStart, tok.numEnd) {
			continue // a page number or a heading number on its own line
		}
		out = append(out, tok)
	}
	if words := f.wordTokens(text, s, out); len(words) > 0 {
		out = append(out, words...)
		slices.SortFunc(out, func(x, y token) int { return x.start - y.start })
	}
	// tokens must not overlap: in "US$8 bN$647" the scale "bN" of the
	// first reads into the symbol of the second
	kept := out[:0]
	for _, t := range out {
		if bareFigure(t) {
			// a bare amount in a table whose header or caption gives the
			// currency ("Pago anual por médico", "(en dólares)")
			if code, scale := tables.currency(t.numStart, t.numEnd); code != "" {
				t.currency = code
				if !t.scaleWord {
					t.scale, t.scaleWord = scale, scale != 1
				}
			}
		}
		if n := len(kept); n > 0 && t.start < kept[n-1].end {
			if t.numStart < kept[n-1].end {
				continue
			}
			t.start = kept[n-1].end
		}
		kept = append(kept, t)
	}
	return kept
}

// notCurrencyCodes are ISO 4217 codes that are more often words or
// abbreviations in capitals ("TOP 10", "ALL 500 DOCTORS").
var notCurrencyCodes = map[string]bool{"ALL": true, "TOP": true, "BAM": true, "MAD": true, "COP": true, "SOS": true, "MOP": true}

// currencySpellings are spellings normalize.Currency does not know,
// mapped to ones it does.
var currencySpellings = map[string]string{"reals": "reais", "brazilian reais": "reais", "brazilian reals": "reais"}

// currencyCode accepts a symbol or word normalize.Currency knows; a code
// of three capitals only when it is an ISO 4217 code in use here.
func currencyCode(sym string) string {
	if notCurrencyCodes[sym] {
		return ""
	}
	if w, ok := currencySpellings[strings.ToLower(sym)]; ok {
		sym = w
	}
	code, err := normalize.Currency(sym)
	if err != nil {
		return ""
	}
	return code
}

// currencyBefore reads a currency symbol or code that ends the text
// before a number ("US$", "USD ", "TT$", "S/ ", "KSh") and returns its
// code and its length with the space after it.
func currencyBefore(before string) (string, int) {
	// every symbol or code ends in a letter, "$", ".", "/", "€" or "£",
	// and is at most 8 bytes with its space: a cheap test first, then the
	// expression on the last 12 bytes (Go's matcher tries every start of
	// a pattern anchored only at the end, the main cost of the finder)
	if r, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(before, " ")); !unicode.IsLetter(r) && !strings.ContainsRune("$./€£", r) {
		return "", 0
	}
	before = tail(before, 12)
	loc := prefixCurrencyRE.FindStringIndex(before)
	if loc == nil {
		return "", 0
	}
	if code := currencyCode(strings.TrimSpace(before[loc[0]:])); code != "" {
		return code, len(before) - loc[0]
	}
	return "", 0
}

// suffixCurrency reads a currency word or code at the start of rest
// ("dólares", "de euros", "USD", "QAR").
func suffixCurrency(rest string) string {
	m := afterNumber(suffixCurrencyRE, rest)
	if m == nil {
		return ""
	}
	if m[2] >= 0 {
		return currencyCode(rest[m[2]:m[3]])
	}
	return currencyCode(rest[m[4]:m[5]])
}

// englishScales are the scale words after which "12.632" is 12.632.
var englishScales = map[string]bool{"thousand": true, "million": true, "millions": true, "billion": true, "billions": true,
	"trillion": true, "trillions": true, "bn": true, "mn": true, "bln": true, "mln": true, "m": true, "b": true, "k": true}

var oneDotThreeRE = regexp.MustCompile(`^\d{1,3}\.\d{3}$`)

// gluedCode reports whether the text before a number ends with a
// currency code or symbol written without a space: "USD11.54", "EUR5".
func gluedCode(before string) bool {
	code, _ := currencyBefore(tail(before, 8))
	return code != ""
}

// scaled multiplies a number by its scale in decimal, so "8.2 billion"
// is 8200000000, not 8199999999.999999.
func scaled(num, scale float64) float64 {
	if scale == 1 {
		return num
	}
	if e := math.Log10(scale); e == math.Trunc(e) {
		if v, err := strconv.ParseFloat(strconv.FormatFloat(num, 'g', -1, 64)+"e"+strconv.Itoa(int(e)), 64); err == nil {
			return v
		}
	}
	return num * scale
}

// compoundRE matches numbers written with digit groups between scale
// words, as the Cuban and Mexican press write them: "8 mil 200
// millones", "472 millones 441 mil 229", "1 millón 177 mil 300".
var compoundRE = regexp.MustCompile(`^\d{1,3}\s+(?i:mil|millones|millón|millon|milhões|milhoes|milhão|milhao|bilhões|bilhoes|bilhão|bilhao)(?:\s+\d{1,3}(?:\s+(?i:mil|millones|millón|millon|milhões|milhoes|milhão|milhao)\b)?)+\b`)

// compoundAt reads a compound number at the start of s and returns its
// value and length.
func compoundAt(s string) (float64, int, bool) {
	loc := compoundRE.FindStringIndex(s)
	if loc == nil {
		return 0, 0, false
	}
	var st numState
	for _, w := range strings.Fields(s[:loc[1]]) {
		if isDigit(w[0]) {
			if st.small != 0 {
				return 0, 0, false
			}
			v, _ := strconv.Atoi(w)
			st.small, st.any, st.digits = float64(v), true, true
			continue
		}
		if !st.word(strings.ToLower(w)) {
			return 0, 0, false
		}
	}
	return st.value(), loc[1], true
}

// dashRange reports whether the number at sent[a:b], after a hyphen,
// is the second bound of a range written "15-20": the hyphen follows a
// number, and neither number is part of a longer chain of numbers and
// hyphens or slashes (an ISBN, a phone number, a reference "3-2-2019").
func dashRange(sent string, a, b int) bool {
	k := a - 1 // the hyphen
	if k == 0 || !isDigit(sent[k-1]) {
		return false
	}
	for k > 0 && (isDigit(sent[k-1]) || sent[k-1] == ',' || sent[k-1] == '.') {
		k--
	}
	if k > 0 && (sent[k-1] == '-' || sent[k-1] == '/') {
		return false
	}
	return !(b+1 < len(sent) && (sent[b] == '-' || sent[b] == '/') && isDigit(sent[b+1]))
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// maskDates replaces dates with letters of the same length so numberRE
// skips them.
func maskDates(s string) string {
	if !mayHoldDate(s) {
		return s
	}
	locs := dateRE.FindAllStringIndex(s, -1)
	if locs == nil {
		return s
	}
	b := []byte(s)
	for _, l := range locs {
		for i := l[0]; i < l[1]; i++ {
			if b[i] >= '0' && b[i] <= '9' {
				b[i] = 'x'
			}
		}
	}
	return string(b)
}

// loneLine reports whether the number is all there is on its line.
func loneLine(text string, a, b int) bool {
	// such a line is short ("Page 12 of 30"): look at most 24 bytes
	// either side, so a long line costs no more than a short one
	const near = 24
	ls := strings.LastIndexByte(text[max(0, a-near):a], '\n')
	if ls < 0 && a > near {
		return false
	}
	ls = max(0, a-near) + ls + 1
	le := strings.IndexByte(text[b:min(len(text), b+near)], '\n')
	switch {
	case le >= 0:
		le += b
	case b+near < len(text):
		return false
	default:
		le = len(text)
	}
	line := strings.TrimSpace(text[ls:le])
	line = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(strings.ToLower(line), "page"), "página"))
	return line == strings.TrimSpace(text[a:b]) || strings.HasPrefix(line, strings.TrimSpace(text[a:b])+" of ") ||
		strings.HasPrefix(line, strings.TrimSpace(text[a:b])+" de ")
}

// lineMarker reports a bare number of one or two digits that opens a line
// and is followed by ". ", ") " or a space and a capital letter: a
// heading, list or footnote number.
func lineMarker(text string, a, b int) bool {
	if b-a > 2 || (a > 0 && text[a-1] != '\n') {
		return false
	}
	rest := text[b:]
	if strings.HasPrefix(rest, ". ") || strings.HasPrefix(rest, ") ") {
		return true
	}
	if strings.HasPrefix(rest, " ") {
		r, _ := utf8.DecodeRuneInString(rest[1:])
		return unicode.IsUpper(r)
	}
	return false
}

// parseNumber reads a number written with any of the usual separators:
// "4.882.234.500", "11,520.50", "11.520,50", "647 621", "1,5", "1.5".
// A single separator followed by exactly three digits is a thousands
// separator. bare is true for plain digits.
func parseNumber(raw string) (v float64, bare bool, ok bool) {
	var seps []int
	for i := 0; i < len(raw); i++ {
		if raw[i] < '0' || raw[i] > '9' {
			seps = append(seps, i)
		}
	}
	if len(seps) == 0 {
		v, err := strconv.ParseFloat(raw, 64)
		return v, true, err == nil
	}
	last := seps[len(seps)-1]
	decimal := -1
	switch {
	case raw[last] == ' ':
	case len(seps) > 1 && raw[last] != raw[seps[0]]:
		decimal = last
	case len(seps) == 1 && len(raw)-last-1 != 3:
		decimal = last
	}
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		switch {
		case i == decimal:
			b.WriteByte('.')
		case raw[i] >= '0' && raw[i] <= '9':
			b.WriteByte(raw[i])
		}
	}
	v, err := strconv.ParseFloat(b.String(), 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, false, false
	}
	return v, false, true
}

// isRange reports whether two numbers of a sentence are the bounds of one
// range: "$50-$120", "between 5,000 and 7,000", "1 to 3 years", "de 50 a
// 120 dólares"; "rose from 5,000 to 7,000" is a change, not a range.
func isRange(text string, s span, a, b token) bool {
	between := text[a.end:b.start]
	if !rangeSepRE.MatchString(between) {
		return false
	}
	sep := strings.ToLower(strings.TrimSpace(between))
	if (a.currency != "" && b.currency != "" && a.currency != b.currency) || (a.percent && !b.percent && b.currency != "") {
		return false
	}
	if a.duration != "" && b.duration == "" {
		return false
	}
	switch sep {
	case "-", "–", "—":
		return true
	case "and", "y", "e":
		return betweenRE.MatchString(tail(text[s.start:a.start], 48))
	}
	return !changeRE.MatchString(tail(text[s.start:a.start], 200))
}

// inherit gives the first bound of a range what only the second states
// ("5 and 7 million dollars") and the other way round ("US$50-120").
func inherit(a, b *token) {
	if a.currency == "" {
		a.currency = b.currency
	}
	if b.currency == "" {
		b.currency = a.currency
	}
	if !a.scaleWord && b.scaleWord {
		a.scale = b.scale
	}
	if !b.scaleWord && a.scaleWord && a.num*a.scale > b.num {
		b.scale = a.scale
	}
	a.percent = a.percent || b.percent
	b.percent = a.percent
	if a.duration == "" {
		a.duration = b.duration
	}
	if a.noun == "" {
		a.noun = b.noun
	}
}

// kindOf classifies a figure; "" drops it.
func kindOf(a, b token) (kind, unit string) {
	switch {
	case a.currency != "" || b.currency != "":
		return KindMoney, ""
	case a.ambiguous != "" || b.ambiguous != "":
		return KindOther, "" // money in a currency the sentence does not tell
	case a.percent || b.percent:
		return KindPercent, "percent"
	case a.duration != "" || b.duration != "":
		return KindDuration, cmp.Or(b.duration, a.duration)
	case a.noun != "" || b.noun != "":
		return KindCount, cmp.Or(b.noun, a.noun)
	case a.scaleWord || b.scaleWord:
		return KindCount, ""
	}
	return KindOther, ""
}

func qualifier(text string, s span, a, b token) string {
	before := strings.ToLower(text[max(s.start, a.start-40):a.start])
	if !utf8.ValidString(before) {
		before = strings.ToValidUTF8(before, "")
	}
	// every qualifier is a word or phrase of at most 20 bytes and a space
	// (see currencyBefore for why it is tested cheaply first)
	t := strings.TrimRight(before, " \n")
	if r, _ := utf8.DecodeLastRuneInString(t); len(t) == len(before) || !(unicode.IsLetter(r) || r == '.') {
		before = ""
	}
	before = tail(before, 32)
	for _, q := range qualifierRE {
		if q.re.MatchString(before) {
			return q.code
		}
	}
	if orMoreRE.MatchString(head(text[b.end:s.end], nearAfter)) {
		return "at_least"
	}
	return "exact"
}

// period looks a few words after the figure (up to the next figure or
// the end of the clause) and at an adjective before it.
func period(text string, s span, a, b token) string {
	after := text[b.end:min(s.end, b.end+120)] // "a month" and the like come within a few words
	for !utf8.ValidString(after) && len(after) > 0 {
		after = after[:len(after)-1]
	}
	if i := strings.IndexAny(after, ",;:("); i >= 0 {
		after = after[:i]
	}
	if loc := numberRE.FindStringIndex(after); loc != nil {
		after = after[:loc[0]]
	}
	for _, p := range periodAfter {
		if p.re.MatchString(after) {
			return p.code
		}
	}
	before := text[max(s.start, a.start-60):a.start]
	if !utf8.ValidString(before) {
		before = strings.ToValidUTF8(before, "")
	}
	if i := strings.LastIndexAny(before, ",;:"); i >= 0 {
		before = before[i+1:]
	}
	if loc := numberRE.FindAllStringIndex(before, -1); loc != nil {
		before = before[loc[len(loc)-1][1]:]
	}
	for _, p := range periodBefore {
		if p.re.MatchString(before) {
			return p.code
		}
	}
	return ""
}

// runeIndex converts byte offsets of a text into character offsets,
// going forward.
type runeIndex struct {
	text   string
	byteAt int
	runeAt int
}

func newRuneIndex(text string) *runeIndex { return &runeIndex{text: text} }

func (r *runeIndex) at(b int) int {
	if b < r.byteAt {
		r.byteAt, r.runeAt = 0, 0
	}
	r.runeAt += utf8.RuneCountInString(r.text[r.byteAt:b])
	r.byteAt = b
	return r.runeAt
}
