package derived

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
)

// The World Development Indicators the macro shares read.
const (
	wdiGDP         = "NY.GDP.MKTP.CD"    // GDP, current US$
	wdiExportsPct  = "NE.EXP.GNFS.ZS"    // exports of goods and services, % of GDP
	wdiExportsUSD  = "NE.EXP.GNFS.CD"    // exports of goods and services, current US$
	wdiMerchandise = "TX.VAL.MRCH.CD.WT" // merchandise exports, current US$ (WTO)
	macroCountry   = "CUB"               // the subject: shares are Cuba's
)

// macro derives what the macro_indicators rows give: their segments, the
// series_breaks and macro_shares tables, and the cross-check of the fact
// sheet's claim for the release notes.
func macro(rows *datasets.Rows) []string {
	*datasets.SliceOf[schemas.SeriesBreak](rows) = markSegments(rows)
	shares := macroShares(rows)
	*datasets.SliceOf[schemas.MacroShare](rows) = shares
	return claimChecks(rows, shares)
}

// officialRevenue is, by year, the preferred revenue row of Cuba's
// service exports: concept services_exports_total, partner WLD,
// observation type official_statistic, a flow over one whole calendar
// year, in US dollars.
func officialRevenue(rows *datasets.Rows) map[int64]schemas.Revenue {
	by := map[int64]schemas.Revenue{}
	for _, r := range rows.Revenue.All() {
		if r.Concept == "services_exports_total" && r.PartnerCountry == "WLD" && r.ObservationType == "official_statistic" &&
			preferred(r.Preferred) && r.Aggregation == "flow" && schemas.CalendarYear(r.PeriodStart, r.PeriodEnd) && r.ValueUSD != nil {
			by[r.Year] = r
		}
	}
	return by
}

// macroSeries is, by indicator and year, Cuba's macro_indicators rows.
func macroSeries(rows *datasets.Rows) map[string]map[int64]schemas.MacroIndicator {
	by := map[string]map[int64]schemas.MacroIndicator{}
	for _, m := range datasets.FactsOf[schemas.MacroIndicator](rows).All() {
		if m.Country != macroCountry {
			continue
		}
		if by[m.Indicator] == nil {
			by[m.Indicator] = map[int64]schemas.MacroIndicator{}
		}
		by[m.Indicator][m.Year] = m
	}
	return by
}

// macroShares derives one macro_shares row per year where at least one
// share or amount can be computed. Every input of a row is of the row's
// year; an input whose segment differs from the GDP series' segment of
// that year is not used (it cannot happen with breaks declared for every
// series a share divides, and the method would say so).
func macroShares(rows *datasets.Rows) []schemas.MacroShare {
	series := macroSeries(rows)
	revenue := officialRevenue(rows)
	years := map[int64]bool{}
	for y := range revenue {
		years[y] = true
	}
	for _, s := range series {
		for y := range s {
			years[y] = true
		}
	}
	var out []schemas.MacroShare
	for _, y := range slices.Sorted(maps.Keys(years)) {
		row := shareRow(y, series, revenue)
		if row.ExportsUSD != nil || row.ServicesResidualUSD != nil || row.RevenuePctGDP != nil || row.RevenuePctExports != nil {
			out = append(out, row)
		}
	}
	return out
}

// shareRow computes the row of one year.
func shareRow(y int64, series map[string]map[int64]schemas.MacroIndicator, revenue map[int64]schemas.Revenue) schemas.MacroShare {
	seg := segment(breakYears(macroCountry, wdiGDP), y)
	row := schemas.MacroShare{Year: y, Segment: seg}
	var notes []string
	input := func(ind string) (schemas.MacroIndicator, bool) {
		m, ok := series[ind][y]
		if ok && m.Segment != "" && m.Segment != seg {
			notes = append(notes, fmt.Sprintf("%s %d (%s) is in segment %q, GDP in %q: not joined", ind, y, m.ObsID, m.Segment, seg))
			return m, false
		}
		return m, ok
	}
	gdp, hasGDP := input(wdiGDP)
	if hasGDP {
		row.GDPUSD, row.GDPObsID = new(gdp.Value), gdp.ObsID
	}
	pct, hasPct := input(wdiExportsPct)
	if hasPct {
		row.ExportsPctGDP = new(pct.Value)
	}
	switch exp, ok := input(wdiExportsUSD); {
	case ok:
		row.ExportsUSD = new(exp.Value)
		row.ExportsUSDMethod = fmt.Sprintf("published: %s %d (%s)", wdiExportsUSD, y, exp.ObsID)
	case hasPct && hasGDP:
		row.ExportsUSD = new(pct.Value * gdp.Value / 100)
		row.ExportsUSDMethod = fmt.Sprintf("derived: exports_pct_gdp x gdp_usd / 100 = %s %d (%s) x %s %d (%s) / 100", wdiExportsPct, y, pct.ObsID, wdiGDP, y, gdp.ObsID)
	default:
		row.ExportsUSDMethod = fmt.Sprintf("none: no %s for %d, and not both %s and %s", wdiExportsUSD, y, wdiExportsPct, wdiGDP)
	}
	if m, ok := input(wdiMerchandise); ok {
		row.MerchandiseUSD, row.MerchandiseObsID = new(m.Value), m.ObsID
		if row.ExportsUSD != nil {
			row.ServicesResidualUSD = new(*row.ExportsUSD - m.Value)
			row.ServicesMethod = fmt.Sprintf("exports_usd - merchandise_usd (%s %d, %s). CAVEAT: the two sides differ in coverage: exports of goods and services come from the national accounts, merchandise exports from the WTO's trade statistics (other valuation, timing and coverage), so the difference is a rough residual, not a measure of services exports", wdiMerchandise, y, m.ObsID)
		}
	}
	if row.ServicesResidualUSD == nil {
		row.ServicesMethod = "none: needs both exports_usd and merchandise_usd of the year"
	}
	row.Method = revenueShares(&row, revenue, notes)
	return row
}

// revenueShares sets the revenue columns and shares of row and returns
// the method text.
func revenueShares(row *schemas.MacroShare, revenue map[int64]schemas.Revenue, notes []string) string {
	r, ok := revenue[row.Year]
	if !ok {
		return strings.Join(append(notes, fmt.Sprintf("DERIVED. No preferred official revenue figure (services_exports_total, WLD, official_statistic) for %d: no revenue shares", row.Year)), "; ")
	}
	row.RevenueUSD, row.RevenueObsID = new(*r.ValueUSD), r.ObsID
	parts := []string{fmt.Sprintf("DERIVED. revenue_usd: value_usd of revenue %s (services_exports_total, WLD, official_statistic, preferred)", r.ObsID)}
	if row.GDPUSD != nil && *row.GDPUSD > 0 {
		row.RevenuePctGDP = new(*r.ValueUSD / *row.GDPUSD * 100)
		parts = append(parts, fmt.Sprintf("revenue_pct_gdp = revenue_usd / gdp_usd (%s) x 100", row.GDPObsID))
	} else {
		parts = append(parts, fmt.Sprintf("no revenue_pct_gdp: no %s for %d", wdiGDP, row.Year))
	}
	if row.ExportsUSD != nil && *row.ExportsUSD > 0 {
		row.RevenuePctExports = new(*r.ValueUSD / *row.ExportsUSD * 100)
		parts = append(parts, "revenue_pct_exports = revenue_usd / exports_usd x 100 (exports_usd as exports_usd_method says)")
	} else {
		parts = append(parts, "no revenue_pct_exports: no exports_usd")
	}
	parts = append(parts, "the revenue figure (balance-of-payments or foreign-trade basis) and the national accounts may differ in coverage")
	return strings.Join(append(notes, parts...), "; ")
}
