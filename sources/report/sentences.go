package report

import (
	"iter"
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a byte range [start, end) of a page's text.
type span struct{ start, end int }

// abbreviations end with a full stop that does not end a sentence.
var abbreviations = map[string]bool{
	"p": true, "pp": true, "no": true, "nos": true, "dr": true, "dra": true, "mr": true, "mrs": true, "ms": true,
	"sr": true, "sra": true, "srs": true, "st": true, "approx": true, "etc": true, "vs": true, "e.g": true,
	"i.e": true, "art": true, "arts": true, "núm": true, "num": true, "n": true, "pág": true, "págs": true,
	"fig": true, "inc": true, "ltd": true, "co": true, "jan": true, "feb": true, "mar": true, "apr": true,
	"jun": true, "jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"ene": true, "abr": true, "ago": true, "dic": true, "u.s": true, "ee.uu": true, "vol": true, "ed": true,
	"eds": true, "cf": true, "op": true, "cit": true, "ibid": true, "aprox": true, "dept": true, "gov": true, "bs": true,
}

// maxSentence bounds a sentence, in bytes: a longer run of text without
// a sentence end (a table flattened without cell marks, a stream of
// numbers) is cut into pieces of at most this size, at a space where
// there is one. What the finder does per figure is bounded by the
// sentence it stands in, so this keeps the finder linear in the page.
// The longest sentence of the labelled documents is under 700 bytes.
const maxSentence = 2048

// sentences yields the sentences of a page's text, in order: split at
// '.', '!' or '?' followed by a space and a capital letter, digit, quote
// or bracket (unless the full stop ends a known abbreviation or an
// initial), and at blank lines; a sentence longer than maxSentence is
// cut. Spans exclude surrounding white space.
func sentences(text string) iter.Seq[span] {
	return func(yield func(span) bool) {
		start := 0
		stopped := false
		add := func(end int) {
			for !stopped && end-start > maxSentence {
				cut := sentenceCut(text, start, start+maxSentence)
				stopped = !emitSpan(text, start, cut, yield)
				start = cut
			}
			if !stopped {
				stopped = !emitSpan(text, start, end, yield)
			}
			start = end
		}
		for i := 0; i < len(text) && !stopped; i++ {
			c := text[i]
			if c == '\n' && i+1 < len(text) && (text[i+1] == '\n' || bulletLine(text[i+1:]) || tableRow(text, i) || tableRow(text, i+1) || ruleLine(text, i) || ruleLine(text, i+1)) {
				add(i)
				continue
			}
			if c != '.' && c != '!' && c != '?' {
				continue
			}
			if j, ok := sentenceEnd(text, start, i); ok {
				add(j)
			}
		}
		if !stopped {
			add(len(text))
		}
	}
}

// sentenceEnd reports whether the '.', '!' or '?' at byte i ends a
// sentence begun at start, and where (after closing quotes and brackets).
func sentenceEnd(text string, start, i int) (int, bool) {
	j := i + 1
	for j < len(text) && (text[j] == '"' || text[j] == '\'' || text[j] == ')') {
		j++
	}
	if j >= len(text) || !isSpace(text[j]) {
		return 0, false
	}
	k := j
	for k < len(text) && isSpace(text[k]) {
		k++
	}
	if k >= len(text) {
		return 0, false
	}
	r, _ := utf8.DecodeRuneInString(text[k:])
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) && r != '"' && r != '(' && r != '\'' && r != '¿' && r != '¡' && r != '«' {
		return 0, false
	}
	if text[i] == '.' && abbreviation(text[max(start, i-64):i]) {
		return 0, false
	}
	return j, true
}

// sentenceCut returns where to cut an over-long sentence that starts at
// lo before hi: after the last space in its second half, else at the
// last character boundary before hi.
func sentenceCut(text string, lo, hi int) int {
	if k := strings.LastIndexAny(text[lo+(hi-lo)/2:hi], " \n"); k >= 0 {
		return lo + (hi-lo)/2 + k + 1
	}
	for hi > lo+1 && !utf8.RuneStart(text[hi]) {
		hi--
	}
	return hi
}

// emitSpan yields text[s:e] without surrounding white space, if any is
// left, and reports whether to go on.
func emitSpan(text string, s, e int, yield func(span) bool) bool {
	for s < e && isSpace(text[s]) {
		s++
	}
	for e > s && isSpace(text[e-1]) {
		e--
	}
	return e <= s || yield(span{s, e})
}

// abbreviation reports whether the text before a full stop ends with an
// abbreviation or a one-letter initial.
func abbreviation(before string) bool {
	w := before
	if i := strings.LastIndexAny(w, " \n(\""); i >= 0 {
		w = w[i+1:]
	}
	w = strings.ToLower(w)
	if abbreviations[w] {
		return true
	}
	return utf8.RuneCountInString(w) == 1 && w != "" && unicode.IsLetter([]rune(w)[0])
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' }

// clauses splits a sentence span at ", ", "; ", ": " and the words
// "while", "whereas", "mientras", "enquanto", "but", "pero"; with major
// set, only at "; " and those words.
func clauses(text string, s span, major bool) []span {
	var out []span
	start := s.start
	seg := text[s.start:s.end]
	for i := 0; i < len(seg); i++ {
		cut := 0
		switch {
		case (seg[i] == ';' || (!major && (seg[i] == ',' || seg[i] == ':'))) && i+1 < len(seg) && isSpace(seg[i+1]):
			cut = 1
		case seg[i] == ' ':
			for _, w := range clauseWords {
				if strings.HasPrefix(seg[i:], w) {
					cut = len(w) - 1
					break
				}
			}
		}
		if cut > 0 {
			out = append(out, span{start, s.start + i})
			start = s.start + i + cut
			i += cut - 1
		}
	}
	return append(out, span{start, s.end})
}

var clauseWords = []string{" while ", " whereas ", " mientras ", " enquanto ", " but ", " pero ", " whilst "}

// bulletLine reports a line that opens a list item or a question or
// answer ("* ", "- ", "• ", "Q: ", "A: "), which starts a sentence.
func bulletLine(s string) bool {
	for _, p := range []string{"* ", "- ", "• ", "· ", "– ", "— ", "Q: ", "A: ", "P: ", "R: "} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// cellSep separates the cells of a table row: HTML tables are read with
// it, and flattened tables in text often use it.
const cellSep = " | "

// tableRow reports whether the line that holds byte at (or ends there)
// is a row of a table, which is a sentence of its own.
func tableRow(text string, at int) bool {
	ls, le := lineAt(text, at)
	return strings.Contains(text[ls:le], cellSep)
}

// lineAt returns the bytes of the line that holds byte at, or ends there.
func lineAt(text string, at int) (int, int) {
	ls := strings.LastIndexByte(text[:at], '\n') + 1
	le := strings.IndexByte(text[at:], '\n')
	if le < 0 {
		return ls, len(text)
	}
	return ls, at + le
}

// ruleLine reports whether the line that holds byte at is a rule
// ("________", "-----"), such as the one above footnotes.
func ruleLine(text string, at int) bool {
	ls, le := lineAt(text, at)
	return footnoteRE.MatchString(text[ls:le])
}
