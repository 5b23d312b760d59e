package derived

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
)

// RulesSourceID is the sources row of the exchange rates cubaexports sets
// by documented rule (pegs, Cuba's fixed official rates) rather than reads.
const RulesSourceID = "cubaexports_fx_rules"

// fxPrecedence ranks the sources of exchange rates: when several give a
// rate for the same currency and year, the first in this list is used.
// Other sources come after, by source_id; the rules come last.
var fxPrecedence = []string{"worldbank_fx", "imf_fx", "fed_fx"}

// Cuba's official rates (docs/comparable.md, "Cuban peso"): the rate of
// state and enterprise transactions, the one contract payments go through.
const (
	cupOfficialTo2020 = 1.0
	cupOfficialFrom21 = 24.0
	cupExchangeOffice = 120.0 // banks and exchange offices, from 2022-08-04
	cupThirdRate      = 410.0 // a third official rate, from December 2025
)

// pegs are currencies fixed to the US dollar; used only for years no
// source gives an observed rate for.
var pegs = map[string]struct {
	rate float64
	why  string
}{
	"SAR": {3.75, "Saudi riyal pegged at 3.75 per US dollar; the World Bank series PA.NUS.FCRF gives exactly 3.75 for every year 2005-2024"},
	"QAR": {3.64, "Qatari riyal pegged at 3.64 per US dollar; the World Bank series PA.NUS.FCRF gives exactly 3.64 for every year 2005-2024"},
}

type fxKey struct {
	cur  string
	year int64
}

// fxTable is the rate used for each currency and year.
type fxTable map[fxKey]*schemas.FXRate

func fxRank(id string) int {
	if i := slices.Index(fxPrecedence, id); i >= 0 {
		return i
	}
	if id == RulesSourceID {
		return len(fxPrecedence) + 1
	}
	return len(fxPrecedence)
}

// chooseRates adds the rule-made rates the data needs, marks exactly one
// rate per currency and year as used, and returns the used rates and the
// cross-check lines about sources that disagree by more than 1%.
func chooseRates(rows *datasets.Rows) (fxTable, []string) {
	mark := func() fxTable {
		slices.SortStableFunc(rows.FXRates, func(a, b schemas.FXRate) int {
			return cmp.Or(cmp.Compare(a.Currency, b.Currency), cmp.Compare(a.Year, b.Year),
				cmp.Compare(fxRank(a.SourceID), fxRank(b.SourceID)), cmp.Compare(a.SourceID, b.SourceID))
		})
		used := fxTable{}
		for i := range rows.FXRates {
			x := &rows.FXRates[i]
			k := fxKey{x.Currency, x.Year}
			_, taken := used[k]
			x.Used = !taken
			if !taken {
				used[k] = x
			}
		}
		return used
	}
	used := mark()
	var extra []schemas.FXRate
	for _, k := range neededRates(rows) {
		if _, ok := used[k]; ok {
			continue
		}
		if r, ok := ruleRate(k, used); ok {
			extra = append(extra, r)
		}
	}
	if len(extra) > 0 {
		rows.FXRates = append(rows.FXRates, extra...)
		rows.Sources = append(rows.Sources, schemas.Source{SourceID: RulesSourceID,
			Title:     "cubaexports rules for pegged currencies and Cuba's fixed official exchange rates (docs/comparable.md)",
			Publisher: "cubaexports", PublisherType: "cubaexports", URL: "https://github.com/cubaexports/cubaexports/blob/main/docs/comparable.md",
			Language: "en", License: "CC-BY-4.0", At: schemas.Origin{File: "docs/comparable.md"}})
		used = mark()
	}
	return used, disagreements(rows.FXRates, used)
}

// neededRates lists the currency-years the figures are in, sorted.
func neededRates(rows *datasets.Rows) []fxKey {
	set := map[fxKey]bool{}
	for _, r := range rows.Revenue.All() {
		if r.Currency != "" && r.Currency != "USD" {
			set[fxKey{r.Currency, r.Year}] = true
		}
	}
	for _, r := range rows.ContractRates.All() {
		if r.Currency != "" && r.Currency != "USD" {
			set[fxKey{r.Currency, r.Year}] = true
		}
	}
	ks := make([]fxKey, 0, len(set))
	for k := range set {
		ks = append(ks, k)
	}
	slices.SortFunc(ks, func(a, b fxKey) int { return cmp.Or(cmp.Compare(a.cur, b.cur), cmp.Compare(a.year, b.year)) })
	return ks
}

// ruleRate is the rate a documented rule gives for a currency-year no
// source covers: Cuba's official CUP rate, the CUC's parity until 2020,
// the SAR and QAR pegs, and NAD at par with ZAR.
func ruleRate(k fxKey, used fxTable) (schemas.FXRate, bool) {
	r := schemas.FXRate{Currency: k.cur, Year: k.year, SourceID: RulesSourceID, At: schemas.Origin{File: "docs/comparable.md"}}
	switch {
	case k.cur == "CUP" && k.year <= 2020:
		r.RatePerUSD, r.Locator = cupOfficialTo2020, "rule cup: official rate 1 per US dollar until 2020 (https://porlacalledelmedio.com/?p=3432)"
		r.Note = "Cuba's fixed official rate, not an annual average"
	case k.cur == "CUP":
		r.RatePerUSD, r.Locator = cupOfficialFrom21, "rule cup: official rate 24 per US dollar for state and enterprise transactions from 2021-01-01 (http://en.cubadebate.cu/tag/monetary-regulation/)"
		r.Note = "Cuba's fixed official rate, not an annual average; exchange offices buy dollars at 120 from 2022-08-04 and a third official rate of 410 appeared in December 2025 (docs/comparable.md)"
	case k.cur == "CUC" && k.year <= 2020:
		r.RatePerUSD, r.Locator = 1, "rule cuc: convertible peso at par with the US dollar until its withdrawal in 2021 (https://porlacalledelmedio.com/?p=3432)"
		r.Note = "fixed parity, not an annual average"
	case k.cur == "NAD":
		z, ok := used[fxKey{"ZAR", k.year}]
		if !ok {
			return r, false
		}
		r.RatePerUSD = z.RatePerUSD
		r.Locator = fmt.Sprintf("rule nad: Namibian dollar at par with the rand; ZAR rate of %s (%s)", z.SourceID, z.Locator)
		r.Note = "Namibian dollar pegged 1:1 to the South African rand"
	default:
		p, ok := pegs[k.cur]
		if !ok {
			return r, false
		}
		r.RatePerUSD, r.Locator, r.Note = p.rate, "rule peg: "+p.why, "fixed peg, not an observed annual average"
	}
	return r, true
}

// disagreements lists the rates that differ from the used rate of the
// same currency and year by more than 1%.
func disagreements(all []schemas.FXRate, used fxTable) []string {
	var out []string
	compared := 0
	for _, x := range all {
		u := used[fxKey{x.Currency, x.Year}]
		if x.Used || u == nil {
			continue
		}
		compared++
		d := x.RatePerUSD/u.RatePerUSD - 1
		if math.Abs(d) > 0.01 {
			out = append(out, fmt.Sprintf("Exchange rate %s %d: %s gives %s, %+.1f%% from the rate used (%s, %s).",
				x.Currency, x.Year, x.SourceID, num(x.RatePerUSD), 100*d, u.SourceID, num(u.RatePerUSD)))
		}
	}
	if compared > 0 && len(out) == 0 {
		out = append(out, fmt.Sprintf("Exchange rates: all %d rates given by a second or third source agree within 1%% with the rate used.", compared))
	}
	return out
}

// num prints a float exactly (shortest representation that parses back).
func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
