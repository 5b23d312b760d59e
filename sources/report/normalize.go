package report

import (
	"context"
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
	out, _ := normalizeText(context.Background(), s)
	return out
}

// normalizeChunk is how many bytes normalize rewrites between two looks
// at its context.
const normalizeChunk = 1 << 20

// normalizeText is Normalize, checking ctx about every MiB. It rewrites the
// text a chunk at a time, each ending after a line end: a line end is a
// character that composes with nothing, so NFC of the chunks is NFC of
// the whole.
func normalizeText(ctx context.Context, s string) (string, error) {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var whole strings.Builder
	whole.Grow(len(s))
	var b strings.Builder
	for len(s) > 0 {
		if err := ctx.Err(); err != nil {
			return "", err
		}
		n := len(s)
		if n > normalizeChunk {
			if k := strings.IndexByte(s[normalizeChunk:], '\n'); k >= 0 {
				n = normalizeChunk + k + 1
			}
		}
		b.Reset()
		replaceRunes(&b, s[:n])
		whole.WriteString(norm.NFC.String(b.String()))
		s = s[n:]
	}
	return tidy(ctx, whole.String())
}

// replaceRunes writes s to b with the replacements made and control and
// format characters dropped.
func replaceRunes(b *strings.Builder, s string) {
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
}

// tidy collapses spaces, trims lines, limits blank lines and joins words
// hyphenated at line ends. It goes through the lines in place (no slice
// of lines or of words, which for a large text would weigh several times
// the text) and checks ctx every 64Ki lines.
func tidy(ctx context.Context, s string) (string, error) {
	var out strings.Builder
	out.Grow(len(s))
	var ln []byte
	blank := 0
	pendingJoin := false
	for i, rest, more := 0, s, true; more; i++ {
		if i%(1<<16) == 0 {
			if err := ctx.Err(); err != nil {
				return "", err
			}
		}
		var raw string
		raw, rest, more = strings.Cut(rest, "\n")
		ln = collapseSpaces(ln[:0], raw)
		if len(ln) == 0 {
			if !pendingJoin {
				blank++
			}
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
		if more && len(ln) > 1 && ln[len(ln)-1] == '-' {
			next := nextNonEmpty(rest)
			prev, _ := utf8.DecodeLastRune(ln[:len(ln)-1])
			first, _ := utf8.DecodeRuneInString(next)
			switch {
			case unicode.IsLetter(prev) && unicode.IsLower(first):
				ln = ln[:len(ln)-1]
				pendingJoin = true
			case unicode.IsDigit(prev) && unicode.IsDigit(first):
				pendingJoin = true
			}
		}
		out.Write(ln)
	}
	return out.String(), nil
}

// collapseSpaces appends line to dst with its leading and trailing white
// space dropped and each run of white space inside it one space, as
// strings.Join(strings.Fields(line), " ") does.
func collapseSpaces(dst []byte, line string) []byte {
	space := false
	for i := 0; i < len(line); {
		r, n := utf8.DecodeRuneInString(line[i:])
		if unicode.IsSpace(r) {
			space = len(dst) > 0
			i += n
			continue
		}
		if space {
			dst = append(dst, ' ')
			space = false
		}
		dst = append(dst, line[i:i+n]...)
		i += n
	}
	return dst
}

// nextNonEmpty returns the first line of rest with text, without its
// leading spaces. It looks at most 64 lines ahead: a word hyphenated at a
// line end continues on one of the next few lines, and a bound keeps
// many hyphenated lines before many blank ones from costing the square.
func nextNonEmpty(rest string) string {
	for range 64 {
		var l string
		var more bool
		l, rest, more = strings.Cut(rest, "\n")
		if t := strings.TrimLeft(l, " "); t != "" {
			return t
		}
		if !more {
			break
		}
	}
	return ""
}
