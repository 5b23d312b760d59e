package xlsxtable

import (
	"regexp"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// fold lower-cases s, removes diacritics and collapses whitespace (no-break
// spaces included) to single spaces.
func fold(s string) string {
	if f, ok := foldASCII(s); ok {
		return f
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f':
			b.WriteByte(' ')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// foldASCII is fold's fast path for ASCII text.
func foldASCII(s string) (string, bool) {
	b := make([]byte, 0, len(s))
	space := true // drop leading spaces
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80:
			return "", false
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			if !space {
				b = append(b, ' ')
			}
			space = true
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		b = append(b, c)
		space = false
	}
	if len(b) > 0 && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	return string(b), true
}

// footnote matches a trailing footnote marker: "(a)", "(1)", "1/", "a/",
// "*", superscript digits, and a trailing colon.
var footnote = regexp.MustCompile(`(?:\s*(?:\(\s*[a-z0-9]{1,2}\s*\)|\b[a-z0-9]{1,2}/|\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|:))+$`)

// foldLabel folds a row label or header and strips its footnote markers:
// "Servicios de salud humana (a)" and "servicios de salud humana 1/" both
// give "servicios de salud humana".
func foldLabel(s string) string {
	f := fold(s)
	if f == "" || !strings.ContainsAny(f[len(f)-1:], ")/*:") && f[len(f)-1] < 0x80 {
		return f // no marker can end the label
	}
	for {
		g := strings.TrimSpace(footnote.ReplaceAllString(f, ""))
		if g == f || g == "" {
			return f
		}
		f = g
	}
}

// units is what a units line means.
type units struct {
	english    string
	multiplier float64
}

// knownUnits are the units lines of ONEI tables, by unitsKey.
var knownUnits = map[string]units{
	"pesos":                                  {"pesos", 1},
	"miles de pesos":                         {"thousands of pesos", 1e3},
	"millones de pesos":                      {"millions of pesos", 1e6},
	"mill. pesos":                            {"millions of pesos", 1e6},
	"millones de pesos a precios corrientes": {"millions of pesos at current prices", 1e6},
	"mill. pesos a precios corrientes":       {"millions of pesos at current prices", 1e6},
	"mcup":                                   {"millions of CUP", 1e6},
	"musd":                                   {"millions of US dollars", 1e6},
	"miles de usd":                           {"thousands of US dollars", 1e3},
	"personas":                               {"persons", 1},
	"miles de personas":                      {"thousands of persons", 1e3},
	"unidades":                               {"units", 1},
}

func knownUnitsList() string {
	var ks []string
	for k := range knownUnits {
		ks = append(ks, "\""+k+"\"")
	}
	sort.Strings(ks)
	return "known: " + strings.Join(ks, ", ")
}

// unitsKey folds a units line and drops enclosing parentheses:
// "(Miles de pesos)" gives "miles de pesos".
func unitsKey(s string) string {
	f := fold(s)
	f = strings.TrimSuffix(strings.TrimPrefix(f, "("), ")")
	return strings.TrimSpace(f)
}

// levenshtein is the edit distance between a and b, in runes.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// nearest returns the candidate closest to want (folded), or "".
func nearest(want string, candidates []string) string {
	best, bestD := "", -1
	for _, c := range candidates {
		if d := levenshtein(want, foldLabel(c)); bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	return best
}
