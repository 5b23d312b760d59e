package normalize

import (
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/currency"
)

func TestCurrencyTableIsComplete(t *testing.T) {
	if _, err := buildCurrencyTable(iso4217, currencyWords); err != nil {
		t.Fatalf("the currency tables conflict: %v", err)
	}
	active := 0
	for _, r := range iso4217 {
		if !r.historic {
			active++
		}
	}
	if active < 175 {
		t.Errorf("only %d active ISO 4217 codes listed", active)
	}
	// CLDR (via golang.org/x/text) lists the legal tender of every region on a
	// date: each must be in the table. x/text's copy lags ISO 4217 (it lacks
	// VES and MRU, and still lists VEF and MRO), so this is a lower bound that
	// also exercises the historic rows.
	day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for it := currency.Query(currency.Date(day)); it.Next(); {
		code := it.Unit().String()
		if _, _, ok := CurrencyInfo(code); !ok && it.IsTender() {
			t.Errorf("%s, tender in %s on %s, is missing", code, it.Region(), day.Format(time.DateOnly))
		}
	}
	for _, code := range []string{"CUP", "CUC", "VES", "VEF", "BRL", "NAD", "ZAR", "AOA", "HNL", "GTQ", "TTD", "QAR", "SAR", "DZD", "PEN", "KES", "MXN", "EUR", "USD"} {
		if _, _, ok := CurrencyInfo(code); !ok {
			t.Errorf("%s is missing", code)
		}
	}
}

func TestCurrencyTableRejectsConflicts(t *testing.T) {
	rows := []currencyRow{{"USD", "US Dollar", 2, false}, {"EUR", "Euro", 2, false}}
	for _, tc := range []struct {
		name  string
		rows  []currencyRow
		words map[string][]string
		want  string
	}{
		{"word for two codes", rows, map[string][]string{"USD": {"dinero"}, "EUR": {"Dinero"}}, "listed twice"},
		{"word that is a code", rows, map[string][]string{"USD": {"eur"}}, "is a code"},
		{"ambiguous word", rows, map[string][]string{"USD": {"pesos"}}, "ambiguous"},
		{"unknown code", rows, map[string][]string{"XYZ": {"xyz"}}, "unknown code XYZ"},
		{"duplicate code", append(rows, rows[0]), nil, "listed twice"},
	} {
		_, err := buildCurrencyTable(tc.rows, tc.words)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want it to contain %q", tc.name, err, tc.want)
		}
	}
}

func TestCurrency(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"USD", "USD"}, {"usd", "USD"}, {" Usd ", "USD"}, {"US$", "USD"}, {"U$S", "USD"}, {"U$", "USD"}, {"bolivianos", "BOB"}, {"Boliviano", "BOB"}, {"$", "USD"},
		{"dólares", "USD"}, {"dolares", "USD"}, {"dollars", "USD"}, {"dólar", "USD"}, {"dollar", "USD"}, {"DÓLARES", "USD"},
		{"€", "EUR"}, {"euros", "EUR"}, {"euro", "EUR"}, {"EUR", "EUR"},
		{"R$", "BRL"}, {"reais", "BRL"}, {"real", "BRL"}, {"brl", "BRL"},
		{"N$", "NAD"}, {"TT$", "TTD"}, {"lempiras", "HNL"}, {"quetzales", "GTQ"}, {"kwanzas", "AOA"}, {"rand", "ZAR"},
		{"pesos cubanos", "CUP"}, {"CUP", "CUP"}, {"CUC", "CUC"}, {"pesos convertibles", "CUC"}, {"Pesos  Convertibles", "CUC"},
		{"bolívares", "VES"}, {"bolivares", "VES"}, {"Bs", "VES"}, {"VEF", "VEF"}, {"VES", "VES"},
		{"QAR", "QAR"}, {"SAR", "SAR"}, {"DZD", "DZD"}, {"PEN", "PEN"}, {"soles", "PEN"}, {"KES", "KES"}, {"MXN", "MXN"},
		{"Qatari riyals", "QAR"}, {"riyales saudíes", "SAR"}, {"£", "GBP"}, {"XAU", "XAU"},
	} {
		got, err := Currency(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("Currency(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestCurrencyErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"REAIS2", `currency "REAIS2" is not an ISO 4217 code`},
		{"XYZ", `currency "XYZ" is not an ISO 4217 code`},
		{"", `currency "" is not an ISO 4217 code`},
		{"realidad", `currency "realidad" is not an ISO 4217 code`},
		{"R", `currency "R" is ambiguous (ZAR rand or another currency): give the ISO 4217 code`},
		{"L", `currency "L" is ambiguous (HNL lempira, ALL lek or another currency): give the ISO 4217 code`},
		{"riyales", `currency "riyales" is ambiguous (SAR, QAR, OMR or YER): give the ISO 4217 code`},
		{"riyals", `currency "riyals" is ambiguous (SAR, QAR, OMR or YER): give the ISO 4217 code`},
		{"pesos", `currency "pesos" is ambiguous (CUP, CUC, MXN, ARS, COP...): give the ISO 4217 code`},
	} {
		got, err := Currency(tc.in)
		if err == nil {
			t.Errorf("Currency(%q) = %q, nil; want an error", tc.in, got)
			continue
		}
		if !errors.Is(err, ErrNotISO4217) || err.Error() != tc.want {
			t.Errorf("Currency(%q) error = %q (Is ErrNotISO4217: %v); want %q", tc.in, err, errors.Is(err, ErrNotISO4217), tc.want)
		}
	}
}

func TestCurrencyInfo(t *testing.T) {
	for _, tc := range []struct {
		code, name string
		minor      int
		ok         bool
	}{
		{"USD", "US Dollar", 2, true}, {"cup", "Cuban Peso", 2, true}, {"CUC", "Peso Convertible (Cuba; withdrawn 2021)", 2, true},
		{"KWD", "Kuwaiti Dinar", 3, true}, {"JPY", "Yen", 0, true}, {"XAU", "Gold", -1, true}, {"CLF", "Unidad de Fomento", 4, true},
		{"US$", "", 0, false}, {"XYZ", "", 0, false},
	} {
		name, minor, ok := CurrencyInfo(tc.code)
		if name != tc.name || minor != tc.minor || ok != tc.ok {
			t.Errorf("CurrencyInfo(%q) = %q, %d, %v; want %q, %d, %v", tc.code, name, minor, ok, tc.name, tc.minor, tc.ok)
		}
	}
}
