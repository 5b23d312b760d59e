package site

import (
	"cmp"
	"fmt"
	"image/color"
	"maps"
	"slices"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// macroChart plots Cuba's exports of goods and services as a share of GDP
// (macro_indicators, NE.EXP.GNFS.ZS) and the derived shares of its
// service-export revenue (macro_shares) by year. A line never joins two
// segments of a series: each segment is its own line, and every declared
// break (series_breaks) is a dashed vertical line.
func macroChart(v *version) (*chart, error) {
	lines := macroLines(v)
	if len(lines) == 0 {
		return nil, nil
	}
	p := newPlot("Cuba: exports and service-export revenue as shares (percent)", "year", "percent")
	keys := slices.SortedFunc(maps.Keys(lines), func(a, b lineKey) int {
		return cmp.Or(cmp.Compare(a.name, b.name), cmp.Compare(a.segment, b.segment))
	})
	var names []string
	for _, k := range keys {
		first := !slices.Contains(names, k.name) // the legend names a series once
		if first {
			names = append(names, k.name)
		}
		xys := lines[k]
		slices.SortFunc(xys, func(a, b plotter.XY) int { return cmp.Compare(a.X, b.X) })
		c := colour(slices.Index(names, k.name))
		for i, run := range runs(xys) {
			l, s, err := plotter.NewLinePoints(run)
			if err != nil {
				return nil, fmt.Errorf("macro chart: %w", err)
			}
			l.Color, s.GlyphStyle = c, glyph(c, true)
			p.Add(l, s)
			if first && i == 0 {
				p.legend.Add(k.name, l, s)
			}
		}
	}
	if err := addBreaks(p, v); err != nil {
		return nil, err
	}
	svg, err := render(p)
	if err != nil {
		return nil, fmt.Errorf("macro chart: %w", err)
	}
	return &chart{File: "macro_shares.svg", Title: "Cuba: exports and service-export revenue as shares of GDP and of exports (percent)",
		Caption: "Exports of goods and services as a percentage of Cuba's GDP as the World Bank publishes it (macro_indicators, NE.EXP.GNFS.ZS), " +
			"and the derived shares of the official service-export revenue in GDP and in exports of goods and services (macro_shares; derived figures, not reported ones). " +
			"Dashed vertical lines mark declared series breaks (series_breaks): no line joins the years on the two sides of a break, since the values are not comparable, " +
			"and no line bridges years without a value " +
			"(from 2021 Cuba's currency unification changed how its accounts count dollars).",
		SVG: svg}, nil
}

// runs splits points sorted by year into runs of consecutive years, so
// that a line does not bridge years without a value either.
func runs(xys plotter.XYs) []plotter.XYs {
	var out []plotter.XYs
	start := 0
	for i := 1; i <= len(xys); i++ {
		if i == len(xys) || xys[i].X-xys[i-1].X > 1 {
			out = append(out, xys[start:i])
			start = i
		}
	}
	return out
}

// lineKey names one line of the macro chart: a series and a segment of it.
type lineKey struct{ name, segment string }

// macroLines are the lines of the macro chart, one per series and
// segment, so that no line joins values across a declared break.
func macroLines(v *version) map[lineKey]plotter.XYs {
	lines := map[lineKey]plotter.XYs{}
	add := func(name, segment, year, value string) {
		x, ok1 := number(year)
		y, ok2 := number(value)
		if ok1 && ok2 {
			lines[lineKey{name, segment}] = append(lines[lineKey{name, segment}], plotter.XY{X: x, Y: y})
		}
	}
	if t := v.table("macro_indicators"); t != nil && min(t.col("country"), t.col("indicator"), t.col("year"), t.col("value"), t.col("segment")) >= 0 {
		for _, r := range t.Records {
			if r[t.col("country")] == "CUB" && r[t.col("indicator")] == "NE.EXP.GNFS.ZS" {
				add("exports, % of GDP (World Bank)", r[t.col("segment")], r[t.col("year")], r[t.col("value")])
			}
		}
	}
	if t := v.table("macro_shares"); t != nil && min(t.col("year"), t.col("segment"), t.col("revenue_pct_gdp"), t.col("revenue_pct_exports")) >= 0 {
		for _, r := range t.Records {
			add("services revenue, % of GDP (derived)", r[t.col("segment")], r[t.col("year")], r[t.col("revenue_pct_gdp")])
			add("services revenue, % of exports (derived)", r[t.col("segment")], r[t.col("year")], r[t.col("revenue_pct_exports")])
		}
	}
	return lines
}

// addBreaks draws a dashed vertical line at each year of Cuba's declared
// series breaks.
func addBreaks(p *figure, v *version) error {
	t := v.table("series_breaks")
	if t == nil || min(t.col("country"), t.col("year")) < 0 {
		return nil
	}
	var years []float64
	for _, r := range t.Records {
		if y, ok := number(r[t.col("year")]); ok && r[t.col("country")] == "CUB" && !slices.Contains(years, y-0.5) {
			years = append(years, y-0.5) // between the last year before and the first after
		}
	}
	for _, x := range years {
		l, err := plotter.NewLine(plotter.XYs{{X: x, Y: 0}, {X: x, Y: 100}})
		if err != nil {
			return err
		}
		l.Color, l.Dashes = color.Gray{Y: 0x60}, []vg.Length{vg.Points(4), vg.Points(3)}
		p.Add(l)
	}
	if len(years) > 0 {
		l, _ := plotter.NewLine(plotter.XYs{})
		l.Color, l.Dashes = color.Gray{Y: 0x60}, []vg.Length{vg.Points(4), vg.Points(3)}
		p.legend.Add("declared series break", l)
	}
	return nil
}
