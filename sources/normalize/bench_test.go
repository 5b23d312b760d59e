package normalize

import "testing"

func BenchmarkParseNumber(b *testing.B) {
	for b.Loop() {
		for _, s := range []string{"4 882 234,5", "US$8 billion", "6,3 mil milhões"} {
			if _, err := ParseNumber(s, LocaleONEI); err != nil && s == "4 882 234,5" {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkCountry(b *testing.B) {
	for b.Loop() {
		for _, s := range []string{"Brazil", "Venezuela (República Bolivariana de)", "Arábia Saudita", "EE.UU."} {
			if _, err := Country(s); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkCountryUnknown(b *testing.B) {
	for b.Loop() {
		if _, err := Country("Brazill"); err == nil {
			b.Fatal("Brazill resolved")
		}
	}
}
