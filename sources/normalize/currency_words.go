package normalize

// currencyWords maps an ISO 4217 code to the symbols and words (in English,
// Spanish, Portuguese and Italian) that mean it and nothing else in the
// project's sources. Keys are folded when indexed, so accents are optional.
var currencyWords = map[string][]string{
	"USD": {"US$", "U.S.$", "US $", "U$S", "U$", "USD$", "$", "dólares", "dólar", "dollars", "dollar", "US dollars", "US dollar", "U.S. dollars",
		"dólares estadounidenses", "dólar estadounidense", "dólares americanos", "dólares norteamericanos", "dólares dos EUA",
		"dollari", "dollaro", "dollari USA"},
	"EUR": {"€", "euros", "euro"},
	"BRL": {"R$", "reais", "real", "reales", "real brasileño", "reales brasileños"},
	"NAD": {"N$", "namibian dollars", "namibian dollar", "dólares namibios"},
	"TTD": {"TT$", "Trinidad and Tobago dollars", "dólares de Trinidad y Tobago"},
	"HNL": {"lempiras", "lempira"},
	"GTQ": {"quetzales", "quetzal"},
	"AOA": {"kwanzas", "kwanza", "Kz"},
	"ZAR": {"rand", "rands", "South African rand"},
	"CUP": {"pesos cubanos", "peso cubano", "Cuban pesos", "moneda nacional"},
	"CUC": {"pesos convertibles", "peso convertible", "pesos cubanos convertibles", "convertible pesos", "moneda convertible"},
	"VES": {"bolívares", "bolívar", "Bs", "Bs.", "Bs.S", "bolívares soberanos"},
	"VEF": {"Bs.F", "BsF", "bolívares fuertes", "bolívar fuerte"},
	"BOB": {"bolivianos", "boliviano"},
	"PEN": {"soles", "S/", "S/.", "nuevos soles"},
	"DZD": {"dinares argelinos", "dinar argelino", "Algerian dinars", "Algerian dinar", "dinars algériens"},
	"KES": {"KSh", "Kshs", "Kenyan shillings", "chelines kenianos"},
	"MXN": {"MX$", "pesos mexicanos", "peso mexicano", "Mexican pesos"},
	"QAR": {"QR", "Qatari riyals", "Qatari riyal", "riyales qataríes", "riyales cataríes"},
	"SAR": {"Saudi riyals", "Saudi riyal", "riyales saudíes", "riyales sauditas"},
	"GBP": {"£", "pounds sterling", "libras esterlinas", "sterling"},
	"CNY": {"yuan", "yuanes", "renminbi", "RMB"},
	"RUB": {"rublos", "rubles", "roubles"},
}

// ambiguousCurrencyWords are symbols and words that several currencies
// share; Currency rejects them, naming the candidates.
var ambiguousCurrencyWords = map[string]string{
	"r": "ZAR rand or another currency", "l": "HNL lempira, ALL lek or another currency",
	"q": "GTQ quetzal or another currency", "sr": "SAR or SRD", "c$": "NIO or CAD",
	"riyales": "SAR, QAR, OMR or YER", "riyals": "SAR, QAR, OMR or YER", "riyal": "SAR, QAR, OMR or YER",
	"rials": "SAR, QAR, OMR, YER or IRR", "rial": "SAR, QAR, OMR, YER or IRR", "riales": "SAR, QAR, OMR, YER or IRR",
	"pesos": "CUP, CUC, MXN, ARS, COP...", "peso": "CUP, CUC, MXN, ARS, COP...",
	"dinares": "DZD, IQD, KWD, LYD, TND...", "dinars": "DZD, IQD, KWD, LYD, TND...", "dinar": "DZD, IQD, KWD, LYD, TND...",
	"shillings": "KES, TZS, UGX or SOS", "chelines": "KES, TZS, UGX or SOS",
	"francs": "XOF, XAF, CHF...", "francos": "XOF, XAF, CHF...",
	"pounds": "GBP, EGP, SDG...", "libras": "GBP, EGP, SDG...",
}
