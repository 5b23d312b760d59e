package report

import "regexp"

// A currency symbol or word that several currencies share ("L", "Q",
// "R", "pesos", "riyales", "shillings"), which normalize.Currency rightly
// rejects, is read as the currency of the country the sentence ties the
// figure to ("Q 9.500 al mes" in Guatemala is GTQ; "L60 mil" in Honduras
// is HNL). Without such a country it is no currency and the figure is
// not money.

// ambiguousCurrency maps a shared symbol or word (folded) to the currency
// it is in each country that uses it.
var ambiguousCurrency = map[string]map[string]string{
	"l":         {"HND": "HNL"},
	"q":         {"GTM": "GTQ"},
	"r":         {"ZAF": "ZAR"},
	"sr":        {"SAU": "SAR"},
	"c$":        {"NIC": "NIO", "CAN": "CAD"},
	"pesos":     {"MEX": "MXN", "COL": "COP", "ARG": "ARS", "CHL": "CLP", "URY": "UYU", "DOM": "DOP", "PHL": "PHP"},
	"riyales":   {"QAT": "QAR", "SAU": "SAR", "OMN": "OMR", "YEM": "YER"},
	"shillings": {"KEN": "KES", "TZA": "TZS", "UGA": "UGX"},
	"dinares":   {"DZA": "DZD", "TUN": "TND", "LBY": "LYD", "IRQ": "IQD", "KWT": "KWD"},
	"libras":    {"GBR": "GBP", "EGY": "EGP"},
}

// ambiguousWords maps the spellings of the shared words to a key of
// ambiguousCurrency.
var ambiguousWords = map[string]string{
	"sh": "shillings", "peso": "pesos", "riyal": "riyales", "riyals": "riyales", "rial": "riyales", "rials": "riyales", "riales": "riyales",
	"shilling": "shillings", "chelines": "shillings", "xelins": "shillings", "dinar": "dinares", "dinars": "dinares",
	"pounds": "libras", "pound": "libras", "libra": "libras",
}

var (
	// a lone capital L, Q or R (or SR, C$) just before a number: "Q 9.500", "L60 mil"
	ambiguousBeforeRE = regexp.MustCompile(`(?:^|[\s(])(L|Q|R|SR|C\$|Sh)\s?$`)
	ambiguousGluedRE  = regexp.MustCompile(`(?:^|[\s(])(?:L|Q|R|Sh)$`)
	ambiguousAfterRE  = regexp.MustCompile(`^\s?(?i:de\s+)?(?i:(pesos?|riyales|riyals?|riales|rials?|shillings?|chelines|xelins|dinares|dinars?|libras?|pounds?))\b`)
)

// localCurrency returns the currency a shared symbol or word stands for
// in country, or "".
func localCurrency(sym, country string) string {
	if w, ok := ambiguousWords[sym]; ok {
		sym = w
	}
	return ambiguousCurrency[sym][country]
}
