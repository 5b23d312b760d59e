package derived

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
)

// Break is one declared break in a country's macroeconomic series: from
// Year on, the values of Indicators are not comparable with earlier ones.
type Break struct {
	Country    string
	Year       int64 // the first year after the break
	Indicators []string
	Reason     string // in cubaexports' words
	Source     string // the document that establishes it
}

// Breaks returns the declared breaks, the one list that macro_indicators'
// segments, the series_breaks table, macro_shares and the cross-checks
// follow (docs/comparable.md). A break is declared here, with its reason
// and its source, never inferred from a jump in the data.
func Breaks() []Break {
	return []Break{{
		Country: "CUB", Year: 2021,
		// The series converted from pesos to dollars, and the ratio of
		// exports to GDP; merchandise exports (the WTO's series, in
		// dollars from trade statistics) do not pass through the rate.
		Indicators: []string{"BX.GSR.NFSV.CD", "NE.EXP.GNFS.CD", "NE.EXP.GNFS.ZS", "NY.GDP.MKTP.CD"},
		Reason: "Cuba's currency unification ('Tarea Ordenamiento') took effect on 1 January 2021: the official rate of 1 peso (CUP) per US dollar, at which the national accounts counted every dollar transaction, became 24 CUP per US dollar. " +
			"From 2021 exports, counted in pesos, weigh far more against the rest of GDP (the exports share jumps from 8.2% in 2020 to 34.9% in 2021 because of the new rate, not because exports grew), and Cuba's dollar figures are converted at a different rate; the World Bank publishes no GDP in US dollars after 2020.",
		Source: "Decreto-Ley No. 17/2020 (implementation of the monetary ordering), Gaceta Oficial de la República de Cuba No. 68 Extraordinaria, 10 December 2020; the jump is in the World Bank's series NE.EXP.GNFS.ZS itself (source worldbank_exports_pct_gdp).",
	}}
}

// breakYears are the years of the declared breaks of one series, sorted.
func breakYears(country, indicator string) []int64 {
	var ys []int64
	for _, b := range Breaks() {
		if b.Country == country && slices.Contains(b.Indicators, indicator) {
			ys = append(ys, b.Year)
		}
	}
	slices.Sort(ys)
	return slices.Compact(ys)
}

// segment names the stretch of a series between its declared breaks that
// year falls in: "before 2021", "from 2021", or "from 1994 to 2020"
// between two breaks; "" for a series without a break. The names depend
// on the break years only, so a new year of data renames nothing.
func segment(breaks []int64, year int64) string {
	if len(breaks) == 0 {
		return ""
	}
	i, _ := slices.BinarySearch(breaks, year+1) // breaks at or before year
	switch {
	case i == 0:
		return fmt.Sprintf("before %d", breaks[0])
	case i == len(breaks):
		return fmt.Sprintf("from %d", breaks[i-1])
	}
	return fmt.Sprintf("from %d to %d", breaks[i-1], breaks[i]-1)
}

// markSegments sets the segment of every macro_indicators row and returns
// the series_breaks rows of the series the release holds.
func markSegments(rows *datasets.Rows) []schemas.SeriesBreak {
	type series struct{ country, indicator string }
	held := map[series]bool{}
	datasets.FactsOf[schemas.MacroIndicator](rows).Edit(func(_ int, m *schemas.MacroIndicator) {
		m.Segment = segment(breakYears(m.Country, m.Indicator), m.Year)
		held[series{m.Country, m.Indicator}] = true
	})
	var out []schemas.SeriesBreak
	for _, b := range Breaks() {
		for _, ind := range b.Indicators {
			if held[series{b.Country, ind}] {
				out = append(out, schemas.SeriesBreak{Country: b.Country, Indicator: ind, Year: b.Year, Reason: b.Reason, Source: b.Source})
			}
		}
	}
	slices.SortFunc(out, func(a, b schemas.SeriesBreak) int {
		return cmp.Or(cmp.Compare(a.Country, b.Country), cmp.Compare(a.Indicator, b.Indicator), cmp.Compare(a.Year, b.Year))
	})
	return out
}
