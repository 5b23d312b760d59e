package xlsxtable

import (
	"errors"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/sources"
)

// remap moves every cell and merge of a fixture by to(col, row); a cell
// mapped to column 0 is dropped.
func remap(fx fixture, to func(col, row int) (int, int)) fixture {
	move := func(ref string) (string, bool) {
		c, r, _ := excelize.CellNameToCoordinates(ref)
		c, r = to(c, r)
		if c == 0 {
			return "", false
		}
		out, _ := excelize.CoordinatesToCellName(c, r)
		return out, true
	}
	cells := map[string]any{}
	for ref, v := range fx.cells {
		if to, ok := move(ref); ok {
			cells[to] = v
		}
	}
	var merges [][2]string
	for _, m := range fx.merges {
		a, _ := move(m[0])
		b, _ := move(m[1])
		merges = append(merges, [2]string{a, b})
	}
	fx.cells, fx.merges = cells, merges
	return fx
}

// idsOf extracts a workbook and derives its obs_ids as the engine does
// (the kind's PositionalLocators decides whether the cell counts): id ->
// "year value status".
func idsOf(t *testing.T, fx fixture) map[string]string {
	t.Helper()
	rows, err := extract(t, catalogSource(t, "synthetic_services"), fx.name, fx.build(t))
	if err != nil {
		t.Fatal(err)
	}
	k, _ := sources.Lookup(Kind)
	for i := range rows.Revenue.Len() {
		r := rows.Revenue.At(i)
		r.Extractor = k.ExtractorName()
		rows.Revenue.Set(i, r)
	}
	datasets.AssignIDsBy(&rows, func(string) bool { return !k.PositionalLocators })
	out := map[string]string{}
	for _, r := range rows.Revenue.All() {
		v := ""
		if r.Value != nil {
			v = strconv.FormatFloat(*r.Value, 'f', -1, 64)
		}
		if _, dup := out[r.ObsID]; dup {
			t.Fatalf("id %s twice", r.ObsID)
		}
		out[r.ObsID] = r.Concept + " " + strconv.FormatInt(r.Year, 10) + " " + v + " " + r.Status
	}
	return out
}

// A figure's obs_id is what it is, not where it stands: two rows
// inserted above the table, two year columns swapped, a year added or
// one dropped leave every other figure's id and value as they were.
func TestIDsSurviveMoves(t *testing.T) {
	base := servicesAEC2022()
	want := idsOf(t, base)
	if len(want) != 30 {
		t.Fatalf("%d ids, want 30", len(want))
	}
	added := base
	added.cells = maps.Clone(base.cells)
	for ref, v := range map[string]any{"G5": 2023, "G6": 1.0, "G7": 2.0, "G8": 3.0, "G10": 4.0, "G11": 5.0, "G12": 6.0} {
		added.cells[ref] = v
	}
	for _, tc := range []struct {
		name          string
		fx            fixture
		added, gone   int
		goneYear      string // every removed id is of this year
		addedContains string
	}{
		{"two rows inserted above", remap(base, func(c, r int) (int, int) { return c, r + 2 }), 0, 0, "", ""},
		{"two columns swapped", remap(base, func(c, r int) (int, int) {
			switch c {
			case 3:
				return 4, r
			case 4:
				return 3, r
			}
			return c, r
		}), 0, 0, "", ""},
		{"a year added", added, 6, 0, "", " 2023 "},
		{"a year dropped", remap(base, func(c, r int) (int, int) {
			switch {
			case c == 2 && r >= 5: // the 2018 column below the merged "Años"
				return 0, 0
			case c > 2 && r >= 4: // the merge over the years ends a column earlier
				return c - 1, r
			}
			return c, r
		}), 0, 6, " 2018 ", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := idsOf(t, tc.fx)
			var added, gone []string
			for id, g := range got {
				if w, ok := want[id]; !ok {
					added = append(added, g)
				} else if w != g {
					t.Errorf("%s: %q, was %q", id, g, w)
				}
			}
			for id, w := range want {
				if _, ok := got[id]; !ok {
					gone = append(gone, w)
				}
			}
			if len(added) != tc.added || len(gone) != tc.gone {
				t.Errorf("added %q, gone %q; want %d added, %d gone", added, gone, tc.added, tc.gone)
			}
			for _, g := range gone {
				if !strings.Contains(g, tc.goneYear) {
					t.Errorf("gone: %q, not of year%s", g, tc.goneYear)
				}
			}
			for _, a := range added {
				if !strings.Contains(a, tc.addedContains) {
					t.Errorf("added: %q", a)
				}
			}
		})
	}
}

// Two figures the map gives the same identity (a pattern matching two
// rows) are a located layout error naming both cells, never two ids.
func TestSameFigureIsAnError(t *testing.T) {
	fx := servicesAEC2022()
	fx.cells = maps.Clone(fx.cells)
	fx.cells["A11"] = "Servicios de telecomunicaciones (a)"
	src := catalogSource(t, "synthetic_services")
	_, err := extract(t, src, fx.name, fx.build(t))
	var de *DriftError
	if !errors.As(err, &de) || !errors.Is(err, sources.ErrLayoutChanged) {
		t.Fatalf("got %v, want a DriftError", err)
	}
	want := `cells B10 and B11 are the same figure (both matched by series pattern ^servicios de telecomunicaciones?$, year 2018)`
	if !slices.ContainsFunc(de.Problems, func(p string) bool { return strings.HasPrefix(p, want) }) {
		t.Errorf("problems:\n%s\nwant one starting %q", strings.Join(de.Problems, "\n"), want)
	}
}
