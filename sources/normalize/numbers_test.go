package normalize

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestParseNumber(t *testing.T) {
	for _, tc := range []struct {
		in   string
		loc  Locale
		want float64
	}{
		// the formats DOMAIN.md names
		{"4 882 234,5", LocaleONEI, 4882234.5},
		{"4\u00a0882\u00a0234,5", LocaleONEI, 4882234.5},
		{"4\u202f882\u202f234,5", LocaleONEI, 4882234.5},
		{"4.882.234.500", LocaleES, 4882234500},
		{"4.882.234.500 dólares", LocaleES, 4882234500},
		{"1,600 dólares", LocaleEN, 1600},
		{"R$ 11.520", LocalePT, 11520},
		{"N$647 621", LocaleONEI, 647621},
		{"L60 mil", LocaleES, 60000},
		{"6,3 mil milhões", LocalePT, 6.3e9},
		{"US$8 billion", LocaleEN, 8e9},
		// further real-world figures from the research notes
		{"4,882,234,500", LocaleEN, 4882234500},
		{"6.4", LocaleEN, 6.4},
		{"6,3", LocaleES, 6.3},
		{"$6.4 billion", LocaleEN, 6.4e9},
		{"970 million", LocaleEN, 970e6},
		{"$1.3bn", LocaleEN, 1.3e9},
		{"€71m", LocaleEN, 71e6},
		{"10 mil millones", LocaleES, 10e9},
		{"69,8 mil millones de dólares", LocaleES, 69.8e9},
		{"8 mil 200 millones de CUC", LocaleES, 8.2e9},
		{"12 mil 600 millones", LocaleES, 12.6e9},
		{"11 mil 430", LocaleES, 11430},
		{"US$1.300 millones", LocaleES, 1.3e9},
		{"US$ 6,4 bilhões", LocalePT, 6.4e9},
		{"US$ 1,3 bilhão", LocalePT, 1.3e9},
		{"R$ 973,9 milhões", LocalePT, 973.9e6},
		{"2,5 mil reais", LocalePT, 2500},
		{"L160 millones", LocaleES, 160e6},
		{"Q7 mil quetzales", LocaleES, 7000},
		{"TT$ 2,000", LocaleEN, 2000},
		{"N$2,000", LocaleEN, 2000},
		{"2,004 million MXN", LocaleEN, 2004e6},
		{"159.6 million HNL", LocaleEN, 159.6e6},
		{"USD2.8 billion", LocaleEN, 2.8e9},
		{"11.54 billion", LocaleEN, 11.54e9},
		{"64 por ciento", LocaleES, 64},
		{"30%", LocaleEN, 30},
		{"76 %", LocaleEN, 76},
		{"1.500 millardos", LocaleES, 1.5e12},
		{"5 thousand", LocaleEN, 5000},
		{"5k", LocaleEN, 5000},
		{"3 milioni", LocaleEN, 3e6},
		{"5 R", LocaleEN, 5}, // an ambiguous symbol is stripped, not resolved
		// signs and parentheses
		{"(1 300)", LocaleONEI, -1300},
		{"(1,300)", LocaleEN, -1300},
		{"-1,300", LocaleEN, -1300},
		{"−1.300", LocaleES, -1300},
		{"+5", LocaleEN, 5},
		{"-US$5", LocaleEN, -5},
		{"US$-5", LocaleEN, -5},
		{"0.5", LocaleEN, 0.5},
		{".5", LocaleEN, 0.5},
		{"$.5", LocaleEN, 0.5},
		{"007", LocaleEN, 7},
		// auto
		{"1,600.5", LocaleAuto, 1600.5},
		{"1.600,5", LocaleAuto, 1600.5},
		{"4.882.234.500", LocaleAuto, 4882234500},
		{"4,882,234,500", LocaleAuto, 4882234500},
		{"4 882 234,5", LocaleAuto, 4882234.5},
		{"647 621", LocaleAuto, 647621},
		{"N$1.5 million", LocaleAuto, 1.5e6},
		{"6,3", LocaleAuto, 6.3},
		{"0,600", LocaleAuto, 0.6},
		{"12345.678", LocaleAuto, 12345.678},
		{"1600", LocaleAuto, 1600},
	} {
		got, err := ParseNumber(tc.in, tc.loc)
		if err != nil || got != tc.want {
			t.Errorf("ParseNumber(%q, %s) = %v, %v; want %v", tc.in, tc.loc, got, err, tc.want)
		}
	}
}

func TestParseNumberIsExact(t *testing.T) {
	// Scaling works on the decimal digits: no 6400000000.000001.
	for _, tc := range []struct {
		in   string
		want string
	}{
		{"6.4 billion", "6400000000"}, {"0.1 million", "100000"}, {"1.1 bn", "1100000000"}, {"8.2 billion", "8200000000"},
		{"4.35 million", "4350000"}, {"2.3 thousand", "2300"}, {"11.543 billion", "11543000000"}, {"0.07 m", "70000"},
	} {
		got, err := ParseNumber(tc.in, LocaleEN)
		if err != nil || FormatNumber(got) != tc.want {
			t.Errorf("ParseNumber(%q) = %s, %v; want %s", tc.in, FormatNumber(got), err, tc.want)
		}
	}
}

func TestParseNumberErrors(t *testing.T) {
	for _, tc := range []struct {
		in   string
		loc  Locale
		is   error
		want string
	}{
		{"12abc", LocaleES, ErrNotANumber, `number "12abc" is not a number in locale es (expected digits with "." thousands and "," decimals)`},
		{"1,60,0", LocaleEN, ErrNotANumber, `number "1,60,0" is not a number in locale en (expected digits with "," thousands and "." decimals)`},
		{"4 882 234,5", LocaleEN, ErrNotANumber, `number "4 882 234,5" is not a number in locale en (expected digits with "," thousands and "." decimals)`},
		{"1.600,5", LocaleEN, ErrNotANumber, ""},
		{"1,6000", LocaleEN, ErrNotANumber, ""},
		{"1234,567", LocaleEN, ErrNotANumber, ""},
		{"0,600", LocaleEN, ErrNotANumber, ""},
		{"1.600.5", LocaleES, ErrNotANumber, ""},
		{"4.882.234,5", LocaleONEI, ErrNotANumber, `number "4.882.234,5" is not a number in locale onei (expected digits with " " thousands and "," decimals)`},
		{"5.", LocaleEN, ErrNotANumber, ""},
		{"", LocaleEN, ErrNotANumber, ""},
		{"-", LocaleEN, ErrNotANumber, ""},
		{"…", LocaleES, ErrNotANumber, ""},
		{"..", LocaleES, ErrNotANumber, ""},
		{"$", LocaleEN, ErrNotANumber, ""},
		{"1e5", LocaleEN, ErrNotANumber, ""},
		{"NaN", LocaleEN, ErrNotANumber, ""},
		{"Inf", LocaleEN, ErrNotANumber, ""},
		{"--5", LocaleEN, ErrNotANumber, ""},
		{"(-5)", LocaleEN, ErrNotANumber, ""},
		{"5 billón", LocaleES, ErrNotANumber, ""},
		{"5 million million", LocaleEN, ErrNotANumber, ""},
		{"5 de dólares", LocaleES, ErrNotANumber, ""},
		{"5 millones de", LocaleES, ErrNotANumber, ""},
		{"60 mil al mes", LocaleES, ErrNotANumber, ""},
		{"5 mil 2000", LocaleES, ErrNotANumber, ""},
		{"5,5 mil 200", LocaleES, ErrNotANumber, ""},
		{"1 300", LocaleEN, ErrNotANumber, ""},
		{"overall 5", LocaleEN, ErrNotANumber, ""},
		{"1" + strings.Repeat("0", 300) + " trillion", LocaleEN, ErrNotANumber, ""},
		{"1,600", LocaleAuto, ErrAmbiguousNumber, `number "1,600" is ambiguous in locale auto (is the separator for thousands or decimals?): parse it with the source's locale`},
		{"12.500", LocaleAuto, ErrAmbiguousNumber, ""},
		{"R$ 11.520", LocaleAuto, ErrAmbiguousNumber, ""},
		{"1,600 millones", LocaleAuto, ErrAmbiguousNumber, ""},
		{"1,600abc", LocaleAuto, ErrNotANumber, ""},
		{"1 600.000,5", LocaleAuto, ErrNotANumber, ""},
		{"5", Locale{}, ErrNotANumber, ""},
	} {
		got, err := ParseNumber(tc.in, tc.loc)
		if err == nil {
			t.Errorf("ParseNumber(%q, %s) = %v, nil; want an error", tc.in, tc.loc, got)
			continue
		}
		if !errors.Is(err, tc.is) {
			t.Errorf("ParseNumber(%q, %s) error %q does not wrap %v", tc.in, tc.loc, err, tc.is)
		}
		if tc.want != "" && err.Error() != tc.want {
			t.Errorf("ParseNumber(%q, %s) error = %q; want %q", tc.in, tc.loc, err, tc.want)
		}
	}
}

func TestFormatNumber(t *testing.T) {
	for _, tc := range []struct {
		in   float64
		want string
	}{
		{4882234500, "4882234500"}, {4882234.5, "4882234.5"}, {6.4e9, "6400000000"}, {0.1, "0.1"}, {-1300, "-1300"},
		{0, "0"}, {1e21, "1000000000000000000000"}, {1.5e-7, "0.00000015"}, {math.NaN(), "NaN"}, {math.Inf(1), "+Inf"},
	} {
		if got := FormatNumber(tc.in); got != tc.want {
			t.Errorf("FormatNumber(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFormatNumberRoundTrips(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	values := []float64{0, math.Copysign(0, -1), math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64, 0.1, 1.0 / 3}
	for range 2000 {
		values = append(values, math.Float64frombits(r.Uint64()), r.NormFloat64()*1e9, float64(r.Int64N(1e15))/100)
	}
	for _, f := range values {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			continue
		}
		got, err := ParseNumber(FormatNumber(f), LocaleEN)
		if err != nil || got != f {
			t.Fatalf("ParseNumber(FormatNumber(%v)) = %v, %v", f, got, err)
		}
	}
}
