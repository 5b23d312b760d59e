package xlsxtable

import (
	"bytes"
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/sources"
	"github.com/cubaexports/cubaexports/sources/normalize"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// formatONEI writes f the way ONEI tables do: space thousands, comma decimals.
func formatONEI(f float64) string {
	s := normalize.FormatNumber(math.Abs(f))
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString("," + frac)
	}
	if f < 0 {
		return "-" + b.String()
	}
	return b.String()
}

// FuzzParseCellText: the cell-text number parser never panics, gives only
// finite numbers, and a number it reads, written back the ONEI way, reads
// back the same.
func FuzzParseCellText(f *testing.F) {
	for _, s := range []string{"4 882 234,5", "1 234,5", "(1 300)", "-12", "0,5", "12abc", "1.234,5", "…", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseCellText(s, normalize.LocaleONEI)
		if err != nil {
			if !errors.Is(err, ErrNotNumber) {
				t.Fatalf("%q: error %v does not wrap ErrNotNumber", s, err)
			}
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("%q gave %v", s, v)
		}
		back, err := ParseCellText(formatONEI(v), normalize.LocaleONEI)
		if err != nil || back != v {
			t.Fatalf("%q = %v; %q reads back as %v, %v", s, v, formatONEI(v), back, err)
		}
	})
}

// FuzzLayoutMap: any params either fail the catalog check or extract the
// AEC 2022 fixture without panicking, giving rows with locators or an
// error that is a drift report or names its place.
func FuzzLayoutMap(f *testing.F) {
	f.Add("table: revenue\neditions:" + strings.ReplaceAll(goodEdition, "\n        ", "\n  "))
	f.Add("table: worker_counts\neditions: [{edition: x, sheet_index: 1, units: personas, header: {row: 3}, years: rows, label_column: A, series: [{pattern: ., sector: all, role: doctors, count_kind: stock}]}]")
	body := readFixture(f, "synthetic_8_3_aec2022.xlsx")
	f.Fuzz(func(t *testing.T, params string) {
		var node yaml.Node
		if yaml.Unmarshal([]byte(params), &node) != nil || len(node.Content) == 0 {
			return
		}
		src := sources.Entry{ID: "fuzz", Kind: Kind, Title: "SYNTHETIC", URL: "u", Params: *node.Content[0]}
		b, err := compileEntry(src)
		if err != nil {
			return
		}
		rows, err := b.Extract(context.Background(), snapshot.Snapshot{Name: "synthetic_8_3_aec2022.xlsx"}, bytes.NewReader(body))
		if err != nil {
			var de *DriftError
			var le *datasets.LocatedError
			if !errors.As(err, &de) && !errors.As(err, &le) {
				t.Fatalf("error neither drift nor located: %v", err)
			}
			return
		}
		for _, r := range rows.Revenue.All() {
			if !strings.HasPrefix(r.Locator, "sheet=8.3!") || r.At.Row < 1 {
				t.Fatalf("row %+v", r)
			}
		}
	})
}
