package normalize

import (
	"errors"
	"fmt"
	"strings"
)

// ParseQuantity reads a possibly qualified figure or range in loc:
//
//	"5,000"                       exact     Value 5000
//	"around 5,000", "~5,000"      approx    Value 5000
//	"más de 8.200 millones"       more_than Value 8.2e9 (LocaleES)
//	"at least 50", "50+"          at_least  Value 50
//	"less than 10", "<10"         less_than Value 10
//	"up to 90%", "hasta 90"       up_to     Value 90
//	"between 5,000 and 7,000"     range     Low 5000, High 7000
//
// Ranges are written "a-b" (any dash), "a to b", "de a a b", "between/entre
// a and/y/e b" or "from a to b"; a scale word on the high bound alone also
// scales the low bound when the low bound is the smaller figure ("6-8
// billion" is 6e9 to 8e9). An approximate range ("around 5-7 million") is a
// range; any other qualifier on a range, or a low bound above the high one,
// is an error. Numbers are read as ParseNumber reads them, and errors wrap
// ErrNotANumber (or ErrAmbiguousNumber in LocaleAuto).
func ParseQuantity(s string, loc Locale) (Quantity, error) {
	qual, rest := cutQualifier(strings.TrimSpace(s))
	lo, hi, found, err := parseRange(rest, loc)
	switch {
	case err != nil:
		return Quantity{}, quantityError(s, err)
	case found && qual != QualifierExact && qual != QualifierApprox:
		return Quantity{}, newError(ErrNotANumber, "quantity %q: a range cannot be qualified %s", s, qual)
	case found && lo > hi:
		return Quantity{}, newError(ErrNotANumber, "quantity %q: range low %s is above high %s", s, FormatNumber(lo), FormatNumber(hi))
	case found:
		return Quantity{Low: &lo, High: &hi, Qualifier: QualifierRange}, nil
	}
	v, err := ParseNumber(rest, loc)
	if err != nil {
		return Quantity{}, quantityError(s, err)
	}
	return Quantity{Value: &v, Qualifier: qual}, nil
}

// quantityError adds the whole input to err unless err already quotes it.
func quantityError(s string, err error) error {
	if strings.Contains(err.Error(), fmt.Sprintf("%q", s)) {
		return err
	}
	return &valueError{msg: fmt.Sprintf("quantity %q: %v", s, err), err: err}
}

// rangeConnectors join the bounds after "between", "entre", "from"...;
// bareConnectors join them without such a word ("5 to 7", "5 a 7"). Dashes
// join them in both cases.
var (
	rangeConnectors = []string{"and", "y", "e", "&", "to", "a", "al", "hasta", "ate", "till"}
	bareConnectors  = []string{"to", "a"}
)

// parseRange reads s as two bounds if it is written as a range. found is
// false when s is not a range; err is set when it must be one ("between
// 5") or its bounds are ambiguous.
func parseRange(s string, loc Locale) (lo, hi float64, found bool, err error) {
	body, prefixed := cutRangePrefix(s)
	conns := bareConnectors
	if prefixed {
		conns = rangeConnectors
	}
	var firstErr error
	for _, c := range rangeSplits(body, conns) {
		l, r := c[0], c[1]
		if prefixed {
			r = cutArticle(r)
		}
		ld, lerr := parseDecimal(l, loc)
		rd, rerr := parseDecimal(r, loc)
		if lerr == nil && rerr == nil {
			lo, hi, err = rangeBounds(ld, rd, s)
			return lo, hi, true, err
		}
		if firstErr == nil {
			firstErr = cmpErr(lerr, rerr)
		}
		if ambiguousOnly(lerr, rerr) {
			return 0, 0, false, cmpErr(lerr, rerr)
		}
	}
	if !prefixed {
		return 0, 0, false, nil
	}
	if firstErr != nil {
		return 0, 0, false, firstErr
	}
	return 0, 0, false, newError(ErrNotANumber, "quantity %q is not a range (expected two bounds joined by \"and\", \"y\", \"e\", \"to\", \"a\" or a dash)", s)
}

// rangeBounds converts the bounds, giving the low bound the high bound's
// scale word when it has none and is the smaller unscaled figure.
func rangeBounds(ld, rd decimal, s string) (lo, hi float64, err error) {
	if !ld.scaled && rd.scaled {
		lu, hu := ld, rd
		hu.exp = 0
		lv, lerr := lu.float(s)
		hv, herr := hu.float(s)
		if lerr == nil && herr == nil && lv <= hv {
			ld.exp, ld.scaled = rd.exp, true
		}
	}
	if lo, err = ld.float(s); err != nil {
		return 0, 0, err
	}
	hi, err = rd.float(s)
	return lo, hi, err
}

// cmpErr returns the first non-nil error.
func cmpErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// ambiguousOnly reports whether the bounds failed only for ambiguity.
func ambiguousOnly(lerr, rerr error) bool {
	ok := func(e error) bool { return e == nil || errors.Is(e, ErrAmbiguousNumber) }
	return ok(lerr) && ok(rerr) && (lerr != nil || rerr != nil)
}
