package xlsxtable

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/cubaexports/cubaexports/sources/normalize"
)

// value is what one table cell says: a number, or a status for a figure
// the table does not give (with the symbol it showed).
type value struct {
	num    float64
	status string // reported, nil, not_available, withheld, skip
	symbol string
	// check is set when the cell's kind decides its meaning: an empty
	// cell may be a formula never computed, "1.234" may be a number or
	// text in locale es.
	check bool
}

var (
	// textChars are the only characters of a number written as text.
	textChars = regexp.MustCompile(`^[-−+(]?[0-9][0-9 \x{00a0}\x{2009}\x{202f}.,]*\)?$`)
	// dotGroup is "1.234": a numeric cell's 1.234 or, in locale es, text 1234.
	dotGroup = regexp.MustCompile(`^-?[0-9]{1,3}\.[0-9]{3}$`)
)

// isRawNumber reports whether s is how a numeric cell's value is stored
// in the XML: -?digits(.digits)?([eE][-+]?digits)?.
func isRawNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits := func() bool {
		j := i
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
		return i > j
	}
	if !digits() {
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if !digits() {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if !digits() {
			return false
		}
	}
	return i == len(s)
}

// ErrNotNumber is wrapped when a cell's text is not a number in the locale.
var ErrNotNumber = errors.New("not a number")

// parseValue reads a cell's raw value: a missing-value symbol, a numeric
// cell, or a number written as text in the layout's locale.
func (p *plan) parseValue(raw string) (value, error) {
	s := strings.TrimSpace(raw)
	if st, ok := p.missing[s]; ok {
		return value{status: st, symbol: s, check: s == ""}, nil
	}
	if isRawNumber(s) {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsInf(f, 0) {
			return value{}, fmt.Errorf("%w: %q is out of range", ErrNotNumber, s)
		}
		ambiguous := p.loc == normalize.LocaleES && dotGroup.MatchString(s)
		return value{num: f, status: "reported", check: ambiguous}, nil
	}
	f, err := ParseCellText(s, p.loc)
	if err != nil {
		return value{}, err
	}
	return value{num: f, status: "reported"}, nil
}

// ParseCellText reads a number written as text in a table cell: digits
// grouped and with decimals as loc writes them ("1 234,5" in LocaleONEI),
// an optional sign or accounting parentheses, and nothing else (no
// currency, no scale words: the units line gives the scale).
func ParseCellText(s string, loc normalize.Locale) (float64, error) {
	t := strings.TrimSpace(s)
	if !textChars.MatchString(t) {
		return 0, fmt.Errorf("%w: %q is not a number written as text (digits and separators only)", ErrNotNumber, s)
	}
	f, err := normalize.ParseNumber(t, loc)
	if err != nil {
		return 0, fmt.Errorf("%w: %w", ErrNotNumber, err)
	}
	return f, nil
}

// scale multiplies v by m exactly in decimal when m is a power of ten
// (1234.3 thousands is 1234300, not 1234300.0000000002).
func scale(v, m float64) float64 {
	if m == 1 {
		return v
	}
	if e := math.Log10(m); e == math.Trunc(e) && math.Pow(10, e) == m {
		f, err := strconv.ParseFloat(normalize.FormatNumber(v)+"e"+strconv.Itoa(int(e)), 64)
		if err == nil && !math.IsInf(f, 0) {
			return f
		}
	}
	return v * m
}
