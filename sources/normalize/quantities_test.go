package normalize

import (
	"errors"
	"fmt"
	"testing"
)

// show renders a Quantity for comparison: "approx 5000", "range 5000..7000".
func show(q Quantity) string {
	f := func(p *float64) string {
		if p == nil {
			return "nil"
		}
		return FormatNumber(*p)
	}
	if q.Qualifier == QualifierRange || q.Value == nil {
		return fmt.Sprintf("%s %s..%s value=%s", q.Qualifier, f(q.Low), f(q.High), f(q.Value))
	}
	if q.Low != nil || q.High != nil {
		return fmt.Sprintf("%s %s with bounds %s..%s", q.Qualifier, f(q.Value), f(q.Low), f(q.High))
	}
	return q.Qualifier + " " + f(q.Value)
}

func TestParseQuantity(t *testing.T) {
	for _, tc := range []struct {
		in   string
		loc  Locale
		want string
	}{
		{"5,000", LocaleEN, "exact 5000"},
		{"4 882 234,5", LocaleONEI, "exact 4882234.5"},
		{"-1,300", LocaleEN, "exact -1300"},
		// approx
		{"around 5,000", LocaleEN, "approx 5000"},
		{"around $600 million", LocaleEN, "approx 600000000"},
		{"~600 million", LocaleEN, "approx 600000000"},
		{"~10 bn", LocaleEN, "approx 10000000000"},
		{"≈ 700", LocaleEN, "approx 700"},
		{"c. 5,000", LocaleEN, "approx 5000"},
		{"about U.S.$9,000", LocaleEN, "approx 9000"},
		{"some 28,000", LocaleEN, "approx 28000"},
		{"approximately 30,000", LocaleEN, "approx 30000"},
		{"roughly 1,000", LocaleEN, "approx 1000"},
		{"nearly 50,000", LocaleEN, "approx 50000"},
		{"unos 10.000 millones de dólares", LocaleES, "approx 10000000000"},
		{"unas 3.000", LocaleES, "approx 3000"},
		{"alrededor de 30.000", LocaleES, "approx 30000"},
		{"cerca de 2,5 mil reais", LocalePT, "approx 2500"},
		{"cercano a 9.000 millones", LocaleES, "approx 9000000000"},
		{"del orden de los $ 7.900 millones", LocaleES, "approx 7900000000"},
		{"aproximadamente 1.200", LocaleES, "approx 1200"},
		{"casi 20.000", LocaleES, "approx 20000"},
		{"quase 8.000", LocalePT, "approx 8000"},
		{"Around 5,000", LocaleEN, "approx 5000"},
		// more_than
		{"more than 8,500", LocaleEN, "more_than 8500"},
		{"over 28,000", LocaleEN, "more_than 28000"},
		{"above 1,000", LocaleEN, "more_than 1000"},
		{"upwards of 1,000", LocaleEN, "more_than 1000"},
		{">10 bn", LocaleEN, "more_than 10000000000"},
		{"> 64", LocaleEN, "more_than 64"},
		{"más de 8.200 millones", LocaleES, "more_than 8200000000"},
		{"mas de 10 mil millones de dólares", LocaleES, "more_than 10000000000"},
		{"supera los 8 mil 200 millones de CUC", LocaleES, "more_than 8200000000"},
		{"mais de 11 mil", LocalePT, "more_than 11000"},
		{"superior a 5.000", LocaleES, "more_than 5000"},
		// at_least
		{"at least 50 per cent", LocaleEN, "at_least 50"},
		{"no less than 1,000", LocaleEN, "at_least 1000"},
		{"≥ 5", LocaleEN, "at_least 5"},
		{">=5", LocaleEN, "at_least 5"},
		{"al menos 3.000", LocaleES, "at_least 3000"},
		{"por lo menos 3.000", LocaleES, "at_least 3000"},
		{"no menos de 69,8 mil millones de dólares", LocaleES, "at_least 69800000000"},
		{"pelo menos 4.000", LocalePT, "at_least 4000"},
		{"5,000+", LocaleEN, "at_least 5000"},
		{"5,000 or more", LocaleEN, "at_least 5000"},
		// less_than
		{"less than 1,000", LocaleEN, "less_than 1000"},
		{"under 500", LocaleEN, "less_than 500"},
		{"below 10%", LocaleEN, "less_than 10"},
		{"<5", LocaleEN, "less_than 5"},
		{"menos de 5.000", LocaleES, "less_than 5000"},
		{"menos que 5.000", LocaleES, "less_than 5000"},
		{"less than -5", LocaleEN, "less_than -5"},
		// up_to
		{"up to 90%", LocaleEN, "up_to 90"},
		{"as much as 75%", LocaleEN, "up_to 75"},
		{"≤ 5", LocaleEN, "up_to 5"},
		{"<=5", LocaleEN, "up_to 5"},
		{"hasta 90%", LocaleES, "up_to 90"},
		{"até 90%", LocalePT, "up_to 90"},
		// ranges
		{"5,000-7,000", LocaleEN, "range 5000..7000 value=nil"},
		{"5,000–7,000", LocaleEN, "range 5000..7000 value=nil"},
		{"5,000 — 7,000", LocaleEN, "range 5000..7000 value=nil"},
		{"$50-$120", LocaleEN, "range 50..120 value=nil"},
		{"between 5,000 and 7,000", LocaleEN, "range 5000..7000 value=nil"},
		{"Between 5,000 and 7,000", LocaleEN, "range 5000..7000 value=nil"},
		{"from 5 to 7", LocaleEN, "range 5..7 value=nil"},
		{"5 to 7", LocaleEN, "range 5..7 value=nil"},
		{"entre 5.000 y 7.000", LocaleES, "range 5000..7000 value=nil"},
		{"entre el 70 y 90%", LocaleES, "range 70..90 value=nil"},
		{"entre el 70 y el 90%", LocaleES, "range 70..90 value=nil"},
		{"de 5 a 7", LocaleES, "range 5..7 value=nil"},
		{"entre 5 e 7", LocalePT, "range 5..7 value=nil"},
		{"entre 5 000 y 7 000", LocaleONEI, "range 5000..7000 value=nil"},
		{"5 000 - 7 000", LocaleONEI, "range 5000..7000 value=nil"},
		{"6-8 billion", LocaleEN, "range 6000000000..8000000000 value=nil"},
		{"6-8 bn", LocaleEN, "range 6000000000..8000000000 value=nil"},
		{"between 6 and 8 billion", LocaleEN, "range 6000000000..8000000000 value=nil"},
		{"US$5-7 million", LocaleEN, "range 5000000..7000000 value=nil"},
		{"500,000-1 million", LocaleEN, "range 500000..1000000 value=nil"},
		{"76-91%", LocaleEN, "range 76..91 value=nil"},
		{"10-30%", LocaleEN, "range 10..30 value=nil"},
		{"-5-3", LocaleEN, "range -5..3 value=nil"},
		{"around 5-7 million", LocaleEN, "range 5000000..7000000 value=nil"},
		{"1,600-2,000", LocaleEN, "range 1600..2000 value=nil"},
		{"5-5", LocaleEN, "range 5..5 value=nil"},
	} {
		q, err := ParseQuantity(tc.in, tc.loc)
		if got := show(q); err != nil || got != tc.want {
			t.Errorf("ParseQuantity(%q, %s) = %s, %v; want %s", tc.in, tc.loc, got, err, tc.want)
		}
	}
}

func TestParseQuantityErrors(t *testing.T) {
	for _, tc := range []struct {
		in   string
		loc  Locale
		is   error
		want string
	}{
		{"over 12abc", LocaleEN, ErrNotANumber, `quantity "over 12abc": number "12abc" is not a number in locale en (expected digits with "," thousands and "." decimals)`},
		{"12abc", LocaleES, ErrNotANumber, `number "12abc" is not a number in locale es (expected digits with "." thousands and "," decimals)`},
		{"7,000-5,000", LocaleEN, ErrNotANumber, `quantity "7,000-5,000": range low 7000 is above high 5000`},
		{"more than 5-7", LocaleEN, ErrNotANumber, `quantity "more than 5-7": a range cannot be qualified more_than`},
		{"between 5", LocaleEN, ErrNotANumber, `quantity "between 5" is not a range (expected two bounds joined by "and", "y", "e", "to", "a" or a dash)`},
		{"between 5,000 and 7,0x0", LocaleEN, ErrNotANumber, `quantity "between 5,000 and 7,0x0": number "7,0x0" is not a number in locale en (expected digits with "," thousands and "." decimals)`},
		{"over", LocaleEN, ErrNotANumber, ""},
		{"", LocaleEN, ErrNotANumber, ""},
		{"-", LocaleEN, ErrNotANumber, ""},
		{"5 - ", LocaleEN, ErrNotANumber, ""},
		{"1,600", LocaleAuto, ErrAmbiguousNumber, ""},
		{"1,600-2,000", LocaleAuto, ErrAmbiguousNumber, ""},
		{"around 1,600", LocaleAuto, ErrAmbiguousNumber, ""},
		{"overall 5", LocaleEN, ErrNotANumber, ""},
		{"5", Locale{}, ErrNotANumber, ""},
	} {
		q, err := ParseQuantity(tc.in, tc.loc)
		if err == nil {
			t.Errorf("ParseQuantity(%q, %s) = %s, nil; want an error", tc.in, tc.loc, show(q))
			continue
		}
		if !errors.Is(err, tc.is) {
			t.Errorf("ParseQuantity(%q, %s) error %q does not wrap %v", tc.in, tc.loc, err, tc.is)
		}
		if tc.want != "" && err.Error() != tc.want {
			t.Errorf("ParseQuantity(%q, %s) error = %q; want %q", tc.in, tc.loc, err, tc.want)
		}
	}
}
