package normalize_test

import (
	"errors"
	"fmt"

	"github.com/cubaexports/cubaexports/sources/normalize"
)

func ExampleCountry() {
	for _, name := range []string{"Arábia Saudita", "Venezuela (República Bolivariana de)", "EE.UU.", "Mundo", "Brazill"} {
		code, err := normalize.Country(name)
		if errors.Is(err, normalize.ErrUnknownCountry) {
			fmt.Println(err)
			continue
		}
		fmt.Println(name, "→", code)
	}
	// Output:
	// Arábia Saudita → SAU
	// Venezuela (República Bolivariana de) → VEN
	// EE.UU. → USA
	// Mundo → WLD
	// country "Brazill" is not known (did you mean "Brazil"?)
}

func ExampleParseQuantity() {
	show := func(p *float64) string {
		if p == nil {
			return "-"
		}
		return normalize.FormatNumber(*p)
	}
	for _, c := range []struct {
		text string
		loc  normalize.Locale
	}{
		{"más de 8.200 millones", normalize.LocaleES},
		{"between 5,000 and 7,000", normalize.LocaleEN},
		{"~600 million", normalize.LocaleEN},
		{"6,3 mil milhões", normalize.LocalePT},
	} {
		q, err := normalize.ParseQuantity(c.text, c.loc)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%-24s %-9s value=%s low=%s high=%s\n", c.text, q.Qualifier, show(q.Value), show(q.Low), show(q.High))
	}
	// Output:
	// más de 8.200 millones    more_than value=8200000000 low=- high=-
	// between 5,000 and 7,000  range     value=- low=5000 high=7000
	// ~600 million             approx    value=600000000 low=- high=-
	// 6,3 mil milhões          exact     value=6300000000 low=- high=-
}

func ExampleParseNumber() {
	for _, c := range []struct {
		text string
		loc  normalize.Locale
	}{
		{"4 882 234,5", normalize.LocaleONEI},
		{"4.882.234.500", normalize.LocaleAuto},
		{"1,600", normalize.LocaleAuto},
	} {
		v, err := normalize.ParseNumber(c.text, c.loc)
		switch {
		case errors.Is(err, normalize.ErrAmbiguousNumber):
			fmt.Println(c.text, "is ambiguous")
		case err != nil:
			fmt.Println(err)
		default:
			fmt.Println(c.text, "=", normalize.FormatNumber(v))
		}
	}
	// Output:
	// 4 882 234,5 = 4882234.5
	// 4.882.234.500 = 4882234500
	// 1,600 is ambiguous
}
