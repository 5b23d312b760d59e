package normalize

import "strings"

// digitsVerdict is the outcome of reading a number's digits.
type digitsVerdict int

const (
	digitsOK digitsVerdict = iota
	digitsBad
	digitsAmbiguous
)

// digits splits core (ASCII digits and separators, every space already
// turned into ' ') into its integer and fraction digits as l reads it.
func (l Locale) digits(core string) (whole, frac string, v digitsVerdict) {
	if l.decimal != 0 {
		return strictDigits(core, l.groups, l.decimal)
	}
	nDot, nComma := strings.Count(core, "."), strings.Count(core, ",")
	switch {
	case strings.Contains(core, " "):
		if nDot > 0 && nComma > 0 {
			return "", "", digitsBad
		}
		dec := byte(',')
		if nDot > 0 {
			dec = '.'
		}
		return strictDigits(core, " ", dec)
	case nDot > 0 && nComma > 0:
		if strings.LastIndexByte(core, '.') > strings.LastIndexByte(core, ',') {
			return strictDigits(core, ",", '.')
		}
		return strictDigits(core, ".", ',')
	case nDot+nComma == 0:
		return strictDigits(core, "", '.')
	}
	sep, other := byte('.'), byte(',')
	if nComma > 0 {
		sep, other = ',', '.'
	}
	if nDot+nComma > 1 {
		return strictDigits(core, string(sep), other)
	}
	before, after, _ := strings.Cut(core, string(sep))
	if len(after) == 3 && len(before) >= 1 && len(before) <= 3 && before[0] != '0' {
		return "", "", digitsAmbiguous
	}
	return strictDigits(core, "", sep)
}

// strictDigits reads core with one decimal separator and the given group
// separators: groups are 1-3 digits (no leading zero), then exactly 3.
func strictDigits(core, groups string, dec byte) (whole, frac string, v digitsVerdict) {
	whole, frac, hasDec := strings.Cut(core, string(dec))
	if hasDec && (frac == "" || !allDigits(frac)) {
		return "", "", digitsBad
	}
	if whole == "" {
		if !hasDec {
			return "", "", digitsBad
		}
		return "0", frac, digitsOK
	}
	whole, ok := ungroup(whole, groups)
	if !ok {
		return "", "", digitsBad
	}
	return whole, frac, digitsOK
}

// ungroup removes group separators from s, checking their placement; all
// separators in s must be the same character.
func ungroup(s, groups string) (string, bool) {
	i := strings.IndexAny(s, groups)
	if groups == "" || i < 0 {
		return s, allDigits(s)
	}
	parts := strings.Split(s, s[i:i+1])
	if len(parts[0]) > 3 || parts[0] == "" || parts[0][0] == '0' || !allDigits(parts[0]) {
		return "", false
	}
	for _, p := range parts[1:] {
		if len(p) != 3 || !allDigits(p) {
			return "", false
		}
	}
	return strings.Join(parts, ""), true
}

// allDigits reports whether s is a non-empty run of ASCII digits.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}
