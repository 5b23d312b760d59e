package xlsxtable

import (
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/sources"
)

const goodEdition = `
        - edition: AEC 2022
          sheet: "8.3"
          units: Miles de pesos
          header: {match: "^concepto$"}
          years: columns
          label_column: A
          currency: CUP
          series:
            - {label: Total, concept: services_exports_total}
`

// A bad layout map fails when the catalog is loaded, naming what to fix.
func TestCheckParams(t *testing.T) {
	for _, tc := range []struct {
		name, params, want string
	}{
		{"good", "table: revenue\n      editions:" + goodEdition, ""},
		{"unknown key", "table: revenue\n      editions:" + goodEdition + "          colour: red\n", "field colour not found"},
		{"no params", "", "params are missing"},
		{"bad table", "table: rates\n      editions:" + goodEdition, `table "rates": use revenue or worker_counts`},
		{"no editions", "table: revenue\n      editions: []", "editions is empty"},
		{"sheet twice", "table: revenue\n      editions:" + goodEdition + "          sheet_index: 2\n", "exactly one of sheet"},
		{"header twice", "table: revenue\n      editions:" + strings.Replace(goodEdition, `{match: "^concepto$"}`, `{match: x, row: 3}`, 1), "header: give exactly one of row"},
		{"bad pattern", "table: revenue\n      editions:" + strings.Replace(goodEdition, `^concepto$`, `(`, 1), "header match: error parsing regexp"},
		{"bad years", "table: revenue\n      editions:" + strings.Replace(goodEdition, "years: columns", "years: across", 1), `years "across": use columns or rows`},
		{"bad column", "table: revenue\n      editions:" + strings.Replace(goodEdition, "label_column: A", "label_column: 1", 1), `label_column "1" is not a column letter`},
		{"unknown units", "table: revenue\n      editions:" + strings.Replace(goodEdition, "Miles de pesos", "Miles de cocos", 1), `units "Miles de cocos" is not a known units line`},
		{"unknown concept", "table: revenue\n      editions:" + strings.Replace(goodEdition, "services_exports_total", "services", 1), `concept "services" is not in the concept vocabulary`},
		{"no currency", "table: revenue\n      editions:" + strings.Replace(goodEdition, "currency: CUP", "", 1), `currency "" is not an ISO 4217 code`},
		{"bad missing", "table: revenue\n      editions:" + goodEdition + "          missing: {\"x\": gone}\n", `missing "x": "gone" is not nil`},
		{"label and pattern", "table: revenue\n      editions:" + strings.Replace(goodEdition, "{label: Total,", "{label: Total, pattern: x,", 1), "series 1: give exactly one of label and pattern"},
		{"workers fields", "table: worker_counts\n      editions:" + goodEdition, `sector is missing`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			yaml := "sources:\n  - id: s\n    kind: xlsxtable\n    title: t\n    url: u\n"
			if tc.params != "" {
				yaml += "    params:\n      " + tc.params
			}
			_, err := sources.DecodeCatalog("c.yaml", strings.NewReader(yaml))
			switch {
			case tc.want == "" && err != nil:
				t.Fatal(err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("got %v, want %q", err, tc.want)
			}
		})
	}
}

func TestFoldLabel(t *testing.T) {
	for in, want := range map[string]string{
		"Servicios de salud humana y de atención social (a)": "servicios de salud humana y de atencion social",
		"  Servicios   de apoyo 1/ ":                         "servicios de apoyo",
		"Total (1) (b)":                                      "total",
		"De ello:":                                           "de ello",
		"Turismo²":                                           "turismo",
		"AÑOS":                                               "anos",
		"2022 (p)":                                           "2022",
		"Servicios\u00a0de transporte*":                      "servicios de transporte",
	} {
		if got := foldLabel(in); got != want {
			t.Errorf("foldLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseCellText(t *testing.T) {
	p, err := compile("revenue", Edition{Name: "x", Sheet: "s", Units: "personas", Header: Header{Row: 1}, Years: "columns",
		LabelColumn: "A", Series: []Series{{Label: "a", Fixed: Fixed{Concept: "services_exports_total", Currency: "CUP"}}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		in     string
		num    float64
		status string
	}{
		{"4 882 234,5", 4882234.5, "reported"}, {"4\u00a0882\u00a0234,5", 4882234.5, "reported"}, {"1234.5", 1234.5, "reported"},
		{"(1 300)", -1300, "reported"}, {"-", 0, "nil"}, {"…", 0, "not_available"}, {"..", 0, "not_available"},
		{"...", 0, "not_available"}, {"", 0, "not_available"}, {" 12 ", 12, "reported"}, {"1E3", 1000, "reported"},
	} {
		v, err := p.parseValue(tc.in)
		if err != nil || v.num != tc.num || v.status != tc.status {
			t.Errorf("parseValue(%q) = %+v, %v", tc.in, v, err)
		}
	}
	for _, bad := range []string{"12abc", "4.882.234,5", "US$ 5", "5 mil", "1,2,3", "x"} {
		if v, err := p.parseValue(bad); err == nil {
			t.Errorf("parseValue(%q) = %+v, want an error", bad, v)
		}
	}
}

func TestScaleIsExact(t *testing.T) {
	for _, tc := range []struct{ v, m, want float64 }{
		{1234.3, 1000, 1234300}, {4882234.5, 1000, 4882234500}, {0.1, 1e6, 100000}, {1.234, 1e6, 1234000}, {3, 1, 3}, {2, 2.5, 5},
	} {
		if got := scale(tc.v, tc.m); got != tc.want {
			t.Errorf("scale(%v, %v) = %v, want %v", tc.v, tc.m, got, tc.want)
		}
	}
}
