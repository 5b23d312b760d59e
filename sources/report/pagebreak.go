package report

import (
	"context"
	"io"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A PDF page may end in the middle of a sentence. FindClaimsAcross reads
// such a sentence whole, joining the unfinished end of one page to the
// start of the next, so the quote is the whole sentence and a country or
// year named on the other page still ties the figure; the figure's page
// and offsets stay on the page it is printed on. Page furniture (a page
// number alone on its line, "Page 2 of 5", "- 3 -") between the two parts
// is skipped.

// furnitureRE matches a line that is only a page number.
var furnitureRE = regexp.MustCompile(`^(?i:(?:page|p\.|pág\.?|página|pag\.?)\s*)?[-–—]?\s*\d{1,4}\s*(?:(?i:of|de|/)\s*\d{1,4})?\s*[-–—]?$`)

// currencyStartRE: a page that starts with an amount continues a sentence
// left unfinished ("... the host paid\f US$ 1,200 a month").
var currencyStartRE = regexp.MustCompile(`^(?:US\$|R\$|N\$|TT\$|MX\$|€|£|\$|(?:[A-Z]{3}|L|Q|R|Sh|SR|KSh|S/|Bs\.)\s?\d)`)

// joinWords end a sentence fragment that must go on: "in\f Angola",
// "paid to the\f Namibian government".
var joinWords = map[string]bool{
	"in": true, "to": true, "of": true, "the": true, "a": true, "an": true, "and": true, "by": true, "from": true,
	"for": true, "with": true, "at": true, "or": true, "than": true, "de": true, "del": true, "en": true, "el": true,
	"la": true, "los": true, "las": true, "y": true, "para": true, "por": true, "con": true, "em": true, "no": true,
	"na": true, "nos": true, "nas": true, "do": true, "da": true, "dos": true, "das": true, "o": true, "os": true,
	"e": true, "com": true, "que": true, "that": true, "about": true, "around": true, "some": true,
}

// contentSpan returns the bytes of text without page furniture lines at
// its start and end.
func contentSpan(text string) (int, int) {
	lo, hi := 0, len(text)
	for lo < hi {
		nl := strings.IndexByte(text[lo:hi], '\n')
		if nl < 0 || !isFurniture(text[lo:lo+nl]) {
			break
		}
		lo += nl + 1
	}
	for hi > lo {
		nl := strings.LastIndexByte(text[lo:hi], '\n')
		if nl < 0 || !isFurniture(text[lo+nl+1:hi]) {
			break
		}
		hi = lo + nl
	}
	return lo, hi
}

func isFurniture(line string) bool {
	line = strings.TrimSpace(line)
	return line == "" || furnitureRE.MatchString(line)
}

// unfinishedTail returns the start of the last sentence of text[lo:hi]
// when it does not end a sentence, else -1.
func unfinishedTail(text string, lo, hi int) int {
	last, found := span{}, false
	for s := range sentences(text[lo:hi]) {
		last, found = s, true
	}
	if !found {
		return -1
	}
	r, _ := utf8.DecodeLastRuneInString(text[lo+last.start : lo+last.end])
	if unicode.IsLower(r) || unicode.IsDigit(r) || strings.ContainsRune(",-$€(", r) {
		return lo + last.start
	}
	return -1
}

// continues reports whether the next page's content goes on with the
// unfinished fragment tail.
func continues(tail, next string) bool {
	next = strings.TrimLeft(next, " \n")
	r, _ := utf8.DecodeRuneInString(next)
	if next == "" || bulletLine(next) {
		return false
	}
	if unicode.IsLower(r) || unicode.IsDigit(r) || currencyStartRE.MatchString(next) {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(tail)
	if last == ',' || last == '-' || last == '$' || last == '€' || last == '(' {
		return true
	}
	words := strings.Fields(tail)
	return len(words) > 0 && joinWords[words[len(words)-1]]
}

// firstSentenceEnd returns where the first sentence of text[lo:hi] ends.
func firstSentenceEnd(text string, lo, hi int) int {
	for s := range sentences(text[lo:hi]) {
		return lo + s.end
	}
	return lo
}

// footnoteRE matches the rule that separates footnotes from the text of
// a page ("________", "-----").
var footnoteRE = regexp.MustCompile(`(?m)^\s*(?:_{5,}|-{5,}|—{3,})\s*$`)

// bodyEnd returns where the text of text[lo:hi] before its footnotes
// (the line of their rule) ends, without trailing white space.
func bodyEnd(text string, lo, hi int) int {
	if loc := footnoteRE.FindStringIndex(text[lo:hi]); loc != nil {
		hi = lo + loc[0]
	}
	return lo + len(strings.TrimRight(text[lo:hi], " \n"))
}

// FindClaimsAcross lists the claims of page p like FindClaims, but reads
// a sentence cut by a page break whole: the unfinished last sentence of
// prev before p's first, the first sentence of next after p's
// unfinished last one. Page numbers and footnotes at the foot of a page
// do not stop the sentence. prev and next may be nil (first and last
// page). Claims lie on p: page and offsets refer to p's text.
func (f *Finder) FindClaimsAcross(prev *Page, p Page, next *Page) []Claim {
	var out []Claim
	_ = f.eachClaimAcross(context.Background(), prev, p, next, func(c Claim) error {
		out = append(out, c)
		return nil
	})
	return out
}

// eachClaimAcross calls fn with each claim FindClaimsAcross lists, in
// order, without holding them.
func (f *Finder) eachClaimAcross(ctx context.Context, prev *Page, p Page, next *Page, fn func(Claim) error) error {
	lo, hi := contentSpan(p.Text)
	if lo >= hi {
		return f.EachClaim(ctx, p, fn)
	}
	be := bodyEnd(p.Text, lo, hi)
	var prefix, suffix string
	if prev != nil {
		plo, phi := contentSpan(prev.Text)
		pbe := bodyEnd(prev.Text, plo, phi)
		if t := unfinishedTail(prev.Text, plo, pbe); t >= 0 && continues(prev.Text[t:pbe], p.Text[lo:be]) {
			prefix = prev.Text[t:pbe] + "\n"
		}
	}
	if next != nil {
		if t := unfinishedTail(p.Text, lo, be); t >= 0 {
			nlo, nhi := contentSpan(next.Text)
			nbe := bodyEnd(next.Text, nlo, nhi)
			if nlo < nbe && continues(p.Text[t:be], next.Text[nlo:nbe]) {
				suffix = "\n" + next.Text[nlo:firstSentenceEnd(next.Text, nlo, nbe)] + "\n\n"
			}
		}
	}
	if prefix == "" && suffix == "" {
		return f.EachClaim(ctx, p, fn)
	}
	text := prefix + p.Text[lo:be] + suffix + p.Text[be:hi]
	body := segment{len(prefix), len(prefix) + be - lo, utf8.RuneCountInString(p.Text[:lo])}
	notes := segment{body.hi + len(suffix), len(text), utf8.RuneCountInString(p.Text[:be])}
	return f.findClaims(ctx, p.N, text, []segment{body, notes}, fn)
}

// ReadClaims reads the document in r page by page (see ReadPagesLimited,
// with f.Limits) and
// calls fn with each claim, in order, reading sentences cut by a page
// break whole (FindClaimsAcross). It holds at most three pages at a time.
func (f *Finder) ReadClaims(ctx context.Context, name string, r io.Reader, fn func(Claim) error) error {
	var prev, cur *Page
	emit := func(next *Page) error {
		if cur == nil {
			return nil
		}
		if err := f.eachClaimAcross(ctx, prev, *cur, next, fn); err != nil {
			return err
		}
		prev = cur
		return nil
	}
	err := ReadPagesLimited(ctx, name, r, f.Limits, func(p Page) error {
		if err := emit(&p); err != nil {
			return err
		}
		cur = &p
		return nil
	})
	if err != nil {
		return err
	}
	return emit(nil)
}
