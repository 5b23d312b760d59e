package report

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cubaexports/cubaexports/sources/normalize"
)

// mention is a country or a year named in a sentence, at bytes of the page.
type mention struct {
	start, end int
	country    string
	year       int
	listed     bool // one of a list of countries ("Angola, Namibia and Mozambique")
}

// sentenceCtx holds a sentence's clauses and the countries and years it
// names, to tie each figure to at most one of each.
type sentenceCtx struct {
	text      string
	clauses   []span // split at commas too
	majors    []span // split at semicolons and "while", "mientras"...
	countries []mention
	years     []mention
}

// connectors may stand inside a country name ("Trinidad and Tobago",
// "Congo, Democratic Republic of the").
var connectors = map[string]bool{"and": true, "y": true, "e": true, "of": true, "the": true, "de": true,
	"del": true, "da": true, "do": true, "dos": true, "das": true, "la": true, "las": true, "los": true, "&": true}

// exporter is the country whose exports the figures are about; it is not
// the country a figure is tied to.
const exporter = "CUB"

func (f *Finder) sentenceContext(text string, s span) sentenceCtx {
	c := sentenceCtx{text: text, clauses: clauses(text, s, false), majors: clauses(text, s, true)}
	sent := text[s.start:s.end]
	words := wordRE.FindAllStringIndex(sent, -1)
	for i := 0; i < len(words); {
		w := sent[words[i][0]:words[i][1]]
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			// an adjective of nationality in lower case (Spanish and
			// Portuguese): "autoridades angoleñas", "médicos sul-africanos"
			if n, code := demonymAt(sent, words, i); n > 0 {
				c.addCountry(s.start+words[i][0], s.start+words[i+n-1][1], code)
				i += n
				continue
			}
			i++
			continue
		}
		// the longest run of capitalized words and connectors, up to 5 words
		j := i
		for j+1 < len(words) && j-i < 4 && onlySpace(sent[words[j][1]:words[j+1][0]]) {
			nw := sent[words[j+1][0]:words[j+1][1]]
			nr, _ := utf8.DecodeRuneInString(nw)
			if !unicode.IsUpper(nr) && !connectors[strings.ToLower(nw)] {
				break
			}
			j++
		}
		found := false
		for k := j; k >= i; k-- {
			last := sent[words[k][0]:words[k][1]]
			lr, _ := utf8.DecodeRuneInString(last)
			if !unicode.IsUpper(lr) {
				continue
			}
			name := strings.TrimRight(possessive(sent[words[i][0]:words[k][1]]), ".'’-")
			if code := f.country(name); code != "" {
				c.addCountry(s.start+words[i][0], s.start+words[k][1], code)
				i = k + 1
				found = true
				break
			}
		}
		if !found {
			// "the Qatari client", "South African hospitals", "Venezuelan"
			// opening a sentence
			if n, code := demonymAt(sent, words, i); n > 0 {
				c.addCountry(s.start+words[i][0], s.start+words[i+n-1][1], code)
				i += n
				continue
			}
		}
		if !found {
			i++
		}
	}
	for i := 1; i < len(c.countries); i++ {
		gap := strings.TrimSpace(text[c.countries[i-1].end:c.countries[i].start])
		if gap == "," || gap == "and" || gap == "y" || gap == "e" || gap == "or" || gap == "o" || gap == "ou" || gap == ", and" {
			c.countries[i-1].listed, c.countries[i].listed = true, true
		}
	}
	for _, m := range yearRE.FindAllStringIndex(sent, -1) {
		if m[0] > 0 && (sent[m[0]-1] == '$' || sent[m[0]-1] == '.' || sent[m[0]-1] == ',') {
			continue
		}
		y, _ := strconv.Atoi(sent[m[0]:m[1]])
		c.years = append(c.years, mention{start: s.start + m[0], end: s.start + m[1], year: y})
	}
	return c
}

// addCountry records a country named at [a, b) of the page; Cuba (the
// exporter, also "Cuban doctors") and the world are never a tie.
func (c *sentenceCtx) addCountry(a, b int, code string) {
	if code != exporter && code != normalize.WorldCode {
		c.countries = append(c.countries, mention{start: a, end: b, country: code})
	}
}

// currencyNounRE matches the nouns of currencies that an adjective of
// nationality qualifies ("Namibian dollars", "dólares americanos",
// "reais brasileiros"): such an adjective names the money, not the
// country the figure is about.
var currencyNounRE = regexp.MustCompile(`^(?i:dollars?|dólar|dólares|dolar|dolares|reais|real|pesos?|euros?|rands?|kwanzas?|francs?|francos?|libras?|pounds?|shillings?|chelines|xelins|nairas?|riyals?|riales|dinars?|dinares|soles|quetzales|lempiras?|rupees?|rupias?|yuan|yenes|yen|bolívares|bolivares|cedis?|meticais|meticales|pula)$`)

// languagePrepRE: before a demonym that is also a language ("a report in
// Portuguese", "publicado en francés") it names the language.
var languagePrepRE = map[string]bool{"in": true, "en": true, "em": true, "into": true}

// demonymAt reads an adjective of nationality of one or two words at
// word i of sent ("Qatari", "South African", "angoleñas") and returns
// how many words it spans and its country, or 0. It skips one that
// qualifies a currency ("Namibian dollars", "pesos cubanos") and a
// language after "in", "en", "em" ("written in Portuguese").
func demonymAt(sent string, words [][]int, i int) (int, string) {
	word := func(j int) string { return sent[words[j][0]:words[j][1]] }
	for n := 2; n >= 1; n-- {
		if i+n > len(words) || (n == 2 && !onlySpace(sent[words[i][1]:words[i+1][0]])) {
			continue
		}
		code, language, ok := normalize.Demonym(strings.TrimRight(sent[words[i][0]:words[i+n-1][1]], ".'’-"))
		if !ok {
			continue
		}
		if i+n < len(words) && onlySpace(sent[words[i+n-1][1]:words[i+n][0]]) && currencyNounRE.MatchString(word(i+n)) {
			return 0, ""
		}
		if i > 0 && onlySpace(sent[words[i-1][1]:words[i][0]]) {
			prev := strings.ToLower(word(i - 1))
			if currencyNounRE.MatchString(prev) || (language && languagePrepRE[prev]) {
				return 0, ""
			}
		}
		return n, code
	}
	return 0, ""
}

func onlySpace(s string) bool { return strings.TrimSpace(s) == "" && s != "" }

// country looks a name up with normalize.Country, caching the answer.
// One-word names of three letters or less are not looked up: they are
// mostly codes and abbreviations ("US", "ONU").
func (f *Finder) country(name string) string {
	if utf8.RuneCountInString(name) <= 3 {
		return ""
	}
	f.mu.Lock()
	code, ok := f.countries[name]
	f.mu.Unlock()
	if ok {
		return code
	}
	code, err := normalize.Country(name)
	if err != nil {
		code = ""
	}
	f.mu.Lock()
	if len(f.countries) > 100000 {
		clear(f.countries)
	}
	f.countries[name] = code
	f.mu.Unlock()
	return code
}

// tie returns the country and year a figure at [a, b) is tied to: one
// named just after it ("US$ 500 a month in Angola"), else the nearest one
// before it in its clause, else the nearest after it in its clause; the
// same in its major clause (up to a semicolon, "while", "mientras"...);
// else the only one the sentence names. A country that is one of a list
// ties the figure to none.
func (c sentenceCtx) tie(a, b int) (string, int) {
	country := c.pickLevels(c.countries, a, b, func(m mention) string {
		if m.listed {
			return "-"
		}
		return m.country
	})
	if country == "-" {
		country = ""
	}
	y, _ := strconv.Atoi(c.pickLevels(c.years, a, b, func(m mention) string { return strconv.Itoa(m.year) }))
	return country, y
}

func (c sentenceCtx) pickLevels(ms []mention, a, b int, key func(mention) string) string {
	for _, level := range [][]span{c.clauses, c.majors} {
		cl := span{a, b}
		for _, x := range level {
			if x.start <= a && a <= x.end {
				cl = x
				break
			}
		}
		if k := pickIn(c.text, ms, cl, a, b, key); k != "" {
			return k
		}
	}
	distinct := map[string]bool{}
	for _, m := range ms {
		distinct[key(m)] = true
	}
	if len(distinct) == 1 {
		for k := range distinct {
			return k
		}
	}
	return ""
}

func pickIn(text string, ms []mention, cl span, a, b int, key func(mention) string) string {
	for _, m := range ms {
		if m.start >= b && m.end <= cl.end && closeAfter(text[b:m.start]) {
			return key(m)
		}
	}
	best := ""
	for _, m := range ms {
		if m.start >= cl.start && m.end <= a {
			best = key(m) // the last one before the figure
		}
	}
	if best != "" {
		return best
	}
	for _, m := range ms {
		if m.start >= b && m.end <= cl.end {
			return key(m)
		}
	}
	return ""
}

// closeAfter reports whether the text between a figure and a mention
// after it is a few words without figures: "in", "a month in"; not a
// conjunction alone, which starts the next item of a list ("Bolivia US$
// 1.500 y Ecuador $ 1.200").
func closeAfter(gap string) bool {
	if strings.ContainsAny(gap, "0123456789,;:$€") {
		return false
	}
	words := strings.Fields(strings.ToLower(gap))
	if len(words) == 1 && listJoins[words[0]] {
		return false
	}
	return len(words) <= 3
}

// listJoins are the conjunctions that join the items of a list.
var listJoins = map[string]bool{"and": true, "or": true, "y": true, "o": true, "e": true, "ou": true, "&": true}

// possessive drops an English possessive ending: "Britain's" → "Britain".
func possessive(w string) string {
	for _, suf := range []string{"'s", "’s"} {
		if s, ok := strings.CutSuffix(w, suf); ok {
			return s
		}
	}
	return w
}
