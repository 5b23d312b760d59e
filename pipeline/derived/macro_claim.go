package derived

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
)

// claimConcept is the revenue concept of a figure stated as a share of
// Cuba's GDP, such as the fact sheet's "around 75% of Cuba's GDP derives
// from export services".
const claimConcept = "services_exports_share_of_gdp"

// claimWindow is how many years on each side of a claim's year the check
// looks at: the official revenue series has gaps (none for 2012-2018).
const claimWindow = 5

// factSheetClaim is the fact sheet's claim while the curated data holds
// no row of it: its words, and the year it is read for (the sheet's
// newest figure is for 2016).
var factSheetClaim = struct {
	text string
	year int64
	pct  float64
}{`Cuba Archive's fact sheet "Cuba's export workers: a state-run labor trafficking business" (undated, newest figure for 2016) says "Around 75% of Cuba's GDP derives from export services"`, 2016, 75}

// claimChecks compares each claimed share of GDP (revenue rows of concept
// services_exports_share_of_gdp; the fact sheet's words when there is
// none) with the derived shares of the years around it that lie in the
// same segment as the claim's year, in plain words.
func claimChecks(rows *datasets.Rows, shares []schemas.MacroShare) []string {
	if len(shares) == 0 {
		return nil
	}
	var out []string
	for _, r := range rows.Revenue.All() {
		if r.Concept != claimConcept || r.Value == nil {
			continue
		}
		who := fmt.Sprintf("The %s of %s (revenue %s, concept %s) puts export services at %s%% of Cuba's GDP in %d", kindOf(r.ObservationType), r.SourceID, r.ObsID, claimConcept, pct1(*r.Value), r.Year)
		out = append(out, claimCheck(who, r.Year, *r.Value, shares))
	}
	if len(out) == 0 {
		c := factSheetClaim
		out = append(out, claimCheck(c.text+"; the curated data holds no row of it (concept "+claimConcept+"), so it is compared as read for "+fmt.Sprint(c.year), c.year, c.pct, shares))
	}
	return out
}

// kindOf is an observation type in words.
func kindOf(obsType string) string {
	if obsType == "" {
		return "figure"
	}
	return strings.ReplaceAll(obsType, "_", " ")
}

// claimCheck is the sentence of one claim.
func claimCheck(who string, year int64, pct float64, shares []schemas.MacroShare) string {
	seg := segment(breakYears(macroCountry, wdiGDP), year)
	var gdp, exp []float64
	var years, cut []string
	for _, s := range shares {
		if s.Year < year-claimWindow || s.Year > year+claimWindow || s.RevenuePctGDP == nil && s.RevenuePctExports == nil {
			continue
		}
		if s.Segment != seg {
			cut = append(cut, fmt.Sprint(s.Year))
			continue
		}
		years = append(years, fmt.Sprint(s.Year))
		if s.RevenuePctGDP != nil {
			gdp = append(gdp, *s.RevenuePctGDP)
		}
		if s.RevenuePctExports != nil {
			exp = append(exp, *s.RevenuePctExports)
		}
	}
	b := &strings.Builder{}
	fmt.Fprintf(b, "Claim check (macro_shares): %s. ", who)
	if len(years) == 0 {
		fmt.Fprintf(b, "No derived share exists for %d-%d in the same series segment, so the claim cannot be compared.", year-claimWindow, year+claimWindow)
	} else {
		fmt.Fprintf(b, "For the years around it with an official revenue figure (%s), Cuba's service-export revenue was %s of GDP and %s of its exports of goods and services. ",
			strings.Join(years, ", "), pctRange(gdp), pctRange(exp))
		b.WriteString(verdict(pct, gdp, exp))
	}
	switch len(cut) {
	case 0:
	case 1:
		fmt.Fprintf(b, " Year %s is left out: a declared series break (series_breaks) separates it from %d.", cut[0], year)
	default:
		fmt.Fprintf(b, " Years %s are left out: a declared series break (series_breaks) separates them from %d.", strings.Join(cut, ", "), year)
	}
	return b.String()
}

// verdict says in plain words which share the claimed figure is close to.
func verdict(pct float64, gdp, exp []float64) string {
	within := func(xs []float64) bool {
		return len(xs) > 0 && pct >= slices.Min(xs)-10 && pct <= slices.Max(xs)+10
	}
	switch {
	case within(gdp):
		return "The claim agrees with the share of GDP."
	case within(exp):
		return fmt.Sprintf("The claim is far from the share of GDP (%s) but close to the share of exports (%s): it most likely describes services' share of exports, not of GDP.", pctRange(gdp), pctRange(exp))
	}
	return "The claim agrees with neither share."
}

// pctRange prints the range of percentages xs, or "unknown".
func pctRange(xs []float64) string {
	switch {
	case len(xs) == 0:
		return "unknown"
	case slices.Min(xs) == slices.Max(xs):
		return pct1(xs[0]) + "%"
	}
	return pct1(slices.Min(xs)) + "% to " + pct1(slices.Max(xs)) + "%"
}

// pct1 prints a percentage with one decimal.
func pct1(v float64) string { return fmt.Sprintf("%.1f", v) }
