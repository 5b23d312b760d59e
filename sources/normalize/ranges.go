package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// cutRangePrefix removes a word that opens a range ("between", "entre",
// "from", "de", "desde", "da", "tra", "fra") and an article after it
// ("entre el 70 y 90%").
func cutRangePrefix(s string) (string, bool) {
	for _, w := range []string{"between", "entre", "from", "desde", "de", "da", "tra", "fra"} {
		if rest, ok := cutWordFold(s, w); ok && rest != "" && unicode.IsSpace(firstRune(rest)) {
			return cutArticle(rest), true
		}
	}
	return s, false
}

// cutArticle removes a leading article ("el", "los", "the"...) from s.
func cutArticle(s string) string {
	s = strings.TrimSpace(s)
	for _, a := range []string{"the", "el", "los", "las", "la", "os", "o", "as"} {
		if rest, ok := cutWordFold(s, a); ok && rest != "" && unicode.IsSpace(firstRune(rest)) {
			return strings.TrimSpace(rest)
		}
	}
	return s
}

// rangeSplits lists the ways s may split into two bounds, in order: at each
// connector word (not first or last), then at each dash after the first
// character.
func rangeSplits(s string, conns []string) [][2]string {
	var out [][2]string
	spans := fieldSpans(s)
	for i := 1; i < len(spans)-1; i++ {
		w := foldKey(s[spans[i][0]:spans[i][1]])
		for _, c := range conns {
			if w == c {
				out = append(out, [2]string{strings.TrimSpace(s[:spans[i][0]]), strings.TrimSpace(s[spans[i][1]:])})
			}
		}
	}
	for i, r := range s {
		if i > 0 && isDash(r) {
			out = append(out, [2]string{strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+utf8.RuneLen(r):])})
		}
	}
	return out
}

// isDash reports whether r is a hyphen or dash that may join two bounds.
// U+2212 MINUS SIGN is not one: it only ever marks a negative number.
func isDash(r rune) bool {
	switch r {
	case '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014':
		return true
	}
	return false
}

// fieldSpans returns the byte offsets [start, end) of the white-space
// separated fields of s.
func fieldSpans(s string) [][2]int {
	var spans [][2]int
	start := -1
	for i, r := range s {
		switch {
		case unicode.IsSpace(r) && start >= 0:
			spans = append(spans, [2]int{start, i})
			start = -1
		case !unicode.IsSpace(r) && start < 0:
			start = i
		}
	}
	if start >= 0 {
		spans = append(spans, [2]int{start, len(s)})
	}
	return spans
}

// firstRune returns the first rune of s, or utf8.RuneError if s is empty.
func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
