package normalize

import (
	"fmt"
	"slices"
	"strings"
	"sync"
)

// WorldCode is the code Country returns for "worldwide / all host countries"
// ("World", "Mundo", "mundial"...). It is the World Bank's aggregate code,
// outside ISO 3166-1.
const WorldCode = "WLD"

// Country returns the ISO 3166-1 alpha-3 code for a country written as its
// English, Spanish, Portuguese or Italian name, as one of the aliases (official
// long forms such as "Venezuela (República Bolivariana de)", former names such
// as "Swaziland", abbreviations such as "EE.UU." or "RD Congo"), or as its
// alpha-2 or alpha-3 code. Texts meaning "worldwide" return WorldCode.
//
// Matching ignores case, accents, surrounding and repeated whitespace,
// punctuation, a trailing footnote marker ("(a)", "1/", "*"), and a leading
// article ("the Netherlands", "la India") when the name does not match with
// it. "and", "y", "e", "ed" and "&" are interchangeable, as are "St." and
// "Saint". There is no fuzzy matching: an unknown name returns an error
// wrapping ErrUnknownCountry that suggests the nearest known name, if one is
// within three edits.
func Country(name string) (iso3 string, err error) {
	t := countries()
	key := countryKey(name)
	if code, ok := t.lookup(key); ok {
		return code, nil
	}
	if near, ok := t.nearest(key); ok {
		return "", newError(ErrUnknownCountry, "country %q is not known (did you mean %q?)", name, near)
	}
	return "", newError(ErrUnknownCountry, "country %q is not known", name)
}

// CountryName returns the English short name of an ISO 3166-1 alpha-3 code
// (case-insensitive), "World" for WorldCode, and false for any other text.
func CountryName(iso3 string) (string, bool) {
	name, ok := countries().names[strings.ToUpper(strings.TrimSpace(iso3))]
	return name, ok
}

// countryTable is the index built once from countryRows and countryAliases.
type countryTable struct {
	codes   map[string]string // key → alpha-3 code
	display map[string]string // name key → first name that produced it
	names   map[string]string // alpha-3 code → English short name
	keys    []string          // sorted name keys (not codes), for suggestions
}

// countries returns the index, building it on first use. A conflict in the
// tables is a programming error and panics, so it cannot ship unnoticed.
var countries = sync.OnceValue(func() *countryTable {
	t, err := buildCountryTable(countryRows, countryAliases)
	if err != nil {
		panic(err)
	}
	return t
})

// buildCountryTable indexes rows and aliases, and fails if any two texts
// with the same key map to different codes.
func buildCountryTable(rows []countryRow, aliases []countryAlias) (*countryTable, error) {
	t := &countryTable{codes: map[string]string{}, display: map[string]string{}, names: map[string]string{WorldCode: "World"}}
	if err := t.add(WorldCode, true, worldNames...); err != nil {
		return nil, err
	}
	for _, r := range rows {
		if len(r.iso3) != 3 || len(r.iso2) != 2 || r.iso3 != strings.ToUpper(r.iso3) || r.iso2 != strings.ToUpper(r.iso2) {
			return nil, fmt.Errorf("normalize: malformed codes %q/%q", r.iso3, r.iso2)
		}
		if _, dup := t.names[r.iso3]; dup {
			return nil, fmt.Errorf("normalize: country code %s listed twice", r.iso3)
		}
		t.names[r.iso3] = r.en
		if err := t.add(r.iso3, true, r.iso3, r.iso2); err != nil {
			return nil, err
		}
		if err := t.add(r.iso3, false, r.en, r.es, r.pt, r.it); err != nil {
			return nil, err
		}
	}
	for _, a := range aliases {
		if _, ok := t.names[a.iso3]; !ok {
			return nil, fmt.Errorf("normalize: alias for unknown code %s", a.iso3)
		}
		if err := t.add(a.iso3, false, a.names...); err != nil {
			return nil, err
		}
	}
	slices.Sort(t.keys)
	return t, nil
}

// add maps the key of each text to code; codes are kept out of suggestions.
func (t *countryTable) add(code string, isCode bool, texts ...string) error {
	for _, s := range texts {
		k := countryKey(s)
		if k == "" {
			return fmt.Errorf("normalize: country text %q for %s has an empty key", s, code)
		}
		if prev, ok := t.codes[k]; ok {
			if prev != code {
				return fmt.Errorf("normalize: country text %q (key %q) maps to both %s and %s", s, k, prev, code)
			}
			continue
		}
		t.codes[k] = code
		if !isCode {
			t.display[k] = s
			t.keys = append(t.keys, k)
		}
	}
	return nil
}

// lookup finds key, retrying without a leading article.
func (t *countryTable) lookup(key string) (string, bool) {
	if code, ok := t.codes[key]; ok {
		return code, true
	}
	if first, rest, ok := strings.Cut(key, " "); ok && isArticle(first) {
		code, ok := t.codes[rest]
		return code, ok
	}
	return "", false
}
