package xlsxtable

import (
	"bytes"
	"flag"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the synthetic workbooks under testdata/")

// A fixture is a synthetic workbook in the ONEI layout: cells by reference
// (a string is a text cell, a number a numeric cell) and merged ranges.
// Every number is made up (1234,5-style) and each workbook says SYNTHETIC.
type fixture struct {
	name, sheet string
	cells       map[string]any
	merges      [][2]string
	formulas    map[string]string // cell -> formula; its cached value is cells[ref], if any
}

func fixtures() []fixture {
	return []fixture{servicesAEC2022(), servicesAEC2023(), yearsDown(), workers()}
}

// Services exports by type, edition AEC 2022: merged two-row header, years
// 2018-2022 (2022 with a footnote), every missing-value symbol, numbers as
// numeric cells and as ONEI text ("1 234,5").
func servicesAEC2022() fixture {
	return fixture{name: "synthetic_8_3_aec2022.xlsx", sheet: "8.3", cells: map[string]any{
		"A1": "8.3 - Exportaciones de servicios (SYNTHETIC: made-up figures for tests)",
		"A2": "Miles de pesos",
		"A4": "CONCEPTO", "B4": "Años",
		"B5": 2018, "C5": 2019, "D5": 2020, "E5": 2021, "F5": "2022 (a)",
		"A6": "Total", "B6": "…", "C6": 12345.6, "D6": "11 111,1", "E6": 22222.2, "F6": "33 333,3",
		"A7": "Servicios de salud humana y de atención social (a)", "B7": "..", "C7": 1234.5, "D7": "2 345,6", "E7": "-", "F7": "3 456,7",
		"A8": "Servicios de apoyo 1/", "B8": "-", "D8": 111.1, "E8": "222,2", "F8": 333.3,
		"A9":  "De ello:",
		"A10": "Servicios de telecomunicaciones", "B10": 1.5, "C10": 2.5, "D10": "3,5", "E10": 4.5, "F10": "1 234,5",
		"A11": "Servicios de hoteles y restaurantes", "B11": 11.5, "C11": "22,5", "D11": "...", "E11": 44.5, "F11": 55.5,
		"A12": "Servicios de transporte", "B12": "1 111", "C12": 2222, "D12": 3333, "E12": 4444, "F12": 5555,
		"A13": "Fuente: SYNTHETIC fixture, not ONEI data.",
		"A14": "Nota: (a) SYNTHETIC footnote; 1/ another SYNTHETIC footnote.",
		"A16": "junk after the footer is never read", "B16": "x",
	}, merges: [][2]string{{"A4", "A5"}, {"B4", "F4"}}}
}

// The next edition: the year columns moved one column right (an empty
// column B), the health row was renamed, a year added and one dropped.
func servicesAEC2023() fixture {
	return fixture{name: "synthetic_8_3_aec2023.xlsx", sheet: "8.3", cells: map[string]any{
		"A1": "8.3 - Exportaciones de servicios (SYNTHETIC: made-up figures for tests)",
		"A2": "Miles de pesos",
		"A4": "CONCEPTO", "C4": "Años",
		"C5": 2019, "D5": 2020, "E5": 2021, "F5": 2022, "G5": "2023 (b)",
		"A6": "Total", "C6": 12345.7, "D6": "11 111,2", "E6": 22222.3, "F6": "33 333,4", "G6": "44 444,4",
		"A7": "Servicios de salud y asistencia social (b)", "C7": 1234.6, "D7": "2 345,7", "E7": "..", "F7": "3 456,8", "G7": "…",
		"A8": "Servicios de apoyo (c)", "C8": "", "D8": 111.2, "E8": "222,3", "F8": 333.4, "G8": "444,4",
		"A9":  "De ello:",
		"A10": "Servicios de telecomunicaciones", "C10": 2.6, "D10": "3,6", "E10": 4.6, "F10": "1 234,6", "G10": 5.6,
		"A11": "Servicios de hoteles y restaurantes", "C11": "22,6", "D11": 33.6, "E11": 44.6, "F11": 55.6, "G11": 66.6,
		"A12": "Servicios de transporte", "C12": 2223, "D12": 3334, "E12": 4445, "F12": 5556, "G12": "6 667",
		"A13": "Nota: (b) SYNTHETIC footnote. (c) SYNTHETIC.",
		"A14": "Fuente: SYNTHETIC fixture, not ONEI data.",
	}, merges: [][2]string{{"A4", "A5"}, {"C4", "G4"}}}
}

// shifted moves every cell of a fixture n columns right (a label column
// that moved).
func shifted(fx fixture, n int) fixture {
	move := func(ref string) string {
		c, r, _ := excelize.CellNameToCoordinates(ref)
		out, _ := excelize.CoordinatesToCellName(c+n, r)
		return out
	}
	cells := map[string]any{}
	for ref, v := range fx.cells {
		cells[move(ref)] = v
	}
	var merges [][2]string
	for _, m := range fx.merges {
		merges = append(merges, [2]string{move(m[0]), move(m[1])})
	}
	fx.cells, fx.merges = cells, merges
	return fx
}

// National-accounts exports with years down the rows, a two-row header
// with a merged "Exportaciones" over two columns, numbers in locale es
// (dot thousands) as text, a formula with a cached value, and "1.234"
// both as a numeric cell (1.234) and as text (1234).
func yearsDown() fixture {
	return fixture{name: "synthetic_5_x_years_down.xlsx", sheet: "5.x", cells: map[string]any{
		"A1": "5.x - Exportaciones de bienes y servicios (SYNTHETIC)",
		"A2": "(Millones de pesos)",
		"A3": "AÑOS", "B3": "Exportaciones", "D3": "Nota",
		"B4": "Bienes", "C4": "Servicios 1/",
		"A5": 2019, "B5": "1.111,1", "C5": 1234.5,
		"A6": 2020, "B6": 2222.2, "C6": "2.345,6",
		"A7": "2021 (p)", "B7": "..", "C7": 1.234,
		"A8": 2022, "B8": "3.333", "C8": "1.234",
		"A9": "Fuente: SYNTHETIC fixture.",
	}, merges: [][2]string{{"A3", "A4"}, {"B3", "C3"}, {"D3", "D4"}},
		formulas: map[string]string{"B6": "1111.1*2"}}
}

// Headcounts abroad (personas), years across, for worker_counts.
func workers() fixture {
	return fixture{name: "synthetic_workers.xlsx", sheet: "Colaboradores", cells: map[string]any{
		"A1": "9.x - Colaboradores en el exterior (SYNTHETIC)",
		"A2": "Personas",
		"A3": "CONCEPTO", "B3": 2020, "C3": 2021, "D3": "2022",
		"A4": "Total", "B4": "12 345", "C4": 11111, "D4": "…",
		"A5": "Salud", "B5": 1234, "C5": "-", "D5": "2 222",
		"A6": "Fuente: SYNTHETIC fixture.",
	}}
}

func (fx fixture) build(tb testing.TB) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", fx.sheet))
	for _, ref := range slices.Sorted(maps.Keys(fx.cells)) { // sorted: the same bytes every time
		must(f.SetCellValue(fx.sheet, ref, fx.cells[ref]))
	}
	for _, ref := range slices.Sorted(maps.Keys(fx.formulas)) {
		must(f.SetCellFormula(fx.sheet, ref, fx.formulas[ref]))
	}
	for _, m := range fx.merges {
		must(f.MergeCell(fx.sheet, m[0], m[1]))
	}
	var buf bytes.Buffer
	must(f.Write(&buf))
	return buf.Bytes()
}

// The committed fixtures are what the generator writes; -update rewrites them.
func TestFixtures(t *testing.T) {
	for _, fx := range fixtures() {
		p := filepath.Join("testdata", fx.name)
		got := fx.build(t)
		if *update {
			if err := os.WriteFile(p, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if !bytes.Equal(readFixture(t, fx.name), got) {
			t.Errorf("%s differs from what the generator writes (run go test -run TestFixtures -update)", p)
		}
	}
}

func readFixture(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}
