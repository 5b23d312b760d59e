package normalize

import (
	"cmp"
	"slices"
	"strings"
	"sync"
)

// The qualifiers a Quantity carries, as written to the project's tables.
const (
	QualifierExact    = "exact"     // "5,000"
	QualifierApprox   = "approx"    // "around", "~", "unos", "cerca de", "quase"
	QualifierMoreThan = "more_than" // "over", ">", "más de", "mais de"
	QualifierAtLeast  = "at_least"  // "at least", "≥", "al menos", "pelo menos", "5,000+"
	QualifierLessThan = "less_than" // "under", "<", "menos de"
	QualifierUpTo     = "up_to"     // "up to", "≤", "hasta", "até"
	QualifierRange    = "range"     // "5,000-7,000", "between 5,000 and 7,000"
)

// Quantity is a figure with its qualifier. For QualifierRange, Low and High
// hold the bounds (Low <= High) and Value is nil; for every other qualifier
// Value holds the figure and Low and High are nil: the qualifier alone says
// which side the true value lies on. No midpoint is ever computed.
type Quantity struct {
	Value, Low, High *float64
	Qualifier        string
}

// qualifierPhrases maps folded leading phrases to qualifiers.
var qualifierPhrases = map[string]string{
	"~": QualifierApprox, "≈": QualifierApprox, "∼": QualifierApprox, "c.": QualifierApprox, "ca.": QualifierApprox,
	"circa": QualifierApprox, "around": QualifierApprox, "about": QualifierApprox, "some": QualifierApprox,
	"approximately": QualifierApprox, "approx.": QualifierApprox, "approx": QualifierApprox, "roughly": QualifierApprox,
	"nearly": QualifierApprox, "almost": QualifierApprox, "an estimated": QualifierApprox, "unos": QualifierApprox,
	"unas": QualifierApprox, "alrededor de": QualifierApprox, "cerca de": QualifierApprox, "aproximadamente": QualifierApprox,
	"aprox.": QualifierApprox, "aprox": QualifierApprox, "casi": QualifierApprox, "cercano a": QualifierApprox,
	"del orden de": QualifierApprox, "del orden de los": QualifierApprox, "en torno a": QualifierApprox,
	"quase": QualifierApprox, "por volta de": QualifierApprox, "em torno de": QualifierApprox, "quasi": QualifierApprox,
	"over": QualifierMoreThan, "more than": QualifierMoreThan, "above": QualifierMoreThan, "upwards of": QualifierMoreThan,
	"in excess of": QualifierMoreThan, ">": QualifierMoreThan, "mas de": QualifierMoreThan, "mais de": QualifierMoreThan,
	"superior a": QualifierMoreThan, "por encima de": QualifierMoreThan, "supera los": QualifierMoreThan,
	"acima de": QualifierMoreThan, "oltre": QualifierMoreThan, "piu di": QualifierMoreThan,
	"at least": QualifierAtLeast, "no less than": QualifierAtLeast, "no fewer than": QualifierAtLeast, "≥": QualifierAtLeast,
	">=": QualifierAtLeast, "al menos": QualifierAtLeast, "por lo menos": QualifierAtLeast, "como minimo": QualifierAtLeast,
	"no menos de": QualifierAtLeast, "pelo menos": QualifierAtLeast, "no minimo": QualifierAtLeast, "almeno": QualifierAtLeast,
	"less than": QualifierLessThan, "fewer than": QualifierLessThan, "under": QualifierLessThan, "below": QualifierLessThan,
	"<": QualifierLessThan, "menos de": QualifierLessThan, "menos que": QualifierLessThan, "inferior a": QualifierLessThan,
	"por debajo de": QualifierLessThan, "abaixo de": QualifierLessThan, "meno di": QualifierLessThan,
	"up to": QualifierUpTo, "as much as": QualifierUpTo, "as many as": QualifierUpTo, "≤": QualifierUpTo,
	"<=": QualifierUpTo, "hasta": QualifierUpTo, "ate": QualifierUpTo, "fino a": QualifierUpTo,
}

// qualifierSuffixes maps folded trailing phrases to qualifiers.
var qualifierSuffixes = map[string]string{
	"+": QualifierAtLeast, "or more": QualifierAtLeast, "o mas": QualifierAtLeast, "ou mais": QualifierAtLeast,
	"o piu": QualifierAtLeast, "or less": QualifierUpTo, "or fewer": QualifierUpTo, "o menos": QualifierUpTo,
	"ou menos": QualifierUpTo, "o meno": QualifierUpTo,
}

// longestFirst returns the keys of m, longest first, ties in byte order.
func longestFirst(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return cmp.Or(cmp.Compare(len(b), len(a)), cmp.Compare(a, b)) })
	return keys
}

var (
	phraseOrder = sync.OnceValue(func() []string { return longestFirst(qualifierPhrases) })
	suffixOrder = sync.OnceValue(func() []string { return longestFirst(qualifierSuffixes) })
)

// cutQualifier removes a leading qualifier phrase from s, or failing that a
// trailing one, and returns the qualifier (QualifierExact if none).
func cutQualifier(s string) (qualifier, rest string) {
	for _, p := range phraseOrder() {
		if rest, ok := cutWordFold(s, p); ok {
			return qualifierPhrases[p], strings.TrimSpace(rest)
		}
	}
	for _, p := range suffixOrder() {
		if rest, ok := cutSuffixWords(s, p); ok {
			return qualifierSuffixes[p], rest
		}
	}
	return QualifierExact, s
}

// cutSuffixWords removes the folded phrase p from the end of s when it
// stands as whole words ("+" may touch the digits: "5,000+").
func cutSuffixWords(s, p string) (string, bool) {
	if p == "+" {
		rest, ok := strings.CutSuffix(s, "+")
		return strings.TrimSpace(rest), ok && rest != ""
	}
	words := fieldSpans(s)
	n := len(strings.Fields(p))
	if len(words) <= n {
		return s, false
	}
	start := words[len(words)-n][0]
	if foldKey(s[start:]) != p {
		return s, false
	}
	return strings.TrimSpace(s[:start]), true
}
