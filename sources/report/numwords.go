package report

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Numbers written in words: "eight billion dollars", "ocho mil millones
// de dólares", "dois bilhões de reais", "half a billion", "a million
// euros", "un millón", "two thousand three hundred". The grammar is
// bounded: units, teens, tens, hundreds and the scale words of English,
// Spanish and Portuguese, joined by spaces, hyphens and "and", "y", "e".
// A run of number words becomes a figure only when a currency follows it
// ("dos mil dólares"), a unit of time ("four years", "dos meses"), or a
// counted noun after a hundred or more ("three thousand doctors",
// "quinientos médicos"): so "one of the", "once the", "two doctors", "a
// million reasons" and "dos veces" are never figures.

// numWordValues are units, teens, tens and the hundreds that are one
// word in Spanish and Portuguese, all added to the current group.
var numWordValues = map[string]float64{
	// English
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
	"eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
	"eighty": 80, "ninety": 90,
	// Spanish
	"uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10,
	"once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15, "dieciséis": 16, "diecisiete": 17,
	"dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiuno": 21, "veintiún": 21, "veintidós": 22, "veintitrés": 23,
	"veinticuatro": 24, "veinticinco": 25, "veintiséis": 26, "veintisiete": 27, "veintiocho": 28, "veintinueve": 29,
	"treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90,
	"cien": 100, "ciento": 100, "doscientos": 200, "doscientas": 200, "trescientos": 300, "trescientas": 300,
	"cuatrocientos": 400, "cuatrocientas": 400, "quinientos": 500, "quinientas": 500, "seiscientos": 600,
	"seiscientas": 600, "setecientos": 700, "setecientas": 700, "ochocientos": 800, "ochocientas": 800,
	"novecientos": 900, "novecientas": 900,
	// Portuguese
	"dois": 2, "duas": 2, "três": 3, "quatro": 4, "sete": 7, "oito": 8, "nove": 9, "dez": 10, "onze": 11,
	"doze": 12, "treze": 13, "catorze": 14, "quatorze": 14, "quinze": 15, "dezesseis": 16, "dezasseis": 16,
	"dezessete": 17, "dezassete": 17, "dezoito": 18, "dezenove": 19, "dezanove": 19, "vinte": 20, "trinta": 30,
	"quarenta": 40, "cinquenta": 50, "sessenta": 60, "oitenta": 80, "cem": 100, "cento": 100, "duzentos": 200,
	"duzentas": 200, "trezentos": 300, "trezentas": 300, "quatrocentos": 400, "quatrocentas": 400, "quinhentos": 500,
	"quinhentas": 500, "seiscentos": 600, "seiscentas": 600, "setecentos": 700, "setecentas": 700,
	"oitocentos": 800, "oitocentas": 800, "novecentos": 900, "novecentas": 900,
}

// numWordOnes are "one" as an article: a number only before a scale
// word ("a million", "un millón", "um bilhão").
var numWordOnes = map[string]bool{"a": true, "an": true, "un": true, "una": true, "um": true, "uma": true}

// numWordHalves: "half a billion", "medio millón", "meio milhão".
var numWordHalves = map[string]bool{"half": true, "medio": true, "media": true, "meio": true, "meia": true}

// numWordScales multiply; a thousand closes a group, a million or more
// the whole number so far ("ocho mil millones" is 8 000 × 10^6).
var numWordScales = map[string]float64{
	"hundred": 100, "thousand": 1e3, "mil": 1e3, "million": 1e6, "millions": 1e6, "millón": 1e6, "millon": 1e6,
	"millones": 1e6, "milhão": 1e6, "milhao": 1e6, "milhões": 1e6, "milhoes": 1e6, "billion": 1e9, "billions": 1e9,
	"bilhão": 1e9, "bilhao": 1e9, "bilhões": 1e9, "bilhoes": 1e9, "billón": 1e12, "billones": 1e12, "trillion": 1e12,
}

// numWordJoins stand between number words: "two hundred and fifty",
// "treinta y dos", "vinte e cinco".
var numWordJoins = map[string]bool{"and": true, "y": true, "e": true}

var letterWordRE = regexp.MustCompile(`\p{L}+(?:-\p{L}+)*`)

// numWordRun is a run of number words at bytes [start, end) of a
// sentence and its value; scale is the largest scale word in it.
type numWordRun struct {
	start, end int
	value      float64
	scale      float64
}

// numberWordRuns finds the runs of number words of a sentence.
func numberWordRuns(sent string) []numWordRun {
	words := letterWordRE.FindAllStringIndex(sent, -1)
	var out []numWordRun
	for i := 0; i < len(words); {
		n, run, ok := readNumberWords(sent, words[i:])
		if !ok {
			i++
			continue
		}
		out = append(out, run)
		i += n
	}
	return out
}

// numParts splits a hyphenated compound ("twenty-five") into its words.
func numParts(w string) []string { return strings.Split(strings.ToLower(w), "-") }

func isNumWord(p string) bool {
	_, v := numWordValues[p]
	_, s := numWordScales[p]
	return v || s
}

// numState is the value read so far: total holds the millions and
// more, group the thousands, small the part below a thousand.
type numState struct {
	total, group, small, top float64
	any                      bool // a unit, ten, hundred or "a" in the current group
	digits                   bool // at least one word that is a number by itself
}

func (st numState) value() float64 { return st.total + st.group + st.small }

// canAdd reports whether a unit, ten or hundred v may follow small:
// "two hundred" + "fifty", "treinta" + "dos"; not "two" + "three".
func canAdd(small, v float64) bool {
	if small == 0 {
		return true
	}
	r := int(small) % 100
	return (r == 0 && float64(int(small)) == small && v < 100) || (r >= 20 && r%10 == 0 && v < 10)
}

// word adds one number word to the state, or reports that it cannot
// follow what was read.
func (st *numState) word(p string) bool {
	if v, ok := numWordValues[p]; ok {
		if !canAdd(st.small, v) {
			return false
		}
		st.small += v
		st.any, st.digits = true, true
		return true
	}
	sc := numWordScales[p]
	switch {
	case sc == 1e3 && p == "mil" && !st.any:
		st.group += 1e3 // "mil dólares", "dos millones mil"
		st.small = 0
	case st.value() == 0 || (sc <= 1e3 && !st.any):
		return false // a scale word alone ("millions of", "thousand") is no number
	case sc == 100:
		st.small *= 100
		if st.small >= 1000 {
			return false
		}
	case sc == 1e3:
		st.group += st.small * 1e3
		st.small = 0
	default:
		if st.group+st.small == 0 {
			return false
		}
		st.total += (st.group + st.small) * sc
		st.group, st.small = 0, 0
	}
	st.top = max(st.top, sc)
	st.any, st.digits = false, true
	return true
}

// readNumberWords reads the longest run of number words from words[0]
// and returns how many words it used.
func readNumberWords(sent string, words [][]int) (int, numWordRun, bool) {
	var st, done numState
	used := 0
	wordAt := func(k int) string { return sent[words[k][0]:words[k][1]] }
	spaced := func(k int) bool { return k+1 < len(words) && onlySpace(sent[words[k][1]:words[k+1][0]]) }
words:
	for k := 0; k < len(words); k++ {
		if k > 0 && !onlySpace(sent[words[k-1][1]:words[k][0]]) {
			break
		}
		w := wordAt(k)
		lw := strings.ToLower(w)
		switch {
		case used > 0 && used == k && numWordJoins[lw] && spaced(k) && allNumParts(numParts(wordAt(k+1))):
			continue // "and", "y", "e" between number words
		case numWordOnes[lw] && spaced(k) && isScaleWord(wordAt(k+1)) && (k == 0 || st.small == 0.5):
			if st.small != 0.5 {
				st.small, st.any = 1, true
			}
			continue
		case numWordHalves[lw] && k == 0:
			st.small, st.any = 0.5, true
			continue
		}
		parts := numParts(w)
		if !allNumParts(parts) {
			break
		}
		next := st
		for _, p := range parts {
			if !next.word(p) {
				break words
			}
		}
		st, done, used = next, next, k+1
	}
	if used == 0 || !done.digits || done.value() <= 0 || done.small == 0.5 {
		return 0, numWordRun{}, false
	}
	return used, numWordRun{start: words[0][0], end: words[used-1][1], value: done.value(), scale: done.top}, true
}

func allNumParts(parts []string) bool {
	return len(parts) > 0 && !slices.ContainsFunc(parts, func(p string) bool { return !isNumWord(p) })
}

func isScaleWord(w string) bool {
	_, ok := numWordScales[strings.ToLower(w)]
	return ok
}

// wordTokens turns the runs of number words of a sentence into tokens:
// money when a currency follows ("eight billion dollars", "dos mil
// dólares"), durations ("four years"), counts of a hundred or more when a
// counted noun follows ("three thousand doctors"). Runs that touch
// a written number ("2 mil millones") are left to it.
func (f *Finder) wordTokens(text string, s span, have []token) []token {
	sent := text[s.start:s.end]
	var out []token
	for _, r := range numberWordRuns(sent) {
		if r.value <= 0 {
			continue
		}
		before := strings.TrimRight(sent[:r.start], " ")
		if last, _ := utf8.DecodeLastRuneInString(before); last >= '0' && last <= '9' {
			continue
		}
		if slices.ContainsFunc(have, func(t token) bool { return t.start < s.start+r.end && s.start+r.start < t.end }) {
			continue
		}
		tok := token{start: s.start + r.start, end: s.start + r.end, numStart: s.start + r.start, numEnd: s.start + r.end,
			num: r.value, scale: 1, scaleWord: r.scale >= 1e3}
		rest := head(sent[r.end:], nearAfter)
		if m := afterNumber(suffixCurrencyRE, rest); m != nil {
			if code := suffixCurrency(rest); code != "" {
				tok.currency = code
				tok.end += m[1]
			}
		}
		if tok.currency == "" {
			if code, n := currencyBefore(tail(sent[:r.start], 48)); code != "" {
				tok.currency = code
				tok.start -= n
			}
		}
		if tok.currency == "" {
			if m := afterNumber(durationRE, rest); m != nil {
				tok.duration = durations[strings.ToLower(rest[m[2]:m[3]])]
				tok.end += m[1]
			} else if m := countNoun(rest); m != nil && r.value >= 100 {
				tok.noun = strings.ToLower(rest[m[2]:m[3]])
			} else {
				continue
			}
		}
		out = append(out, tok)
	}
	return out
}
