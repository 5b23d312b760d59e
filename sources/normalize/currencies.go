package normalize

import (
	"fmt"
	"strings"
	"sync"
)

// Currency returns the ISO 4217 code for a currency code (any case), symbol
// or word as sources write it: "US$", "U$S", "$", "dólares" → USD; "€",
// "euros" → EUR; "R$", "reais" → BRL; "N$" → NAD; "TT$" → TTD; "lempiras"
// → HNL; "quetzales" → GTQ; "kwanzas" → AOA; "rand" → ZAR; "pesos cubanos"
// → CUP; "pesos convertibles" → CUC; "bolívares", "Bs" → VES. Historic codes
// that dated figures use (CUC, VEF...) are accepted.
//
// Symbols and words shared by several currencies ("R", "L", "riyales",
// "pesos", "dinars") are rejected rather than guessed; the error, like the
// one for unknown text, wraps ErrNotISO4217.
func Currency(s string) (code string, err error) {
	t := currencies()
	key := foldKey(s)
	if row, ok := t.byCode[strings.ToUpper(key)]; ok {
		return row.code, nil
	}
	if code, ok := t.words[key]; ok {
		return code, nil
	}
	if cands, ok := ambiguousCurrencyWords[key]; ok {
		return "", newError(ErrNotISO4217, "currency %q is ambiguous (%s): give the ISO 4217 code", s, cands)
	}
	return "", newError(ErrNotISO4217, "currency %q is not an ISO 4217 code", s)
}

// CurrencyInfo returns the English name and the number of minor units (2 for
// cents, 0 for none, -1 where ISO 4217 says "N.A.", as for gold) of an ISO
// 4217 code, given in any case. ok is false for an unknown code.
func CurrencyInfo(code string) (name string, minorUnits int, ok bool) {
	row, ok := currencies().byCode[strings.ToUpper(strings.TrimSpace(code))]
	return row.name, row.minor, ok
}

// currencyMention reports whether s names a currency in any way a figure
// may carry it, including the ambiguous symbols ParseNumber strips but
// Currency rejects.
func currencyMention(s string) bool {
	key := foldKey(s)
	t := currencies()
	if _, ok := t.byCode[strings.ToUpper(key)]; ok {
		return true
	}
	_, word := t.words[key]
	_, amb := ambiguousCurrencyWords[key]
	return word || amb
}

// currencyTable indexes iso4217 and currencyWords.
type currencyTable struct {
	byCode map[string]currencyRow
	words  map[string]string
}

// currencies returns the index, building it on first use; a conflict in
// the tables is a programming error and panics.
var currencies = sync.OnceValue(func() *currencyTable {
	t, err := buildCurrencyTable(iso4217, currencyWords)
	if err != nil {
		panic(err)
	}
	return t
})

// buildCurrencyTable indexes rows and words, and fails on a duplicate code,
// a word for an unknown code, or a word that is also a code, ambiguous, or
// listed for two codes.
func buildCurrencyTable(rows []currencyRow, words map[string][]string) (*currencyTable, error) {
	t := &currencyTable{byCode: map[string]currencyRow{}, words: map[string]string{}}
	for _, r := range rows {
		if _, dup := t.byCode[r.code]; dup || len(r.code) != 3 || r.code != strings.ToUpper(r.code) {
			return nil, fmt.Errorf("normalize: currency code %q is malformed or listed twice", r.code)
		}
		t.byCode[r.code] = r
	}
	for code, list := range words {
		if _, ok := t.byCode[code]; !ok {
			return nil, fmt.Errorf("normalize: currency words for unknown code %s", code)
		}
		for _, w := range list {
			k := foldKey(w)
			_, isCode := t.byCode[strings.ToUpper(k)]
			_, isAmb := ambiguousCurrencyWords[k]
			if prev, dup := t.words[k]; isCode || isAmb || (dup && prev != code) {
				return nil, fmt.Errorf("normalize: currency word %q for %s is a code, ambiguous, or listed twice", w, code)
			}
			t.words[k] = code
		}
	}
	return t, nil
}
