package normalize

import (
	"math"
	"strconv"
	"strings"
)

// ParseNumber reads a figure written the way loc writes numbers. Around the
// digits it accepts a currency code, symbol or word at either end ("US$",
// "R$", "N$", "€", "L", "USD", "dólares"), a percent sign (the caller knows
// the unit), a leading "+", "-" or "−", accounting parentheses for negatives
// ("(1 300)" is -1300), and a scale word that multiplies the value: "mil",
// "thousand", "k" (10³); "million", "millones", "milhões", "m", "mn" (10⁶);
// "billion", "bn", "mil millones", "mil milhões", "bilhões", "millardos"
// (10⁹). Spanish "8 mil 200" is 8200. Scaling is done on the decimal
// digits, so "6.4 billion" is exactly 6400000000.
//
// Text that is not a number in loc fails with an error wrapping
// ErrNotANumber that quotes s and says what loc expects; LocaleAuto fails
// with ErrAmbiguousNumber when the separators allow two readings.
func ParseNumber(s string, loc Locale) (float64, error) {
	d, err := parseDecimal(s, loc)
	if err != nil {
		return 0, err
	}
	return d.float(s)
}

// FormatNumber writes f in the canonical form of the project's CSV output:
// no exponent, no thousands separator, "." decimals, and the fewest digits
// that read back as f. ParseNumber(FormatNumber(f), LocaleEN) returns f for
// every finite f; NaN and infinities format as "NaN", "+Inf" and "-Inf",
// which ParseNumber rejects.
func FormatNumber(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// decimal is a parsed figure before conversion to float64: digits, sign,
// and the power of ten its scale word adds.
type decimal struct {
	neg    bool
	whole  string // integer digits
	frac   string // fraction digits, possibly empty
	tail   string // 1-3 digits after "mil" in "8 mil 200"
	exp    int    // power of ten from the scale word
	scaled bool   // a scale word was present
}

// parseDecimal reads s in loc into a decimal.
func parseDecimal(s string, loc Locale) (decimal, error) {
	if loc.name == "" {
		return decimal{}, newError(ErrNotANumber, "number %q: the zero Locale cannot parse; use LocaleEN, LocaleES, LocalePT, LocaleONEI or LocaleAuto", s)
	}
	d, v := readDecimal(strings.TrimSpace(s), loc)
	switch v {
	case digitsAmbiguous:
		return d, newError(ErrAmbiguousNumber, "number %q is ambiguous in locale auto (is the separator for thousands or decimals?): parse it with the source's locale", s)
	case digitsBad:
		return d, newError(ErrNotANumber, "number %q is not a number in locale %s (expected %s)", s, loc.name, loc.expect)
	}
	return d, nil
}

// readDecimal parses the trimmed text t: parentheses, sign and currency,
// then the digits, then scale, currency or percent.
func readDecimal(t string, loc Locale) (decimal, digitsVerdict) {
	var d decimal
	parens := len(t) >= 2 && t[0] == '(' && t[len(t)-1] == ')'
	if parens {
		t = strings.TrimSpace(t[1 : len(t)-1])
	}
	t, neg, signed := cutLead(t)
	if parens && signed {
		return d, digitsBad
	}
	d.neg = neg || parens
	core, rest := scanCore(t)
	if core == "" || !d.readSuffix(rest) {
		return d, digitsBad
	}
	var v digitsVerdict
	if d.whole, d.frac, v = loc.digits(core); v != digitsOK {
		return d, v
	}
	if d.tail != "" {
		if d.frac != "" {
			return d, digitsBad
		}
		d.whole += strings.Repeat("0", 3-len(d.tail)) + d.tail
	}
	return d, digitsOK
}

// float converts d exactly as strconv rounds its decimal form; s is the
// original text, for the error.
func (d decimal) float(s string) (float64, error) {
	f, err := strconv.ParseFloat(d.String(), 64)
	if err != nil || math.IsInf(f, 0) {
		return 0, newError(ErrNotANumber, "number %q is out of range for a float64", s)
	}
	return f, nil
}

// String returns d as a strconv-readable decimal, e.g. "-6.4e9".
func (d decimal) String() string {
	var b strings.Builder
	if d.neg {
		b.WriteByte('-')
	}
	b.WriteString(d.whole)
	if d.frac != "" {
		b.WriteByte('.')
		b.WriteString(d.frac)
	}
	if d.exp != 0 {
		b.WriteByte('e')
		b.WriteString(strconv.Itoa(d.exp))
	}
	return b.String()
}
