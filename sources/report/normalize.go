package report

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// replacements are the characters Normalize rewrites one for one (or
// drops): ligatures, non-breaking and other fixed-width spaces, curly
// quotes, soft hyphens and zero-width characters, the minus sign.
var replacements = map[rune]string{
	'\uFB00': "ff", '\uFB01': "fi", '\uFB02': "fl", '\uFB03': "ffi", '\uFB04': "ffl", '\uFB05': "st", '\uFB06': "st",
	'\u00A0': " ", '\u202F': " ", '\u2007': " ", '\u2009': " ", '\u200A': " ", '\u2002': " ", '\u2003': " ",
	'\u2004': " ", '\u2005': " ", '\u2006': " ", '\u2008': " ", '\u205F': " ", '\u3000': " ", '\t': " ", '\v': " ",
	'\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'",
	'\u201C': `"`, '\u201D': `"`, '\u201E': `"`, '\u201F': `"`, '\u2033': `"`,
	'\u00AD': "", '\u200B': "", '\u200C': "", '\u200D': "", '\u2060': "", '\uFEFF': "",
	'\u2212': "-", '\u2010': "-", '\u2011': "-",
	'\u2028': "\n", '\u2029': "\n\n", '\r': "\n", '\u0085': "\n",
}

// Normalize returns the text offsets are counted in: NFC; ligatures
// spelled out; every space character a plain space, runs of spaces one
// space; curly quotes straight; soft hyphens and zero-width characters
// dropped; line ends "\n" without trailing spaces, at most one blank line
// in a row; a word hyphenated at a line end joined again ("remit-\ntances"
// becomes "remittances" when the next line starts in lower case, and
// "50-\n120" becomes "50-120"); control characters dropped; invalid UTF-8
// replaced by U+FFFD. The result has no leading or trailing space.
func Normalize(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if rep, ok := replacements[r]; ok {
			b.WriteString(rep)
			continue
		}
		if r != '\n' && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r)) {
			continue
		}
		if unicode.Is(unicode.Zs, r) {
			b.WriteByte(' ')
			continue
		}
		b.WriteRune(r)
	}
	s = norm.NFC.String(b.String())
	return tidy(s)
}

// tidy collapses spaces, trims lines, limits blank lines and joins words
// hyphenated at line ends.
func tidy(s string) string {
	lines := strings.Split(s, "\n")
	var out strings.Builder
	out.Grow(len(s))
	blank := 0
	pendingJoin := false
	for i, ln := range lines {
		ln = strings.Join(strings.Fields(ln), " ")
		if ln == "" {
			if pendingJoin {
				continue
			}
			blank++
			continue
		}
		if out.Len() > 0 && !pendingJoin {
			if blank > 0 {
				out.WriteString("\n\n")
			} else {
				out.WriteByte('\n')
			}
		}
		blank = 0
		pendingJoin = false
		if i+1 < len(lines) && strings.HasSuffix(ln, "-") && len(ln) > 1 {
			next := nextNonEmpty(lines[i+1:])
			prev, _ := utf8.DecodeLastRuneInString(ln[:len(ln)-1])
			first, _ := utf8.DecodeRuneInString(next)
			switch {
			case unicode.IsLetter(prev) && unicode.IsLower(first):
				ln = ln[:len(ln)-1]
				pendingJoin = true
			case unicode.IsDigit(prev) && unicode.IsDigit(first):
				pendingJoin = true
			}
		}
		out.WriteString(ln)
	}
	return out.String()
}

func nextNonEmpty(lines []string) string {
	for _, l := range lines {
		if t := strings.TrimLeft(l, " "); t != "" {
			return t
		}
	}
	return ""
}
