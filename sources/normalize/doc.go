// Package normalize turns the free text found in cubaexports' sources into
// canonical values: country names into ISO 3166-1 alpha-3 codes, currency
// words and symbols into ISO 4217 codes, locale-formatted figures such as
// "4 882 234,5", "US$8 billion" or "6,3 mil milhões" into float64, and
// qualified figures such as "más de 8.200 millones" or "between 5,000 and
// 7,000" into a value or a pair of bounds plus a qualifier.
//
// It exists because every source kind (ONEI yearbook tables, press
// articles, NGO reports, the curated spreadsheet) meets the same messy text
// in four languages, and the rules for reading it must live in one tested
// place rather than be re-invented, slightly differently, by each extractor.
//
// Every rule here is deterministic: a name either matches a key in a fixed
// table or is rejected; a number is read with the locale its source uses, and
// LocaleAuto refuses to guess when the text could be read two ways; a range
// keeps both bounds and never becomes a midpoint. Failures wrap the sentinels
// ErrUnknownCountry, ErrNotISO4217, ErrNotANumber and ErrAmbiguousNumber so
// that callers test them with errors.Is and report the located input.
//
// The package only normalizes; callers keep the original text beside the
// normalized value, as the project's provenance rules require.
package normalize
