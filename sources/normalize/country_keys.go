package normalize

import (
	"strings"
	"unicode"
)

// countryKey reduces a country text to its lookup key: footnote marker
// removed, folded (lower case, no accents), dots dropped, other punctuation
// turned into spaces, whitespace collapsed, and, in names of several words,
// connectors between words ("y", "e", "ed", "&") turned into "and" and "st"
// into "saint".
func countryKey(s string) string {
	s = stripFootnote(strings.TrimSpace(s))
	var b strings.Builder
	for _, r := range fold(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		case r == '.':
		case r == '&':
			b.WriteString(" and ")
		default:
			b.WriteByte(' ')
		}
	}
	words := strings.Fields(b.String())
	for i, w := range words {
		if len(words) == 1 {
			break // a lone word may be a code: "ET", "ST", "AND"
		}
		switch {
		case i > 0 && i < len(words)-1 && (w == "y" || w == "e" || w == "ed" || w == "et"):
			words[i] = "and"
		case w == "st":
			words[i] = "saint"
		}
	}
	return strings.Join(words, " ")
}

// isArticle reports whether w is a definite article that may precede a
// country name in English, Spanish, Portuguese or Italian.
func isArticle(w string) bool {
	switch w {
	case "the", "el", "la", "los", "las", "lo", "il", "l", "le", "les", "gli", "i", "o", "a", "os", "as":
		return true
	}
	return false
}

// stripFootnote removes trailing footnote markers such as "*", "†", "¹",
// "(a)", "[1]", "1/" or " a/", repeatedly.
func stripFootnote(s string) string {
	for {
		t := strings.TrimRightFunc(s, unicode.IsSpace)
		t = strings.TrimRight(t, "*†‡¹²³⁰⁴⁵⁶⁷⁸⁹")
		t = trimMarker(t)
		if t == s {
			return s
		}
		s = t
	}
}

// trimMarker removes one bracketed or slashed marker from the end of s: a
// single letter or one or two digits.
func trimMarker(s string) string {
	n := len(s)
	switch {
	case n >= 3 && (s[n-1] == ')' || s[n-1] == ']'):
		open := strings.LastIndexAny(s, "([")
		if open >= 0 && isMarker(s[open+1:n-1]) {
			return s[:open]
		}
	case n >= 2 && s[n-1] == '/':
		i := n - 1
		for i > 0 && n-1-i < 2 && s[i-1] >= '0' && s[i-1] <= '9' {
			i--
		}
		if i < n-1 {
			return s[:i]
		}
		if l := s[n-2]; (l|0x20) >= 'a' && (l|0x20) <= 'z' && (n == 2 || s[n-3] == ' ') {
			return s[:n-2]
		}
	}
	return s
}

// isMarker reports whether m is a footnote label: one ASCII letter or one or
// two digits.
func isMarker(m string) bool {
	switch len(m) {
	case 1:
		c := m[0] | 0x20
		return (c >= 'a' && c <= 'z') || (m[0] >= '0' && m[0] <= '9')
	case 2:
		return m[0] >= '0' && m[0] <= '9' && m[1] >= '0' && m[1] <= '9'
	}
	return false
}
