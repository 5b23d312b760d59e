package normalize

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

func TestCountryTableIsComplete(t *testing.T) {
	if len(countryRows) != 249 {
		t.Errorf("countryRows has %d rows, want the 249 ISO 3166-1 codes", len(countryRows))
	}
	iso2 := map[string]bool{}
	for _, r := range countryRows {
		if iso2[r.iso2] {
			t.Errorf("alpha-2 %s listed twice", r.iso2)
		}
		iso2[r.iso2] = true
		// golang.org/x/text carries CLDR's copy of ISO 3166-1: an independent check of the pairs.
		reg, err := language.ParseRegion(r.iso2)
		if err != nil || reg.ISO3() != r.iso3 {
			t.Errorf("%s/%s: CLDR maps %s to %q (%v)", r.iso3, r.iso2, r.iso2, reg.ISO3(), err)
		}
		if r.en == "" || r.es == "" || r.pt == "" || r.it == "" {
			t.Errorf("%s lacks a name: %+v", r.iso3, r)
		}
	}
	tbl, err := buildCountryTable(countryRows, countryAliases)
	if err != nil {
		t.Fatalf("the country tables conflict: %v", err)
	}
	if got := len(tbl.names); got != 250 {
		t.Errorf("index knows %d codes, want 249 + WLD", got)
	}
	if name, ok := CountryName("WLD"); !ok || name != "World" {
		t.Errorf(`CountryName("WLD") = %q, %v`, name, ok)
	}
}

func TestCountryTableRejectsConflicts(t *testing.T) {
	rows := []countryRow{{"GIN", "GN", "Guinea", "Guinea", "Guiné", "Guinea"}, {"GNQ", "GQ", "Equatorial Guinea", "Guinea Ecuatorial", "Guiné Equatorial", "Guinea Equatoriale"}}
	for _, tc := range []struct {
		name    string
		rows    []countryRow
		aliases []countryAlias
		want    string
	}{
		{"alias to two codes", rows, []countryAlias{{"GNQ", []string{"GUINEA"}}}, `maps to both GIN and GNQ`},
		{"alias for unknown code", rows, []countryAlias{{"XYZ", []string{"Nowhere"}}}, "unknown code XYZ"},
		{"duplicate code", append(rows, rows[0]), nil, "listed twice"},
		{"empty key", rows, []countryAlias{{"GIN", []string{"(a)"}}}, "empty key"},
	} {
		_, err := buildCountryTable(tc.rows, tc.aliases)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want it to contain %q", tc.name, err, tc.want)
		}
	}
}

func TestCountry(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		// English
		{"Brazil", "BRA"}, {"Venezuela", "VEN"}, {"Saudi Arabia", "SAU"}, {"South Africa", "ZAF"}, {"Trinidad and Tobago", "TTO"},
		{"Côte d'Ivoire", "CIV"}, {"Ivory Coast", "CIV"}, {"Cape Verde", "CPV"}, {"East Timor", "TLS"}, {"Swaziland", "SWZ"},
		{"Turkey", "TUR"}, {"Türkiye", "TUR"}, {"Russia", "RUS"}, {"Russian Federation", "RUS"}, {"United States", "USA"},
		{"USA", "USA"}, {"U.S.", "USA"}, {"UK", "GBR"}, {"Republic of Korea", "KOR"}, {"Democratic Republic of the Congo", "COD"},
		{"Congo-Brazzaville", "COG"}, {"Iran (Islamic Republic of)", "IRN"}, {"Bolivarian Republic of Venezuela", "VEN"},
		{"Saint Vincent and the Grenadines", "VCT"}, {"St. Vincent and the Grenadines", "VCT"}, {"Algeria", "DZA"},
		{"Korea, Dem. People's Rep.", "PRK"}, {"Venezuela, RB", "VEN"}, {"Egypt, Arab Rep.", "EGY"}, {"Gambia, The", "GMB"},
		// Spanish
		{"Brasil", "BRA"}, {"Arabia Saudita", "SAU"}, {"Arabia Saudí", "SAU"}, {"Catar", "QAT"}, {"Argelia", "DZA"},
		{"Venezuela (República Bolivariana de)", "VEN"}, {"Bolivia (Estado Plurinacional de)", "BOL"}, {"Estado Plurinacional de Bolivia", "BOL"},
		{"RD Congo", "COD"}, {"República Democrática del Congo", "COD"}, {"Costa de Marfil", "CIV"}, {"Rusia", "RUS"},
		{"EE.UU.", "USA"}, {"EE. UU.", "USA"}, {"Estados Unidos", "USA"}, {"Reino Unido", "GBR"}, {"San Vicente y las Granadinas", "VCT"},
		{"Trinidad y Tobago", "TTO"}, {"Sudáfrica", "ZAF"}, {"Guinea Ecuatorial", "GNQ"}, {"Timor Oriental", "TLS"}, {"Haití", "HTI"},
		{"Países Bajos", "NLD"}, {"Perú", "PER"}, {"México", "MEX"}, {"Belice", "BLZ"}, {"Granada", "GRD"},
		// Portuguese
		{"Arábia Saudita", "SAU"}, {"Argélia", "DZA"}, {"África do Sul", "ZAF"}, {"Costa do Marfim", "CIV"}, {"Guiné-Bissau", "GNB"},
		{"Moçambique", "MOZ"}, {"São Tomé e Príncipe", "STP"}, {"Quênia", "KEN"}, {"Quénia", "KEN"}, {"Estados Unidos da América", "USA"},
		{"Timor-Leste", "TLS"}, {"Essuatíni", "SWZ"}, {"Catar", "QAT"}, {"Rússia", "RUS"}, {"Irão", "IRN"},
		// Italian
		{"Brasile", "BRA"}, {"Algeria", "DZA"}, {"Costa d'Avorio", "CIV"}, {"Capo Verde", "CPV"}, {"Stati Uniti", "USA"},
		{"Regno Unito", "GBR"}, {"Sudafrica", "ZAF"}, {"Arabia Saudita", "SAU"}, {"Messico", "MEX"}, {"Giamaica", "JAM"},
		{"Paesi Bassi", "NLD"}, {"Germania", "DEU"}, {"Svizzera", "CHE"},
		// other forms
		{"Algérie", "DZA"}, {"Qatar", "QAT"}, {"Angola", "AGO"},
		// codes
		{"cub", "CUB"}, {"CU", "CUB"}, {"ven", "VEN"}, {"AND", "AND"}, {"ET", "ETH"}, {"ST", "STP"},
		// world
		{"WLD", "WLD"}, {"World", "WLD"}, {"worldwide", "WLD"}, {"Mundo", "WLD"}, {"mundial", "WLD"}, {"todo el mundo", "WLD"},
		// case, accents, spacing, punctuation, footnotes, articles
		{"  BRASIL  ", "BRA"}, {"arabia   saudita", "SAU"}, {"Peru", "PER"}, {"Cote d’Ivoire", "CIV"}, {"Guinea Bissau", "GNB"},
		{"Angola (a)", "AGO"}, {"Angola 1/", "AGO"}, {"Venezuela*", "VEN"}, {"Venezuela (1)", "VEN"}, {"Brasil a/", "BRA"}, {"Namibia²", "NAM"},
		{"the Netherlands", "NLD"}, {"The Gambia", "GMB"}, {"la India", "IND"}, {"El Salvador", "SLV"}, {"Trinidad & Tobago", "TTO"},
		{"Sa\u0303o Tome\u0301 e Pri\u0301ncipe", "STP"}, {"Curacao", "CUW"}, {"Aland Islands", "ALA"}, {"Isole Faer Oer", "FRO"},
	} {
		got, err := Country(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("Country(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestCountryEveryNameResolves(t *testing.T) {
	for _, r := range countryRows {
		for _, name := range []string{r.iso3, r.iso2, r.en, r.es, r.pt, r.it, strings.ToUpper(r.en)} {
			if got, err := Country(name); got != r.iso3 {
				t.Errorf("Country(%q) = %q, %v; want %s", name, got, err, r.iso3)
			}
		}
	}
	for _, a := range countryAliases {
		for _, name := range a.names {
			if got, err := Country(name); got != a.iso3 {
				t.Errorf("Country(%q) = %q, %v; want %s", name, got, err, a.iso3)
			}
		}
	}
}

func TestCountryUnknown(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Brazill", `country "Brazill" is not known (did you mean "Brazil"?)`},
		{"Venzuela", `country "Venzuela" is not known (did you mean "Venezuela"?)`},
		{"Arabia Saudi Arabia", `country "Arabia Saudi Arabia" is not known`},
		{"Atlantis", `country "Atlantis" is not known`},
		{"Korea", `country "Korea" is not known`},
		{"", `country "" is not known`},
		{"XX", `country "XX" is not known`},
		{"Calabria", `country "Calabria" is not known (did you mean "Algeria"?)`}, // three edits: still suggested
	} {
		got, err := Country(tc.in)
		if err == nil || got != "" {
			t.Errorf("Country(%q) = %q, nil; want an error", tc.in, got)
			continue
		}
		if !errors.Is(err, ErrUnknownCountry) || err.Error() != tc.want {
			t.Errorf("Country(%q) error = %q (Is ErrUnknownCountry: %v); want %q", tc.in, err, errors.Is(err, ErrUnknownCountry), tc.want)
		}
	}
}

func TestCountryName(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"CUB", "Cuba", true}, {"ven", "Venezuela", true}, {"COD", "Democratic Republic of the Congo", true},
		{"SAU", "Saudi Arabia", true}, {"WLD", "World", true}, {"CU", "", false}, {"XKX", "", false}, {"", "", false},
	} {
		got, ok := CountryName(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("CountryName(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestLevenshtein(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"abc", "", 3}, {"brazill", "brazil", 1}, {"kitten", "sitting", 3}, {"ação", "acao", 2}} {
		if got := levenshtein([]rune(tc.a), []rune(tc.b)); got != tc.want {
			t.Errorf("levenshtein(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
