package xlsxtable

import (
	"errors"
	"maps"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/sources"
)

// oneiEntry is an ONEI-like services table's catalog entry: units as
// given, the rest of the map fixed; no ignore pattern for footnotes.
func oneiEntry(t *testing.T, units string) sources.Entry {
	t.Helper()
	yaml := `sources:
  - id: onei_like
    kind: xlsxtable
    title: SYNTHETIC ONEI-like table
    url: u
    params:
      table: revenue
      editions:
        - edition: AEC 2023
          edition_year: 2024
          sheet_index: 1
          title_text: Exportaciones de servicios
` + units + `
          header: {match: "^concepto$"}
          years: columns
          label_column: A
          currency: CUP
          series:
            - {label: Total, concept: services_exports_total}
            - {label: "Servicios de salud humana y de atención social", concept: health_services_exports}
`
	cat, err := sources.DecodeCatalog("onei_like.yaml", strings.NewReader(yaml))
	if err != nil {
		t.Fatal(err)
	}
	return cat.Entries[0]
}

// oneiLike is the layout of an AEC sector-external table: the number and
// title on one line with the units in parentheses, CONCEPTO and the
// years, the body, footnotes, a note and the source line.
func oneiLike() fixture {
	return fixture{name: "synthetic_5_12.xlsx", sheet: "5.12", cells: map[string]any{
		"A1": "5.12 - Exportaciones de servicios (Millones de pesos)",
		"A3": "CONCEPTO", "B3": 2021, "C3": 2022, "D3": "2023 (p)",
		"A4": "Total", "B4": "5 884,2", "C4": "7 063,9", "D4": "6 827,0",
		"A5": "Servicios de salud humana y de atención social (a)", "B5": "4 349,9", "C5": "4 882,2", "D5": "…",
		"A6": "(a) Incluye los servicios médicos prestados en el exterior (SYNTHETIC footnote).",
		"A7": "que continúa en una segunda línea sin marca.",
		"A8": "(p) Cifras preliminares.", "A9": "1/ Otra nota.", "A10": "* Estimado.",
		"A11": "Notas: SYNTHETIC.", "A12": "Fuente: SYNTHETIC, not ONEI data.",
	}}
}

// Units inside a title line or a header cell, by default (in
// parentheses) or by units_pattern; footnote lines and notes end the
// body without a per-table pattern.
func TestUnitsAndFootnotes(t *testing.T) {
	base := oneiLike()
	with := func(edit map[string]any) fixture {
		fx := base
		fx.cells = maps.Clone(base.cells)
		for ref, v := range edit {
			if v == nil {
				delete(fx.cells, ref)
			} else {
				fx.cells[ref] = v
			}
		}
		return fx
	}
	for _, tc := range []struct {
		name, units string
		fx          fixture
		want        string // a drift problem; "" extracts
	}{
		{"units in the title", "          units: Millones de pesos", base, ""},
		{"units in a header cell", "          units: Millones de pesos",
			with(map[string]any{"A1": "5.12 - Exportaciones de servicios", "B2": "Valores (Millones de pesos)"}), ""},
		{"units line of its own", "          units: Millones de pesos",
			with(map[string]any{"A1": "5.12 - Exportaciones de servicios", "A2": "(MILLONES DE PESOS)"}), ""},
		{"units_pattern", "          units: Millones de pesos\n          units_pattern: 'en (millones de pesos)$'",
			with(map[string]any{"A1": "5.12 - Exportaciones de servicios, en millones de pesos"}), ""},
		{"units changed", "          units: Millones de pesos",
			with(map[string]any{"A1": "5.12 - Exportaciones de servicios (Miles de pesos)"}),
			`expected the units line "Millones de pesos": not found`},
		{"units changed, by pattern", "          units: Millones de pesos\n          units_pattern: '\\(([^()]*pesos)\\)$'",
			with(map[string]any{"A1": "5.12 - Exportaciones de servicios (Miles de pesos)"}),
			`expected the units "Millones de pesos": the table says "miles de pesos" in cell A1`},
		{"a series label starting with a marker has figures", "          units: Millones de pesos",
			with(map[string]any{"A6": "(1) Servicios de transporte", "B6": 1.5}),
			`unmapped row 6: "(1) Servicios de transporte"`},
		{"no footnotes, the source line ends", "          units: Millones de pesos",
			with(map[string]any{"A6": "Fuente: SYNTHETIC.", "A7": nil, "A8": nil, "A9": nil, "A10": nil, "A11": nil, "A12": nil}), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := extract(t, oneiEntry(t, tc.units), tc.fx.name, tc.fx.build(t))
			if tc.want != "" {
				var de *DriftError
				if !errors.As(err, &de) || !errors.Is(err, sources.ErrLayoutChanged) || !strings.Contains(err.Error(), tc.want) {
					t.Fatalf("got %v\nwant a drift containing %q", err, tc.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := revenueFigs(rows)
			if rows.Revenue.Len() != 6 {
				t.Errorf("%d rows, want 6", rows.Revenue.Len())
			}
			for _, w := range []fig{
				{"sheet=5.12!B4", "services_exports_total", 2021, 5884200000, "reported"},
				{"sheet=5.12!C5", "health_services_exports", 2022, 4882200000, "reported"},
				{"sheet=5.12!D5", "health_services_exports", 2023, 0, "not_available"},
			} {
				if g := got[w.locator]; g != w {
					t.Errorf("%s: got %+v, want %+v", w.locator, g, w)
				}
			}
		})
	}
}

// A units_pattern with more than one group is refused when the catalog
// loads.
func TestUnitsPatternChecked(t *testing.T) {
	yaml := "sources:\n  - id: s\n    kind: xlsxtable\n    url: u\n    params:\n      table: revenue\n      editions:" + goodEdition + "          units_pattern: '(a)(b)'\n"
	_, err := sources.DecodeCatalog("c.yaml", strings.NewReader(yaml))
	if err == nil || !strings.Contains(err.Error(), "units_pattern \"(a)(b)\": give at most one group") {
		t.Errorf("got %v", err)
	}
}

// The foot-line rule, line by line.
func TestIsFootLine(t *testing.T) {
	p := &plan{}
	p.compileLocale(func(string, ...any) {})
	p.compileMissing(func(string, ...any) {})
	for _, tc := range []struct {
		cells []string
		want  bool
	}{
		{[]string{"(a) Incluye los servicios médicos"}, true},
		{[]string{"", "(1) Cifras revisadas"}, true},
		{[]string{"1/ Otra nota"}, true},
		{[]string{"a/ Otra nota"}, true},
		{[]string{"* Estimado"}, true},
		{[]string{"¹ Estimado"}, true},
		{[]string{"Nota: x"}, true},
		{[]string{"Notas:"}, true},
		{[]string{"NOTES: x"}, true},
		{[]string{"Fuente: ONEI"}, true},
		{[]string{"Source: ONEI"}, true},
		{[]string{"(a) Incluye", "ver texto"}, true},
		{[]string{"(1) Servicios de transporte", "1 234,5"}, false},
		{[]string{"(1) Servicios", "12"}, false},
		{[]string{"Total", ""}, false},
		{[]string{"(a)"}, false},
		{[]string{"Notable services"}, false},
		{[]string{"Sources of revenue"}, false},
		{[]string{"2022/23"}, false},
		{[]string{""}, false},
	} {
		if got := p.isFootLine(sheetRow{n: 1, cells: tc.cells}); got != tc.want {
			t.Errorf("%q: %v, want %v", tc.cells, got, tc.want)
		}
	}
}

// FuzzFootAndUnits: the foot-line rule never ends a table at a row that
// holds a number after its first cell, and units are only ever found in
// text that holds them (folded).
func FuzzFootAndUnits(f *testing.F) {
	for _, s := range []string{"(a) Incluye", "Notas:", "5.12 Exportaciones (Millones de pesos)", "1/ x\x001 234,5", "* \x00(1)", "¹²"} {
		f.Add(s, "Millones de pesos")
	}
	f.Fuzz(func(t *testing.T, row, units string) {
		p := &plan{Edition: Edition{Units: units}}
		p.compileLocale(func(string, ...any) {})
		p.compileMissing(func(string, ...any) {})
		p.unitsKey = unitsKey(units)
		cells := strings.Split(row, "\x00")
		if p.isFootLine(sheetRow{n: 1, cells: cells}) {
			seen := false
			for _, c := range cells {
				if strings.TrimSpace(c) == "" {
					continue
				}
				if seen {
					if v, err := p.parseValue(c); err == nil && v.status == "reported" {
						t.Fatalf("%q ends the table but holds the number %q", cells, c)
					}
				}
				seen = true
			}
		}
		for _, c := range cells {
			if u, ok := p.unitsIn(c); ok && (u != p.unitsKey || !strings.Contains(fold(c), p.unitsKey)) {
				t.Fatalf("units %q found in %q (map: %q)", u, c, p.unitsKey)
			}
		}
	})
}
