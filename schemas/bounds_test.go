package schemas

import (
	"regexp"
	"testing"
)

// decimalRE is the regular expression decimalText reads by hand.
var decimalRE = regexp.MustCompile(`^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?$`)

var decimalCases = []string{"", "0", "1234", "-1", "+1", "1.", ".5", "-.5", "1.5", "+.", ".", "-", "1e3", "1E+3", "1e-300", "1e", "1e+",
	"1e1234", "1.5e12", ".e1", "1.e1", "0x10", "0x1p40", "1_000", "NaN", "Inf", "-Infinity", "1,5", " 1", "1 ", "١٢", "1e999", "--1", "1.2.3"}

func TestDecimalText(t *testing.T) {
	for _, s := range decimalCases {
		if got, want := decimalText(s), decimalRE.MatchString(s); got != want {
			t.Errorf("decimalText(%q) = %v, the expression says %v", s, got, want)
		}
	}
	for s, want := range map[string]bool{"1234.5": true, "-0.25": true, "1e400": false, "NaN": false, "0x10": false, "": false} {
		if got := FiniteDecimal(s); got != want {
			t.Errorf("FiniteDecimal(%q) = %v, want %v", s, got, want)
		}
	}
}

func FuzzDecimalText(f *testing.F) {
	for _, s := range decimalCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := decimalText(s), decimalRE.MatchString(s); got != want {
			t.Errorf("decimalText(%q) = %v, the expression says %v", s, got, want)
		}
	})
}
