package derived

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
)

// synthMacro is a synthetic macro_indicators row of Cuba.
func synthMacro(ind string, year int64, v float64) schemas.MacroIndicator {
	return schemas.MacroIndicator{ObsID: "mac_" + ind + "_" + strings.Repeat("x", int(year-2000)), Country: "CUB", Year: year, Indicator: ind, Value: v, Unit: "usd_current"}
}

// officialTotal is a preferred official revenue row of services exports.
func officialTotal(id string, year int64, usd float64) schemas.Revenue {
	return synthRev(id, func(r *schemas.Revenue) {
		r.Year, r.Concept, r.ObservationType, r.Preferred, r.ValueUSD = year, "services_exports_total", "official_statistic", new(true), new(usd)
	})
}

// macroRows are SYNTHETIC inputs: GDP and the exports share for
// 2019-2021 (GDP in US$ missing in 2021, as in the real series), merchandise
// exports, official revenue for 2019 and 2021, and an estimate for 2020
// that must not be used.
func macroRows() datasets.Rows {
	rows := datasets.Rows{Revenue: datasets.Of(
		officialTotal("rev_a", 2019, 10e9), officialTotal("rev_b", 2021, 6e9),
		synthRev("rev_c", func(r *schemas.Revenue) {
			r.Year, r.Concept, r.Preferred, r.ValueUSD = 2020, "services_exports_total", new(true), new(7e9)
		}))}
	datasets.FactsOf[schemas.MacroIndicator](&rows).Append(
		synthMacro(wdiGDP, 2019, 100e9), synthMacro(wdiGDP, 2020, 110e9),
		synthMacro(wdiExportsPct, 2019, 12), synthMacro(wdiExportsPct, 2020, 8), synthMacro(wdiExportsPct, 2021, 35),
		synthMacro(wdiMerchandise, 2019, 2e9), synthMacro(wdiMerchandise, 2021, 2e9))
	return rows
}

func near(a *float64, b float64) bool { return a != nil && math.Abs(*a-b) <= 1e-9*math.Abs(b) }

// The shares of each year use that year's inputs only, say how they were
// computed, and stop at the declared 2021 break: 2021 has an exports
// share and revenue but no GDP in US$, so no share at all.
func TestMacroShares(t *testing.T) {
	rows := macroRows()
	macro(&rows)
	shares := *datasets.SliceOf[schemas.MacroShare](&rows)
	if len(shares) != 2 || shares[0].Year != 2019 || shares[1].Year != 2020 {
		t.Fatalf("rows %+v, want 2019 and 2020", shares)
	}
	s := shares[0]
	if !near(s.ExportsUSD, 12e9) || !near(s.RevenuePctGDP, 10) || !near(s.RevenuePctExports, 100*10.0/12) ||
		!near(s.ServicesResidualUSD, 10e9) || s.RevenueObsID != "rev_a" || s.Segment != "before 2021" {
		t.Errorf("2019: %+v", s)
	}
	for _, want := range []string{"derived: exports_pct_gdp x gdp_usd / 100", s.GDPObsID} {
		if !strings.Contains(s.ExportsUSDMethod, want) {
			t.Errorf("exports_usd_method %q lacks %q", s.ExportsUSDMethod, want)
		}
	}
	if !strings.Contains(s.ServicesMethod, "CAVEAT: the two sides differ in coverage") || !strings.HasPrefix(s.Method, "DERIVED.") {
		t.Errorf("methods: %q, %q", s.ServicesMethod, s.Method)
	}
	if s := shares[1]; s.RevenueUSD != nil || s.RevenuePctGDP != nil || s.ServicesResidualUSD != nil || !near(s.ExportsUSD, 8.8e9) ||
		!strings.Contains(s.Method, "No preferred official revenue figure") {
		t.Errorf("2020 (an estimate only, no merchandise): %+v", s)
	}
	var segs []string
	for _, m := range datasets.FactsOf[schemas.MacroIndicator](&rows).All() {
		segs = append(segs, m.Indicator+" "+itoa(m.Year)+": "+m.Segment)
	}
	want := "NY.GDP.MKTP.CD 2019: before 2021|NY.GDP.MKTP.CD 2020: before 2021|NE.EXP.GNFS.ZS 2019: before 2021|NE.EXP.GNFS.ZS 2020: before 2021|NE.EXP.GNFS.ZS 2021: from 2021|TX.VAL.MRCH.CD.WT 2019: |TX.VAL.MRCH.CD.WT 2021: "
	if got := strings.Join(segs, "|"); got != want {
		t.Errorf("segments\n got %s\nwant %s", got, want)
	}
	breaks := *datasets.SliceOf[schemas.SeriesBreak](&rows)
	if len(breaks) != 2 || breaks[0].Indicator != wdiExportsPct || breaks[1].Indicator != wdiGDP || breaks[0].Year != 2021 ||
		!strings.Contains(breaks[0].Reason, "8.2% in 2020 to 34.9% in 2021") || !strings.Contains(breaks[0].Source, "Decreto-Ley No. 17/2020") {
		t.Errorf("series_breaks of the series held: %+v", breaks)
	}
}

// An input in another segment than the year's GDP is not joined, and the
// method says so.
func TestMacroSharesRefuseAcrossABreak(t *testing.T) {
	series := map[string]map[int64]schemas.MacroIndicator{
		wdiGDP:        {2019: {ObsID: "g", Value: 100, Segment: "before 2021"}},
		wdiExportsPct: {2019: {ObsID: "p", Value: 10, Segment: "from 2021"}},
	}
	row := shareRow(2019, series, nil)
	if row.ExportsUSD != nil || row.ExportsPctGDP != nil || !strings.Contains(row.Method, `NE.EXP.GNFS.ZS 2019 (p) is in segment "from 2021", GDP in "before 2021": not joined`) {
		t.Errorf("%+v", row)
	}
}

func TestSegment(t *testing.T) {
	for _, tc := range []struct {
		breaks []int64
		year   int64
		want   string
	}{
		{nil, 2020, ""}, {[]int64{2021}, 2020, "before 2021"}, {[]int64{2021}, 2021, "from 2021"},
		{[]int64{1994, 2021}, 1993, "before 1994"}, {[]int64{1994, 2021}, 1994, "from 1994 to 2020"},
		{[]int64{1994, 2021}, 2020, "from 1994 to 2020"}, {[]int64{1994, 2021}, 2024, "from 2021"},
	} {
		if got := segment(tc.breaks, tc.year); got != tc.want {
			t.Errorf("segment(%v, %d) = %q, want %q", tc.breaks, tc.year, got, tc.want)
		}
	}
}

// The claim check finds a claimed share of GDP in revenue (the row the
// curated fact sheet gives, seeded here) and says in plain words which
// derived share it is close to; without such a row it states the fact
// sheet's words. Years across the break are left out, and say so.
func TestClaimCheck(t *testing.T) {
	rows := macroRows()
	rows.Revenue.Append(synthRev("rev_claim", func(r *schemas.Revenue) {
		r.Year, r.Concept, r.Value, r.Currency, r.ObservationType, r.SourceID = 2020, claimConcept, new(75.0), "", "claim", "cubaarchive_factsheet"
	}))
	// revenue in 2021 with a GDP to show the cut at the break
	datasets.FactsOf[schemas.MacroIndicator](&rows).Append(synthMacro(wdiGDP, 2021, 50e9))
	checks := macro(&rows)
	if len(checks) != 1 {
		t.Fatalf("checks %q", checks)
	}
	for _, want := range []string{"The claim of cubaarchive_factsheet (revenue rev_claim, concept services_exports_share_of_gdp) puts export services at 75.0% of Cuba's GDP in 2020",
		"official revenue figure (2019)", "10.0% of GDP", "83.3% of its exports",
		"it most likely describes services' share of exports, not of GDP", "Year 2021 is left out: a declared series break"} {
		if !strings.Contains(checks[0], want) {
			t.Errorf("check lacks %q:\n%s", want, checks[0])
		}
	}
	plain := macroRows()
	checks = macro(&plain)
	if len(checks) != 1 || !strings.Contains(checks[0], `says "Around 75% of Cuba's GDP derives from export services"`) ||
		!strings.Contains(checks[0], "holds no row of it") {
		t.Errorf("without the row: %q", checks)
	}
	empty := datasets.Rows{}
	if checks := macro(&empty); len(checks) != 0 {
		t.Errorf("no macro data, no check: %q", checks)
	}
}

func itoa(y int64) string { return strconv.FormatInt(y, 10) }
