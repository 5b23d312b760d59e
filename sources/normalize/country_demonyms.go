package normalize

import (
	"fmt"
	"strings"
	"sync"
)

// demonymRow gives the adjectives (and nouns) of nationality of one
// country: English, Spanish and Portuguese, each the masculine singular
// form, several separated by "|". The other forms are derived:
// English plural ("Brazilians", "Qataris"); Spanish and Portuguese
// feminine and plural ("venezolana", "venezolanos", "venezolanas";
// "angoleña", "angoleñas"; "portuguesa", "portugueses"; "marroquíes";
// "canadienses"). Irregular forms are listed in demonymExtra.
//
// Left out on purpose, because they name no single country in these
// texts: "American"/"americano" (the Americas, "dólares americanos"),
// "Arab"/"árabe", "English"/"inglés" (mostly the language), "Congolese"
// (two Congos), "Guinean" in English (three Guineas), "Dominican" in
// English (Dominica and the Dominican Republic), "Korean"/"coreano",
// "indio" (also "indigenous"), "Latin American" and other regions.
type demonymRow struct {
	iso3, en, es, pt string
}

var demonymRows = []demonymRow{
	{"AFG", "Afghan", "afgano", "afegão"},
	{"ALB", "Albanian", "albanés", "albanês"},
	{"DZA", "Algerian", "argelino", "argelino"},
	{"AND", "Andorran", "andorrano", "andorrano"},
	{"AGO", "Angolan", "angoleño|angolano", "angolano"},
	{"ATG", "Antiguan", "antiguano", "antiguano"},
	{"ARG", "Argentine|Argentinian", "argentino", "argentino"},
	{"ARM", "Armenian", "armenio", "armênio|arménio"},
	{"AUS", "Australian", "australiano", "australiano"},
	{"AUT", "Austrian", "austriaco|austríaco", "austríaco"},
	{"AZE", "Azerbaijani|Azeri", "azerbaiyano|azerí", "azerbaijano"},
	{"BHS", "Bahamian", "bahameño", "baamense|bahamense"},
	{"BHR", "Bahraini", "bareiní|bahreiní", "bareinita|bareinense"},
	{"BGD", "Bangladeshi", "bangladesí", "bengalês|bangladês"},
	{"BRB", "Barbadian|Bajan", "barbadense", "barbadiano|barbadense"},
	{"BLR", "Belarusian", "bielorruso", "bielorrusso"},
	{"BEL", "Belgian", "belga", "belga"},
	{"BLZ", "Belizean", "beliceño", "belizenho|belizense"},
	{"BEN", "Beninese", "beninés", "beninense"},
	{"BTN", "Bhutanese", "butanés", "butanês"},
	{"BOL", "Bolivian", "boliviano", "boliviano"},
	{"BIH", "Bosnian", "bosnio", "bósnio"},
	{"BWA", "Botswanan|Motswana|Batswana", "botsuano|botswanés", "bechuano|botsuanês|botsuano"},
	{"BRA", "Brazilian", "brasileño", "brasileiro"},
	{"BRN", "Bruneian", "bruneano", "bruneano"},
	{"BGR", "Bulgarian", "búlgaro", "búlgaro"},
	{"BFA", "Burkinabe|Burkinabè", "burkinés", "burquinense|burquino"},
	{"BDI", "Burundian", "burundés", "burundiano|burundinês"},
	{"CPV", "Cape Verdean|Cabo Verdean", "caboverdiano", "cabo-verdiano|caboverdiano"},
	{"KHM", "Cambodian", "camboyano", "cambojano"},
	{"CMR", "Cameroonian", "camerunés", "camaronês"},
	{"CAN", "Canadian", "canadiense", "canadense|canadiano"},
	{"CAF", "Central African", "centroafricano", "centro-africano"},
	{"TCD", "Chadian", "chadiano", "chadiano"},
	{"CHL", "Chilean", "chileno", "chileno"},
	{"CHN", "Chinese", "chino", "chinês"},
	{"COL", "Colombian", "colombiano", "colombiano"},
	{"COM", "Comorian", "comorense", "comorense"},
	{"CRI", "Costa Rican", "costarricense", "costa-riquenho|costarriquenho|costarriquense"},
	{"CIV", "Ivorian", "marfileño", "marfinense"},
	{"HRV", "Croatian|Croat", "croata", "croata"},
	{"CUB", "Cuban", "cubano", "cubano"},
	{"CYP", "Cypriot", "chipriota", "cipriota"},
	{"CZE", "Czech", "checo", "checo|tcheco"},
	{"DNK", "Danish", "danés", "dinamarquês"},
	{"DJI", "Djiboutian", "yibutiano", "djibutiense"},
	{"DMA", "", "dominiqués", "dominiquense"},
	{"DOM", "", "dominicano", "dominicano"},
	{"ECU", "Ecuadorian|Ecuadorean", "ecuatoriano", "equatoriano"},
	{"EGY", "Egyptian", "egipcio", "egípcio"},
	{"SLV", "Salvadoran|Salvadorian", "salvadoreño", "salvadorenho"},
	{"GNQ", "Equatorial Guinean|Equatoguinean", "ecuatoguineano", "equato-guineense|equatoguineense"},
	{"ERI", "Eritrean", "eritreo", "eritreu"},
	{"EST", "Estonian", "estonio", "estoniano|estônio|estónio"},
	{"SWZ", "Swazi", "suazi", "suazi"},
	{"ETH", "Ethiopian", "etíope", "etíope"},
	{"FJI", "Fijian", "fiyiano", "fijiano"},
	{"FIN", "Finnish", "finlandés", "finlandês"},
	{"FRA", "French", "francés", "francês"},
	{"GAB", "Gabonese", "gabonés", "gabonês"},
	{"GMB", "Gambian", "gambiano", "gambiano"},
	{"GEO", "Georgian", "georgiano", "georgiano"},
	{"DEU", "German", "alemán", "alemão"},
	{"GHA", "Ghanaian", "ghanés", "ganês"},
	{"GRC", "Greek", "griego", "grego"},
	{"GRD", "Grenadian", "granadino", "granadino"},
	{"GTM", "Guatemalan", "guatemalteco", "guatemalteco"},
	{"GIN", "", "guineano", "guineense"},
	{"GNB", "Bissau-Guinean", "bisauguineano", "guineense-bissau"},
	{"GUY", "Guyanese", "guyanés", "guianense"},
	{"HTI", "Haitian", "haitiano", "haitiano"},
	{"HND", "Honduran", "hondureño", "hondurenho"},
	{"HUN", "Hungarian", "húngaro", "húngaro"},
	{"ISL", "Icelandic", "islandés", "islandês"},
	{"IND", "Indian", "", "indiano"},
	{"IDN", "Indonesian", "indonesio", "indonésio"},
	{"IRN", "Iranian", "iraní", "iraniano"},
	{"IRQ", "Iraqi", "iraquí", "iraquiano"},
	{"IRL", "Irish", "irlandés", "irlandês"},
	{"ISR", "Israeli", "israelí", "israelense|israelita"},
	{"ITA", "Italian", "italiano", "italiano"},
	{"JAM", "Jamaican", "jamaicano|jamaiquino", "jamaicano"},
	{"JPN", "Japanese", "japonés", "japonês"},
	{"JOR", "Jordanian", "jordano", "jordaniano"},
	{"KAZ", "Kazakh|Kazakhstani", "kazajo", "cazaque"},
	{"KEN", "Kenyan", "keniano|keniata", "queniano"},
	{"KIR", "I-Kiribati", "kiribatiano", "kiribatiano"},
	{"PRK", "North Korean", "norcoreano", "norte-coreano"},
	{"KOR", "South Korean", "surcoreano", "sul-coreano"},
	{"KWT", "Kuwaiti", "kuwaití", "kuwaitiano"},
	{"KGZ", "Kyrgyz|Kyrgyzstani", "kirguís", "quirguiz"},
	{"LAO", "Laotian|Lao", "laosiano", "laosiano"},
	{"LVA", "Latvian", "letón", "letão"},
	{"LBN", "Lebanese", "libanés", "libanês"},
	{"LSO", "Basotho|Mosotho", "lesotense", "lesotiano"},
	{"LBR", "Liberian", "liberiano", "liberiano"},
	{"LBY", "Libyan", "libio", "líbio"},
	{"LIE", "Liechtensteiner", "liechtensteiniano", "liechtensteinense"},
	{"LTU", "Lithuanian", "lituano", "lituano"},
	{"LUX", "Luxembourgish|Luxembourger", "luxemburgués", "luxemburguês"},
	{"MDG", "Malagasy", "malgache", "malgaxe"},
	{"MWI", "Malawian", "malauí|malawiano", "malawiano|malauiano"},
	{"MYS", "Malaysian", "malasio", "malaio"},
	{"MDV", "Maldivian", "maldivo", "maldivo"},
	{"MLI", "Malian", "maliense", "malinês|maliano"},
	{"MLT", "Maltese", "maltés", "maltês"},
	{"MHL", "Marshallese", "marshalés", "marshallino"},
	{"MRT", "Mauritanian", "mauritano", "mauritano"},
	{"MUS", "Mauritian", "mauriciano", "mauriciano"},
	{"MEX", "Mexican", "mexicano", "mexicano"},
	{"FSM", "Micronesian", "micronesio", "micronésio"},
	{"MDA", "Moldovan", "moldavo", "moldávio|moldavo"},
	{"MCO", "Monegasque", "monegasco", "monegasco"},
	{"MNG", "Mongolian", "mongol", "mongol"},
	{"MNE", "Montenegrin", "montenegrino", "montenegrino"},
	{"MAR", "Moroccan", "marroquí", "marroquino"},
	{"MOZ", "Mozambican", "mozambiqueño", "moçambicano"},
	{"MMR", "Burmese", "birmano", "birmanês|birmano"},
	{"NAM", "Namibian", "namibio", "namibiano|namibio"},
	{"NRU", "Nauruan", "nauruano", "nauruano"},
	{"NPL", "Nepalese|Nepali", "nepalí", "nepalês"},
	{"NLD", "Dutch", "neerlandés|holandés", "neerlandês|holandês"},
	{"NZL", "New Zealander", "neozelandés", "neozelandês"},
	{"NIC", "Nicaraguan", "nicaragüense", "nicaraguense"},
	{"NER", "Nigerien", "nigerino", "nigerino"},
	{"NGA", "Nigerian", "nigeriano", "nigeriano"},
	{"MKD", "Macedonian", "macedonio", "macedônio|macedónio"},
	{"NOR", "Norwegian", "noruego", "norueguês"},
	{"OMN", "Omani", "omaní", "omanense|omani"},
	{"PAK", "Pakistani", "pakistaní|paquistaní", "paquistanês"},
	{"PLW", "Palauan", "palauano", "palauense"},
	{"PSE", "Palestinian", "palestino", "palestino|palestiniano"},
	{"PAN", "Panamanian", "panameño", "panamenho"},
	{"PNG", "Papua New Guinean", "papú|papuano", "papuásio|papuano"},
	{"PRY", "Paraguayan", "paraguayo", "paraguaio"},
	{"PER", "Peruvian", "peruano", "peruano"},
	{"PHL", "Filipino|Philippine", "filipino", "filipino"},
	{"POL", "Polish", "polaco", "polonês|polaco"},
	{"PRT", "Portuguese", "portugués", "português"},
	{"PRI", "Puerto Rican", "puertorriqueño|portorriqueño", "porto-riquenho|porto-riquense"},
	{"QAT", "Qatari", "catarí|qatarí", "catari|qatari|catariano"},
	{"ROU", "Romanian", "rumano", "romeno"},
	{"RUS", "Russian", "ruso", "russo"},
	{"RWA", "Rwandan", "ruandés", "ruandês"},
	{"KNA", "Kittitian", "sancristobaleño", "são-cristovense"},
	{"LCA", "Saint Lucian", "santalucense", "santa-lucense"},
	{"VCT", "Vincentian", "sanvicentino", "são-vicentino"},
	{"WSM", "Samoan", "samoano", "samoano"},
	{"SMR", "Sammarinese", "sanmarinense", "são-marinense"},
	{"STP", "Santomean|São Toméan", "santotomense", "são-tomense|santomense"},
	{"SAU", "Saudi|Saudi Arabian", "saudí|saudita", "saudita|saudi"},
	{"SEN", "Senegalese", "senegalés", "senegalês"},
	{"SRB", "Serbian|Serb", "serbio", "sérvio"},
	{"SYC", "Seychellois", "seychellense", "seichelense"},
	{"SLE", "Sierra Leonean", "sierraleonés", "serra-leonês"},
	{"SGP", "Singaporean", "singapurense", "singapurense|cingapuriano"},
	{"SVK", "Slovak", "eslovaco", "eslovaco"},
	{"SVN", "Slovenian|Slovene", "esloveno", "esloveno"},
	{"SLB", "Solomon Islander", "salomonense", "salomonense"},
	{"SOM", "Somali", "somalí", "somali|somaliano"},
	{"ZAF", "South African", "sudafricano", "sul-africano"},
	{"SSD", "South Sudanese", "sursudanés", "sul-sudanês"},
	{"ESP", "Spanish|Spaniard", "español", "espanhol"},
	{"LKA", "Sri Lankan", "esrilanqués|ceilanés", "cingalês|srilankês"},
	{"SDN", "Sudanese", "sudanés", "sudanês"},
	{"SUR", "Surinamese", "surinamés", "surinamês"},
	{"SWE", "Swedish", "sueco", "sueco"},
	{"CHE", "Swiss", "suizo", "suíço"},
	{"SYR", "Syrian", "sirio", "sírio"},
	{"TWN", "Taiwanese", "taiwanés", "taiwanês"},
	{"TJK", "Tajik|Tajikistani", "tayiko", "tajique"},
	{"TZA", "Tanzanian", "tanzano", "tanzaniano"},
	{"THA", "Thai", "tailandés", "tailandês"},
	{"TLS", "Timorese|East Timorese", "timorense", "timorense"},
	{"TGO", "Togolese", "togolés", "togolês"},
	{"TON", "Tongan", "tongano", "tonganês"},
	{"TTO", "Trinidadian|Tobagonian", "trinitense", "trinitário"},
	{"TUN", "Tunisian", "tunecino", "tunisiano"},
	{"TUR", "Turkish", "turco", "turco"},
	{"TKM", "Turkmen", "turcomano", "turcomeno"},
	{"TUV", "Tuvaluan", "tuvaluano", "tuvaluano"},
	{"UGA", "Ugandan", "ugandés", "ugandense"},
	{"UKR", "Ukrainian", "ucraniano", "ucraniano"},
	{"ARE", "Emirati", "emiratí", "emiradense|emiratense"},
	{"GBR", "British", "británico", "britânico"},
	{"USA", "", "estadounidense|norteamericano|norte-americano", "estadunidense|estado-unidense|norte-americano"},
	{"URY", "Uruguayan", "uruguayo", "uruguaio"},
	{"UZB", "Uzbek|Uzbekistani", "uzbeko", "uzbeque"},
	{"VUT", "Ni-Vanuatu", "vanuatuense", "vanuatuense"},
	{"VEN", "Venezuelan", "venezolano", "venezuelano"},
	{"VNM", "Vietnamese", "vietnamita", "vietnamita"},
	{"YEM", "Yemeni", "yemení", "iemenita"},
	{"ZMB", "Zambian", "zambiano", "zambiano|zambiense"},
	{"ZWE", "Zimbabwean", "zimbabuense", "zimbabuano|zimbabueano"},
}

// demonymExtra lists irregular forms the rules of demonymForms do not
// derive.
var demonymExtra = []struct{ iso3, form string }{
	{"DEU", "alemã"}, {"DEU", "alemães"}, {"DEU", "alemãs"},
	{"AFG", "afegã"}, {"AFG", "afegãos"}, {"AFG", "afegãs"},
	{"LVA", "letã"}, {"LVA", "letões"}, {"LVA", "letãs"},
	{"ESP", "espanhóis"},
	{"MNG", "mongóis"},
	{"KGZ", "kirguises"}, {"KGZ", "quirguizes"},
	{"AZE", "azeríes"},
	{"USA", "norte-americanos"},

	{"GBR", "Britons"}, {"GBR", "Brits"},
}

// languageDemonyms are also the names of languages ("a report in
// Portuguese"), so a caller may want to ignore them after "in", "en",
// "em".
var languageDemonyms = map[string]bool{
	"french": true, "frances": true, "francesa": true,
	"german": true, "aleman": true, "alemana": true, "alemao": true, "alema": true,
	"spanish": true, "espanol": true, "espanhol": true,
	"portuguese": true, "portugues": true, "portuguesa": true,
	"italian": true, "italiano": true,
	"chinese": true, "chino": true, "chines": true,
	"russian": true, "ruso": true, "russo": true,
	"japanese": true, "japones": true, "dutch": true, "holandes": true, "neerlandes": true,
	"turkish": true, "turco": true, "greek": true, "griego": true, "grego": true,
	"polish": true, "polaco": true, "polones": true, "swedish": true, "sueco": true,
	"danish": true, "danes": true, "dinamarques": true, "finnish": true, "finlandes": true,
	"norwegian": true, "noruego": true, "noruegues": true, "hungarian": true, "hungaro": true,
	"czech": true, "checo": true, "tcheco": true, "thai": true, "tailandes": true,
	"vietnamese": true, "vietnamita": true, "somali": true, "nepali": true, "swahili": true,
}

// Demonym returns the ISO 3166-1 alpha-3 code of the country a word or
// phrase of nationality names, in English, Spanish or Portuguese, in any
// gender and number: "Qatari", "Brazilians", "venezolano", "angoleñas",
// "brasileiros", "South African", "sul-africanas". Case and accents are
// ignored. language is true when the word is also the name of a
// language ("Portuguese", "francés"), which a caller may want to skip
// after "in". ok is false for any other text, including regional words
// ("Latin American", "africano") and ambiguous ones ("American",
// "Congolese", "árabe").
func Demonym(s string) (iso3 string, language, ok bool) {
	key := foldKey(strings.ReplaceAll(s, "’", "'"))
	iso3, ok = demonyms()[key]
	return iso3, ok && languageDemonyms[key], ok
}

var demonyms = sync.OnceValue(func() map[string]string {
	t, err := buildDemonyms(demonymRows)
	if err != nil {
		panic(err)
	}
	return t
})

// buildDemonyms indexes every derived form and fails when one form
// belongs to two countries.
func buildDemonyms(rows []demonymRow) (map[string]string, error) {
	t := map[string]string{}
	add := func(code, form string) error {
		k := foldKey(form)
		if prev, ok := t[k]; ok && prev != code {
			return fmt.Errorf("normalize: demonym %q belongs to both %s and %s", form, prev, code)
		}
		t[k] = code
		return nil
	}
	for _, r := range rows {
		var forms []string
		for _, w := range splitForms(r.en) {
			forms = append(forms, englishForms(w)...)
		}
		for _, w := range splitForms(r.es) {
			forms = append(forms, romanceForms(w, false)...)
		}
		for _, w := range splitForms(r.pt) {
			forms = append(forms, romanceForms(w, true)...)
		}
		for _, f := range forms {
			if err := add(r.iso3, f); err != nil {
				return nil, err
			}
		}
	}
	for _, e := range demonymExtra {
		if err := add(e.iso3, e.form); err != nil {
			return nil, err
		}
	}
	return t, nil
}

func splitForms(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

// englishForms adds the plural of nouns of nationality: "Brazilian" →
// "Brazilians", "Qatari" → "Qataris", "Filipino" → "Filipinos", "Swede"
// → "Swedes"; adjectives in -ese, -ish, -ch and -ss have none.
func englishForms(w string) []string {
	out := []string{w}
	lw := strings.ToLower(w)
	switch {
	case strings.HasSuffix(lw, "ese"), strings.HasSuffix(lw, "ish"), strings.HasSuffix(lw, "ch"), strings.HasSuffix(lw, "ss"),
		strings.HasSuffix(lw, "ois"), strings.HasSuffix(lw, "que"), strings.HasSuffix(lw, "y"):
	default:
		out = append(out, w+"s")
	}
	return out
}

// romanceForms derives the feminine and plural forms of a Spanish or
// Portuguese masculine singular adjective: -o (-a, -os, -as), -és/-ês
// (-esa, -eses, -esas), -án (-ana, -anes, -anas), -ón (-ona, -ones,
// -onas), -í (-íes, -ís), -e and -a (-s), -u (-us), a consonant (-es).
// Hyphenated forms ("sul-africano") inflect their last part.
func romanceForms(w string, pt bool) []string {
	f := fold(w)
	stemOf := func(n int) string { return f[:len(f)-n] }
	switch {
	case strings.HasSuffix(f, "o"):
		s := stemOf(1)
		return []string{f, s + "a", s + "os", s + "as"}
	case strings.HasSuffix(f, "es") && !strings.HasSuffix(f, "ees"):
		s := stemOf(2)
		return []string{f, s + "esa", s + "eses", s + "esas"}
	case !pt && strings.HasSuffix(f, "an"):
		s := stemOf(2)
		return []string{f, s + "ana", s + "anes", s + "anas"}
	case !pt && strings.HasSuffix(f, "on"):
		s := stemOf(2)
		return []string{f, s + "ona", s + "ones", s + "onas"}
	case strings.HasSuffix(f, "i"):
		if pt {
			return []string{f, f + "s"}
		}
		return []string{f, f + "es", f + "s"}
	case strings.HasSuffix(f, "e"), strings.HasSuffix(f, "a"), strings.HasSuffix(f, "u"):
		return []string{f, f + "s"}
	case strings.HasSuffix(f, "z"):
		return []string{f, f + "es"}
	case strings.HasSuffix(f, "l"):
		if pt {
			return []string{f, f + "a", f + "as"}
		}
		return []string{f, f + "a", f + "es", f + "as"}
	}
	return []string{f, f + "es"}
}
