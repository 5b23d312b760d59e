package normalize

import (
	"errors"
	"math"
	"testing"
)

// locales are the fuzz targets' locale choices, indexed by a fuzzed byte.
var locales = []Locale{LocaleEN, LocaleES, LocalePT, LocaleONEI, LocaleAuto}

// FuzzParseNumber checks that ParseNumber never panics, fails only with the
// package's sentinels, returns only finite numbers, and that a number read in
// LocaleEN re-formats to text that reads back as the same value.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"4 882 234,5", "4.882.234.500", "1,600 dólares", "R$ 11.520", "N$647 621", "L60 mil",
		"6,3 mil milhões", "US$8 billion", "$1.3bn", "€71m", "(1 300)", "−5", "8 mil 200 millones de CUC", "1,600", "0.1"} {
		for i := range locales {
			f.Add(s, uint8(i))
		}
	}
	f.Fuzz(func(t *testing.T, s string, li uint8) {
		loc := locales[int(li)%len(locales)]
		v, err := ParseNumber(s, loc)
		switch {
		case err != nil && !errors.Is(err, ErrNotANumber) && !errors.Is(err, ErrAmbiguousNumber):
			t.Fatalf("ParseNumber(%q, %s) error %q wraps no sentinel", s, loc, err)
		case err == nil && (math.IsNaN(v) || math.IsInf(v, 0)):
			t.Fatalf("ParseNumber(%q, %s) = %v, not a finite number", s, loc, v)
		}
		en, err := ParseNumber(s, LocaleEN)
		if err != nil {
			return
		}
		back, err := ParseNumber(FormatNumber(en), LocaleEN)
		if err != nil || back != en {
			t.Fatalf("ParseNumber(%q) = %v; FormatNumber gives %q which reads back as %v, %v", s, en, FormatNumber(en), back, err)
		}
	})
}

// FuzzParseQuantity checks that ParseQuantity never panics and that its
// result is well formed: Value nil exactly for ranges, whose bounds are
// both set and ordered.
func FuzzParseQuantity(f *testing.F) {
	for _, s := range []string{"$50-$120", "between 5,000 and 7,000", "entre 5.000 y 7.000", "más de 8.200 millones",
		"~600 million", "6-8 billion", "76-91%", "around 5-7 million", "5,000+", "de 5 a 7", "-5--3", "at least 50 per cent"} {
		for i := range locales {
			f.Add(s, uint8(i))
		}
	}
	f.Fuzz(func(t *testing.T, s string, li uint8) {
		loc := locales[int(li)%len(locales)]
		q, err := ParseQuantity(s, loc)
		if err != nil {
			if !errors.Is(err, ErrNotANumber) && !errors.Is(err, ErrAmbiguousNumber) {
				t.Fatalf("ParseQuantity(%q, %s) error %q wraps no sentinel", s, loc, err)
			}
			return
		}
		if (q.Value == nil) != (q.Qualifier == QualifierRange) {
			t.Fatalf("ParseQuantity(%q, %s) = %s: Value must be nil exactly for ranges", s, loc, show(q))
		}
		if q.Qualifier == QualifierRange && (q.Low == nil || q.High == nil || *q.Low > *q.High) {
			t.Fatalf("ParseQuantity(%q, %s) = %s: a range needs Low <= High", s, loc, show(q))
		}
		if q.Qualifier != QualifierRange && (q.Low != nil || q.High != nil) {
			t.Fatalf("ParseQuantity(%q, %s) = %s: bounds set outside a range", s, loc, show(q))
		}
	})
}

// FuzzCountry checks that Country never panics and that a success is a
// code CountryName knows.
func FuzzCountry(f *testing.F) {
	for _, s := range []string{"Brazil", "Brasil", "Arábia Saudita", "Venezuela (República Bolivariana de)", "EE.UU.", "cub", "CU",
		"Angola (a)", "the Netherlands", "Brazill", "Mundo", "Trinidad & Tobago", "1/", "(a)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		code, err := Country(s)
		if err != nil {
			if !errors.Is(err, ErrUnknownCountry) || code != "" {
				t.Fatalf("Country(%q) = %q, %v", s, code, err)
			}
			return
		}
		if _, ok := CountryName(code); len(code) != 3 || !ok {
			t.Fatalf("Country(%q) = %q, which CountryName does not know", s, code)
		}
	})
}
