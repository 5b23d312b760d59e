package normalize

import (
	"strings"
	"testing"
)

func TestDemonym(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		language bool
	}{
		{"Qatari", "QAT", false}, {"Qataris", "QAT", false}, {"Brazilian", "BRA", false}, {"Brazilians", "BRA", false},
		{"venezolano", "VEN", false}, {"venezolanas", "VEN", false}, {"Venezolanos", "VEN", false},
		{"angoleñas", "AGO", false}, {"angolenas", "AGO", false}, {"angolano", "AGO", false}, {"Angolan", "AGO", false},
		{"brasileiros", "BRA", false}, {"brasileira", "BRA", false}, {"brasileño", "BRA", false},
		{"South African", "ZAF", false}, {"sul-africanas", "ZAF", false}, {"sudafricanos", "ZAF", false},
		{"portugueses", "PRT", false}, {"Portuguese", "PRT", true}, {"francés", "FRA", true}, {"francesa", "FRA", true},
		{"alemães", "DEU", false}, {"alemanes", "DEU", false}, {"marroquíes", "MAR", false}, {"canadienses", "CAN", false},
		{"estadounidense", "USA", false}, {"namibianos", "NAM", false}, {"Namibian", "NAM", false},
		{"moçambicanos", "MOZ", false}, {"mozambiqueña", "MOZ", false}, {"Kenyan", "KEN", false}, {"quenianos", "KEN", false},
		{"Saudi", "SAU", false}, {"sauditas", "SAU", false}, {"españoles", "ESP", false}, {"espanhóis", "ESP", false},
		{"Cuban", "CUB", false}, {"cubanos", "CUB", false}, {"cubana", "CUB", false},
		{"mexicanos", "MEX", false}, {"hondureños", "HND", false}, {"guatemaltecas", "GTM", false}, {"Trinidadian", "TTO", false},
		{"argelinos", "DZA", false}, {"peruanas", "PER", false}, {"Italian", "ITA", true}, {"Chinese", "CHN", true},
	} {
		got, lang, ok := Demonym(tc.in)
		if !ok || got != tc.want || lang != tc.language {
			t.Errorf("Demonym(%q) = %q, %v, %v; want %q, %v", tc.in, got, lang, ok, tc.want, tc.language)
		}
	}
}

// TestDemonymRejects: regions, ambiguous adjectives and ordinary words
// name no country.
func TestDemonymRejects(t *testing.T) {
	for _, in := range []string{"American", "americanos", "Latin American", "latinoamericano", "African", "africanos",
		"European", "Congolese", "Guinean", "Korean", "coreano", "árabe", "Arab", "English", "inglés", "indio", "Caribbean",
		"caribeño", "doctors", "médicos", "the", "poles", "swedes", "dominican", "", "Angola", "Brasil"} {
		if got, _, ok := Demonym(in); ok {
			t.Errorf("Demonym(%q) = %q, want none", in, got)
		}
	}
}

// TestDemonymHosts: every host country DOMAIN.md and the research notes
// name has its adjective in the three languages.
func TestDemonymHosts(t *testing.T) {
	hosts := map[string][]string{
		"VEN": {"Venezuelan", "venezolano", "venezuelano"}, "BRA": {"Brazilian", "brasileño", "brasileiro"},
		"AGO": {"Angolan", "angoleño", "angolano"}, "NAM": {"Namibian", "namibio", "namibiano"},
		"QAT": {"Qatari", "catarí", "catari"}, "SAU": {"Saudi", "saudí", "saudita"}, "DZA": {"Algerian", "argelino", "argelino"},
		"ZAF": {"South African", "sudafricano", "sul-africano"}, "MEX": {"Mexican", "mexicano", "mexicano"},
		"HND": {"Honduran", "hondureño", "hondurenho"}, "KEN": {"Kenyan", "keniano", "queniano"},
		"GTM": {"Guatemalan", "guatemalteco", "guatemalteco"}, "TTO": {"Trinidadian", "trinitense", "trinitário"},
		"PER": {"Peruvian", "peruano", "peruano"}, "ITA": {"Italian", "italiano", "italiano"},
		"BOL": {"Bolivian", "boliviano", "boliviano"}, "ECU": {"Ecuadorian", "ecuatoriano", "equatoriano"},
		"NIC": {"Nicaraguan", "nicaragüense", "nicaraguense"}, "MOZ": {"Mozambican", "mozambiqueño", "moçambicano"},
		"BWA": {"Botswanan", "botsuano", "botsuano"}, "PRT": {"Portuguese", "portugués", "português"},
	}
	for code, forms := range hosts {
		for _, f := range forms {
			if got, _, ok := Demonym(f); !ok || got != code {
				t.Errorf("Demonym(%q) = %q, %v; want %s", f, got, ok, code)
			}
		}
	}
}

// TestDemonymCodesAreCountries: every code of the table is a country of
// the country table, and a form shared by two countries fails the build.
func TestDemonymCodesAreCountries(t *testing.T) {
	for _, r := range demonymRows {
		if _, ok := CountryName(r.iso3); !ok {
			t.Errorf("demonym row for unknown code %s", r.iso3)
		}
	}
	_, err := buildDemonyms([]demonymRow{{"NIC", "", "nicaragüense", ""}, {"NER", "", "nicaraguense", ""}})
	if err == nil || !strings.Contains(err.Error(), "both") {
		t.Fatalf("conflicting demonyms: err = %v", err)
	}
}
