package site

// macroChart plots Cuba's exports of goods and services as a share of GDP
// (macro_indicators, NE.EXP.GNFS.ZS) and the derived shares of its
// service-export revenue (macro_shares) by year. Every series is split at
// its declared breaks (series_breaks): each segment is a series of its
// own, named with the segment, and the chart draws points only, so no
// line joins values on the two sides of a break.
func macroChart(v *version) *chart {
	var figs []plotted
	add := func(name, segment, year, value, typ, source string) {
		x, ok1 := number(year)
		y, ok2 := number(value)
		if !ok1 || !ok2 {
			return
		}
		if segment != "" {
			name += ", " + segment
		}
		figs = append(figs, plotted{series: name, x: x, y: y, typ: typ, source: source})
	}
	if t := v.table("macro_indicators"); t != nil {
		c := cellsOf(t, "country", "indicator", "year", "value", "segment", "source_id")
		for _, r := range t.Records {
			if c.get(r, "country") == "CUB" && c.get(r, "indicator") == "NE.EXP.GNFS.ZS" {
				add("exports, % of GDP (World Bank)", c.get(r, "segment"), c.get(r, "year"), c.get(r, "value"), "official_statistic", c.get(r, "source_id"))
			}
		}
	}
	if t := v.table("macro_shares"); t != nil {
		c := cellsOf(t, "year", "segment", "revenue_pct_gdp", "revenue_pct_exports")
		for _, r := range t.Records {
			add("services revenue, % of GDP (derived)", c.get(r, "segment"), c.get(r, "year"), c.get(r, "revenue_pct_gdp"), "derived", "macro_shares")
			add("services revenue, % of exports (derived)", c.get(r, "segment"), c.get(r, "year"), c.get(r, "revenue_pct_exports"), "derived", "macro_shares")
		}
	}
	return build("macro_shares.svg", "Cuba: exports and service-export revenue as shares of GDP and of exports (percent)",
		"Exports of goods and services as a percentage of Cuba's GDP as the World Bank publishes it (macro_indicators, NE.EXP.GNFS.ZS), "+
			"and the derived shares of the official service-export revenue in GDP and in exports of goods and services (macro_shares; derived figures, not reported ones). "+
			"Each series is split at its declared breaks (series_breaks), one colour per segment, and no line joins the points: "+
			"from 2021 Cuba's currency unification changed how its accounts count dollars, so the values on the two sides of the break are not comparable. "+officialNote,
		chartSpec{XLabel: "year", YLabel: "percent", XYears: true, ZeroY: true}, figs, "year", "percent")
}
