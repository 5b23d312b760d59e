package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// foldSpecial lists letters that canonical decomposition leaves whole but
// that writers replace with plain letters when accents are unavailable.
var foldSpecial = map[rune]string{
	'ø': "o", 'Ø': "o", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe",
	'ß': "ss", 'đ': "d", 'Đ': "d", 'ł': "l", 'Ł': "l", 'ı': "i",
	'þ': "th", 'Þ': "th", 'ð': "d", 'Ð': "d",
}

// appendFold appends r lower-cased and without diacritics (NFD, combining
// marks removed) to dst. A lone combining mark appends nothing.
func appendFold(dst []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(dst, byte(r))
	}
	if unicode.Is(unicode.Mn, r) {
		return dst
	}
	if s, ok := foldSpecial[r]; ok {
		return append(dst, s...)
	}
	for _, d := range norm.NFD.String(string(r)) {
		if !unicode.Is(unicode.Mn, d) {
			dst = utf8.AppendRune(dst, unicode.ToLower(d))
		}
	}
	return dst
}

// fold returns s lower-cased and without diacritics.
func fold(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = appendFold(b, r)
	}
	return string(b)
}

// foldKey folds s and collapses its whitespace to single spaces.
func foldKey(s string) string {
	return strings.Join(strings.Fields(fold(s)), " ")
}

// cutPrefixFold reports whether s begins with prefix once folded, and
// returns the rest of s (unfolded). prefix must already be folded.
func cutPrefixFold(s, prefix string) (string, bool) {
	buf := make([]byte, 0, len(prefix)+4)
	for i, r := range s {
		if len(buf) >= len(prefix) && !unicode.Is(unicode.Mn, r) {
			return s[i:], string(buf) == prefix
		}
		buf = appendFold(buf, r)
		if len(buf) <= len(prefix) && string(buf) != prefix[:len(buf)] {
			return s, false
		}
	}
	return "", string(buf) == prefix
}

// cutWordFold is cutPrefixFold for a word or phrase: when word ends in a
// letter, the rest must not continue with a letter ("over" is not a prefix
// of "overall").
func cutWordFold(s, word string) (string, bool) {
	rest, ok := cutPrefixFold(s, word)
	if !ok {
		return s, false
	}
	last, _ := utf8.DecodeLastRuneInString(word)
	first, _ := utf8.DecodeRuneInString(rest)
	if unicode.IsLetter(last) && rest != "" && unicode.IsLetter(first) {
		return s, false
	}
	return rest, true
}
