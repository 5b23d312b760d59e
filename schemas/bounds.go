package schemas

import (
	"errors"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// Errors of values that make no sense, wrapped by the findings and
// errors that report them.
var (
	ErrNotFinite   = errors.New("not a finite decimal number")
	ErrOutOfBounds = errors.New("out of bounds")
	ErrBadText     = errors.New("text not allowed")
)

// Bound is the range [Min, Max] the values of a numeric column must lie
// in: what makes sense for the quantity, so that a typing slip ("1e308",
// a count of 0x10 read as 16) or a unit mistake stops the release.
type Bound struct{ Min, Max float64 }

// bounds declares the range of every numeric column that has one, keyed
// by table and column; validation iterates it (with ColumnBound) and
// every input path refuses numbers that are not finite decimals
// (FiniteDecimal). The limits are generous on purpose: they catch
// absurd values, not surprising ones. Money in a local currency (Cuban
// pesos, kwanzas) runs to large numbers, so amounts have wide bounds;
// years are bounded by validation itself.
var bounds = map[string]map[string]Bound{
	RevenueName: {
		"value": {0, 1e13}, "value_low": {0, 1e13}, "value_high": {0, 1e13},
		"value_usd": {0, 1e12}, "value_usd_const": {0, 1e12},
	},
	ContractRatesName: {
		"amount": {0, 1e12}, "amount_low": {0, 1e12}, "amount_high": {0, 1e12},
		"workers":              {1, 1e6},
		"usd_per_worker_month": {0, 1e6}, "usd_per_worker_month_low": {0, 1e6}, "usd_per_worker_month_high": {0, 1e6},
	},
	WorkerCountsName: {
		"count": {0, 1e6}, "count_low": {0, 1e6}, "count_high": {0, 1e6},
		"n_countries": {1, 250},
	},
	FXRatesName: {"rate_per_usd": {1e-6, 1e9}},
	CPIName:     {"month": {1, 12}, "index": {1, 1e5}},
	HostEstimatesName: {
		"workers": {0, 1e6}, "workers_low": {0, 1e6}, "workers_high": {0, 1e6},
		"host_pays_usd_per_worker_month": {0, 1e6}, "host_pays_usd_low": {0, 1e6}, "host_pays_usd_high": {0, 1e6},
		"implied_revenue_usd": {0, 1e12}, "implied_revenue_usd_low": {0, 1e12}, "implied_revenue_usd_high": {0, 1e12},
		"worker_share_pct": {0, 100}, "state_share_pct": {0, 100},
	},
}

// ColumnBound returns the declared range of a numeric column.
func ColumnBound(table, column string) (Bound, bool) {
	b, ok := bounds[table][column]
	return b, ok
}

// Check reports whether v is finite and within the bound.
func (b Bound) Check(v float64) error {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return fmt.Errorf("%w: %v", ErrNotFinite, v)
	case v < b.Min || v > b.Max:
		return fmt.Errorf("%w: %s is outside %s to %s", ErrOutOfBounds, FormatNumber(v), FormatNumber(b.Min), FormatNumber(b.Max))
	}
	return nil
}

// FormatNumber writes a number as the CSV files do.
func FormatNumber(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// decimalText reports whether s is a decimal number: an optional sign,
// digits with an optional fraction (or a fraction alone), an optional
// exponent of one to three digits. It is the regular expression
// ^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?$ read by
// hand (FuzzDecimalText holds the two equal): every number cell of an
// input is checked, and the expression took most of the checking time.
func decimalText(s string) bool {
	i := sign(s, 0)
	whole := digits(s, i)
	i += whole
	if i < len(s) && s[i] == '.' {
		frac := digits(s, i+1)
		if whole == 0 && frac == 0 {
			return false
		}
		i += 1 + frac
	} else if whole == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i = sign(s, i+1)
		exp := digits(s, i)
		if exp < 1 || exp > 3 {
			return false
		}
		i += exp
	}
	return i == len(s)
}

// sign returns i past an optional sign at s[i].
func sign(s string, i int) int {
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		return i + 1
	}
	return i
}

// digits counts the ASCII digits at s[i:].
func digits(s string, i int) int {
	n := 0
	for i+n < len(s) && '0' <= s[i+n] && s[i+n] <= '9' {
		n++
	}
	return n
}

// FiniteDecimal reports whether s is a number written in decimal, the
// only way a number may be written in an input: not NaN, Inf or Infinity,
// not hexadecimal ("0x10", "0x1p40"), no digit separators ("1_000"), and
// within float64's range ("1e400" is not).
func FiniteDecimal(s string) bool {
	if !decimalText(s) {
		return false
	}
	v, err := strconv.ParseFloat(s, 64)
	return err == nil && !math.IsInf(v, 0)
}

// CheckNumberText returns an error unless s (a cell of an input, trimmed)
// is empty or a finite decimal.
func CheckNumberText(s string) error {
	if s == "" || FiniteDecimal(s) {
		return nil
	}
	return fmt.Errorf("%w: %q (write numbers in decimal, like 1234.5)", ErrNotFinite, s)
}

// TextRule is what a text column may hold: at most MaxChars characters,
// line breaks (and tabs) only when Multiline.
type TextRule struct {
	MaxChars  int
	Multiline bool
	// URL: the text is an http or https URL, or the path (or file: URL)
	// of a local document; no other scheme (a javascript: or data: URL in
	// the published catalog would run in a reader's browser).
	URL bool
}

// defaultText is the rule of a text column texts does not name.
var defaultText = TextRule{MaxChars: 1000}

// MaxCellChars is the most characters a workbook cell holds (Excel's
// limit); no text column may be longer, so the CSV, Parquet and XLSX
// files hold the same text.
const MaxCellChars = 32767

// texts declares the text columns that differ from DefaultText, keyed
// by table and then column ("*" for every table).
var texts = map[string]map[string]TextRule{
	"*": {
		"note": {MaxChars: 10000, Multiline: true}, "title": {MaxChars: 2000}, "usd_method": {MaxChars: 4000},
		"cites": {MaxChars: 2000}, "locator": {MaxChars: 2000}, "url": {MaxChars: 4000, URL: true},
		// derived methods name every input and caveat of a computation
		"household_usd_method": {MaxChars: 4000}, "method": {MaxChars: 8000}, "exports_usd_method": {MaxChars: 4000},
		"services_residual_method": {MaxChars: 4000}, "reason": {MaxChars: 4000},
	},
}

// ColumnText returns the text rule of a column.
func ColumnText(table, column string) TextRule {
	if r, ok := texts[table][column]; ok {
		return r
	}
	if r, ok := texts["*"][column]; ok {
		return r
	}
	return defaultText
}

// Check returns an error unless s is valid UTF-8 without control
// characters (tab and line breaks only when multiline), without the
// invisible bidirectional controls that reorder what a reader sees
// (U+202A-U+202E, U+2066-U+2069), and at most MaxChars characters long.
func (r TextRule) Check(s string) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("%w: not valid UTF-8", ErrBadText)
	}
	n := 0
	for _, c := range s {
		n++
		switch {
		case (c == '\n' || c == '\t' || c == '\r') && r.Multiline:
		case unicode.IsControl(c):
			return fmt.Errorf("%w: control character %U", ErrBadText, c)
		case (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069):
			return fmt.Errorf("%w: bidirectional control %U", ErrBadText, c)
		}
	}
	if max := min(r.MaxChars, MaxCellChars); n > max {
		return fmt.Errorf("%w: %d characters, more than %d", ErrBadText, n, max)
	}
	if r.URL && s != "" {
		u, err := url.Parse(s)
		// a local file the pipeline read is recorded by its path (no
		// scheme) or as file:
		ok := err == nil && (u.Scheme == "" || u.Scheme == "file" || ((u.Scheme == "http" || u.Scheme == "https") && u.Host != ""))
		if !ok {
			return fmt.Errorf("%w: expected an http:// or https:// URL", ErrBadText)
		}
	}
	return nil
}
