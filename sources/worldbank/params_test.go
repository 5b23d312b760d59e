package worldbank

import (
	"bytes"
	"maps"
	"os"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/cubaexports/cubaexports/sources"
)

func TestParams(t *testing.T) {
	api := "https://api.worldbank.org/v2/country/CUB/indicator/NE.EXP.GNFS.CD?format=json&date=2000:2024&per_page=100"
	for _, tc := range []struct{ name, url, params, msg string }{
		{"fx bulk", bulkURL, fxParams, ""},
		{"revenue api", api, exportsParams, ""},
		{"csv url", "https://example.org/API_PA.NUS.FCRF_DS2_en_csv_v2_22859.csv", fxParams, ""},
		{"missing", bulkURL, "", "source s: params are missing"},
		{"unknown key", bulkURL, "{indicator: PA.NUS.FCRF, mode: bulk, from: 2005, to: 2024, currency_map: {}}", "field currency_map not found"},
		{"indicator", bulkURL, "{indicator: fcrf, mode: bulk, from: 2005, to: 2024, currencies: {EUR: EMU}}", `indicator "fcrf" is not a WDI code`},
		{"mode", bulkURL, "{indicator: PA.NUS.FCRF, mode: csv, from: 2005, to: 2024, currencies: {EUR: EMU}}", `mode "csv": want "api" or "bulk"`},
		{"years", bulkURL, "{indicator: PA.NUS.FCRF, mode: bulk, from: 2024, to: 2005, currencies: {EUR: EMU}}", "years from 2024 to 2005"},
		{"currency code", bulkURL, "{indicator: PA.NUS.FCRF, mode: bulk, from: 2005, to: 2024, currencies: {euro: EMU}}", `currencies: "euro": "EMU"`},
		{"country code", bulkURL, "{indicator: PA.NUS.FCRF, mode: bulk, from: 2005, to: 2024, currencies: {EUR: Euro area}}", `currencies: "EUR": "Euro area"`},
		{"no table", bulkURL, "{indicator: PA.NUS.FCRF, mode: bulk, from: 2005, to: 2024}", `concept "" is not a revenue concept`},
		{"both tables", bulkURL, "{indicator: PA.NUS.FCRF, mode: bulk, from: 2005, to: 2024, currencies: {EUR: EMU}, concept: goods_and_services_exports}", "concept and currency are for revenue"},
		{"revenue currency", api, strings.Replace(exportsParams, "currency: USD", "currency: dollars", 1), `currency "dollars" is not an ISO 4217 code`},
		{"wrong indicator", bulkURL, strings.Replace(fxParams, "PA.NUS.FCRF", "NY.GDP.MKTP.CD", 1), "does not name indicator NY.GDP.MKTP.CD"},
		{"bulk countries", bulkURL, fxParams + "countries: [BRA]\n", "countries are for mode api"},
		{"api format", strings.Replace(api, "format=json", "format=xml", 1), exportsParams, "mode api needs format=json"},
		{"api page", api + "&page=2", exportsParams, "leave out page="},
		{"api date", strings.Replace(api, "2000:2024", "2001:2024", 1), exportsParams, "date=2001:2024 disagrees with from 2000 and to 2024"},
		{"api countries", api, strings.Replace(exportsParams, "[CUB]", "[CUB, BRA]", 1), `countries [CUB BRA] disagree with the url's country segment "CUB"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := checkParams(source(t, "s", tc.url, tc.params))
			if tc.msg == "" {
				if err != nil {
					t.Errorf("got %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("got %v, want %s", err, tc.msg)
			}
		})
	}
}

func TestFormat(t *testing.T) {
	for _, tc := range []struct{ url, params, want string }{
		{bulkURL, fxParams, "zip"},
		{"https://example.org/API_PA.NUS.FCRF_DS2_en_csv_v2_22859.csv", fxParams, "csv"},
		{"https://api.worldbank.org/v2/country/CUB/indicator/NE.EXP.GNFS.CD?format=json", exportsParams, "json"},
	} {
		if got := mustOpen(t, source(t, "s", tc.url, tc.params)).format(); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.url, got, tc.want)
		}
	}
}

// catalogEntries decodes the catalog's worldbank entries. Only this
// kind's entries are taken, so other kinds need not be registered here.
func catalogEntries(t *testing.T) map[string]sources.Entry {
	t.Helper()
	raw, err := os.ReadFile("../catalog.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var all struct {
		Sources []yaml.Node `yaml:"sources"`
	}
	if err := yaml.Unmarshal(raw, &all); err != nil {
		t.Fatal(err)
	}
	var mine []yaml.Node
	for _, n := range all.Sources {
		var s struct{ Kind string }
		if err := n.Decode(&s); err == nil && s.Kind == Kind {
			mine = append(mine, n)
		}
	}
	out, err := yaml.Marshal(map[string]any{"sources": mine})
	if err != nil {
		t.Fatal(err)
	}
	cat, err := sources.DecodeCatalog("catalog.yaml", bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]sources.Entry{}
	for _, s := range cat.Entries {
		m[s.ID] = s
	}
	return m
}

// The catalog's entries decode, and worldbank_fx on its bootstrap file
// gives the years each currency has in the real file.
func TestCatalogEntries(t *testing.T) {
	cat := catalogEntries(t)
	fx, ok := cat["worldbank_fx"]
	if exp, ok2 := cat["worldbank_exports"]; !ok || !ok2 || !exp.Disabled || fx.Bootstrap != "embed:" || fx.Retrieved != "2025-07-01" {
		t.Fatalf("catalog entries %+v", cat)
	}
	rows, err := extract(t, fx, realCSV, realBody(t))
	if err != nil {
		t.Fatal(err)
	}
	span := map[string][3]int64{} // first, last, count
	for _, r := range rows.FXRates {
		s, seen := span[r.Currency]
		if !seen {
			s = [3]int64{r.Year, r.Year, 0}
		}
		span[r.Currency] = [3]int64{min(s[0], r.Year), max(s[1], r.Year), s[2] + 1}
	}
	want := map[string][3]int64{"PEN": {2005, 2023, 19}, "VEF": {2005, 2017, 13}}
	for _, c := range []string{"AOA", "BRL", "DZD", "EUR", "GTQ", "HNL", "KES", "MXN", "NAD", "QAR", "SAR", "TTD", "ZAR"} {
		want[c] = [3]int64{2005, 2024, 20}
	}
	if !maps.Equal(span, want) {
		t.Errorf("years per currency:\n got %v\nwant %v (CUP: none)", span, want)
	}
	if r := rate(rows, "SAR", 2020); r == nil || r.RatePerUSD != 3.75 {
		t.Errorf("SAR 2020: %+v", r)
	}
}

func TestRegistered(t *testing.T) {
	k, ok := sources.Lookup(Kind)
	if !ok || !k.PositionalLocators || k.Embedded == nil {
		t.Fatalf("worldbank kind: %+v", k)
	}
	r, err := sources.Open(source(t, "s", bulkURL, fxParams))
	if err != nil {
		t.Fatal(err)
	}
	if r.List == nil || r.Format != "zip" || r.Embedded == nil {
		t.Errorf("opened entry: list %v, format %q, embedded %v", r.List != nil, r.Format, r.Embedded)
	}
}
