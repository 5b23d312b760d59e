package normalize

// Locale says how a source writes numbers: which characters group
// thousands and which one marks decimals. Use one of the exported values;
// the zero Locale is rejected by ParseNumber.
type Locale struct {
	name    string
	groups  string // group separators; ' ' stands for every space character
	decimal byte   // decimal separator; 0 for LocaleAuto
	expect  string // what the locale accepts, for error messages
}

// The locales of the project's sources. Each is read-only: assigning to one
// would change every caller's parsing.
var (
	// LocaleEN reads "," thousands and "." decimals: "1,600", "4,882,234,500", "6.4".
	LocaleEN = Locale{name: "en", groups: ",", decimal: '.', expect: `digits with "," thousands and "." decimals`}
	// LocaleES reads "." thousands and "," decimals: "4.882.234.500", "6,3".
	LocaleES = Locale{name: "es", groups: ".", decimal: ',', expect: `digits with "." thousands and "," decimals`}
	// LocalePT reads "." thousands and "," decimals: "R$ 11.520", "6,3".
	LocalePT = Locale{name: "pt", groups: ".", decimal: ',', expect: `digits with "." thousands and "," decimals`}
	// LocaleONEI reads the Cuban statistics office's format: space thousands
	// (U+0020, U+00A0, U+2009 or U+202F) and "," decimals: "4 882 234,5".
	LocaleONEI = Locale{name: "onei", groups: " ", decimal: ',', expect: `digits with " " thousands and "," decimals`}
	// LocaleAuto infers the separators from the text when only one reading
	// is possible ("1,600.5", "4.882.234.500", "4 882 234,5", "6,3") and
	// otherwise fails with ErrAmbiguousNumber ("1,600" may be 1.6 or 1600).
	LocaleAuto = Locale{name: "auto", expect: `digits grouped by ",", "." or " " with the other mark as decimals`}
)

// String returns the locale's short name: en, es, pt, onei or auto.
func (l Locale) String() string { return l.name }

// isSpaceSep reports whether r is a space that may group thousands.
func isSpaceSep(r rune) bool {
	return r == ' ' || r == '\u00a0' || r == '\u2009' || r == '\u202f'
}

// isSep reports whether r may separate digits in some locale.
func isSep(r rune) bool { return r == '.' || r == ',' || isSpaceSep(r) }

// isDigit reports whether c is an ASCII digit.
func isDigit[T rune | byte](c T) bool { return c >= '0' && c <= '9' }
