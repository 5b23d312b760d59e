package normalize

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// scaleWords maps folded scale words and suffixes to the power of ten they
// multiply by. Spanish and Portuguese "billón"/"bilião" (10¹²) are left out
// on purpose: they are too easily confused with the English billion.
var scaleWords = map[string]int{
	"k": 3, "thousand": 3, "mil": 3, "mila": 3,
	"m": 6, "mn": 6, "mln": 6, "million": 6, "millions": 6, "millon": 6, "millones": 6,
	"milhao": 6, "milhoes": 6, "milione": 6, "milioni": 6,
	"b": 9, "bn": 9, "billion": 9, "billions": 9, "mil millones": 9, "mil milhoes": 9,
	"millardo": 9, "millardos": 9, "bilhao": 9, "bilhoes": 9, "miliardo": 9, "miliardi": 9,
	"trillion": 12, "trillions": 12,
}

// scaleOrder lists scaleWords longest first, so "mil millones" wins over "mil".
var scaleOrder = sync.OnceValue(func() []string {
	words := make([]string, 0, len(scaleWords))
	for w := range scaleWords {
		words = append(words, w)
	}
	slices.SortFunc(words, func(a, b string) int {
		return cmp.Or(cmp.Compare(len(b), len(a)), cmp.Compare(a, b))
	})
	return words
})

// cutScale removes a leading scale word from s.
func cutScale(s string) (rest string, exp int, ok bool) {
	for _, w := range scaleOrder() {
		if rest, ok := cutWordFold(s, w); ok {
			return trimLeftSpace(rest), scaleWords[w], true
		}
	}
	return s, 0, false
}

// isPercent reports whether s is a percent sign or word.
func isPercent(s string) bool {
	switch foldKey(s) {
	case "%", "pct", "percent", "per cent", "por ciento", "por cento", "per cento":
		return true
	}
	return false
}

// cutLead removes a leading sign and currency in either order ("-US$5",
// "US$-5"); signed reports whether a sign was present.
func cutLead(t string) (rest string, neg, signed bool) {
	t, neg, signed = cutSign(t)
	t, cur := cutCurrencyPrefix(t)
	if cur && !signed {
		t, neg, signed = cutSign(t)
	}
	return t, neg, signed
}

// cutSign removes a leading "+", "-" or "−" (U+2212).
func cutSign(t string) (rest string, neg, signed bool) {
	for _, p := range []string{"+", "-", "−"} {
		if rest, ok := strings.CutPrefix(t, p); ok {
			return trimLeftSpace(rest), p != "+", true
		}
	}
	return t, false, false
}

// cutCurrencyPrefix removes a currency written before the digits ("US$",
// "R$ ", "L", "USD ", "Bs.").
func cutCurrencyPrefix(t string) (string, bool) {
	i := strings.IndexFunc(t, func(r rune) bool { return isDigit(r) || r == '+' || r == '-' || r == '−' })
	if i <= 0 {
		return t, false
	}
	if currencyMention(t[:i]) {
		return t[i:], true
	}
	if last := t[i-1]; (last == '.' || last == ',') && currencyMention(t[:i-1]) {
		return t[i-1:], true // "$.5": the mark belongs to the number
	}
	return t, false
}

// scanCore returns the leading run of digits and separators of t, every
// space character turned into ' '. A separator belongs to the run only if a
// digit follows it, so "8 billion" yields "8".
func scanCore(t string) (core, rest string) {
	var b strings.Builder
	i := 0
	for i < len(t) {
		r, n := utf8.DecodeRuneInString(t[i:])
		switch {
		case isDigit(r):
			b.WriteRune(r)
		case isSep(r) && i+n < len(t) && isDigit(t[i+n]):
			if isSpaceSep(r) {
				r = ' '
			}
			b.WriteRune(r)
		default:
			return b.String(), t[i:]
		}
		i += n
	}
	return b.String(), ""
}

// readSuffix reads what follows the digits: an optional scale word (with an
// optional Spanish "8 mil 200" tail and a second scale word), then nothing,
// a percent sign, or a currency, which may follow "de"/"of" after a scale.
func (d *decimal) readSuffix(rest string) bool {
	rest = trimLeftSpace(rest)
	rest, d.exp, d.scaled = cutScale(rest)
	if d.exp == 3 {
		if tail, r, ok := cutTail(rest); ok {
			d.tail, d.exp = tail, 0
			rest, d.exp, _ = cutScale(r)
		}
	}
	if d.scaled {
		for _, w := range []string{"de", "of"} {
			if r, ok := cutWordFold(rest, w); ok && r != rest {
				return currencyMention(r)
			}
		}
	}
	return rest == "" || isPercent(rest) || currencyMention(rest)
}

// cutTail removes 1-3 digits that end a word from s.
func cutTail(s string) (tail, rest string, ok bool) {
	n := 0
	for n < len(s) && isDigit(s[n]) {
		n++
	}
	if n == 0 || n > 3 || (n < len(s) && !unicode.IsSpace(rune(s[n]))) {
		return "", s, false
	}
	return s[:n], trimLeftSpace(s[n:]), true
}

// trimLeftSpace removes leading white space, including U+00A0 and U+202F.
func trimLeftSpace(s string) string { return strings.TrimLeftFunc(s, unicode.IsSpace) }
