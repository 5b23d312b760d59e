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

// officialRegimes are the regimes of the rates official conversions
// (value_usd, usd_per_worker_month) use: a rate for a whole year of one of
// them is a candidate for used.
var officialRegimes = []string{"market", "peg", "official", "enterprise"}

// OfficialCandidate reports whether r can be the used rate of its
// currency and year: a rate for the whole year of an official regime.
// Point rates and the rates of the household regimes never are.
func OfficialCandidate(r *schemas.FXRate) bool {
	return r.WholeYear() && slices.Contains(officialRegimes, r.Regime)
}

// The documented rates Cuba's rules rest on (docs/comparable.md,
// "Currency regimes").
const (
	cupOfficialTo2020 = 1.0
	cupOfficialFrom21 = 24.0
	cupExchangeOffice = 120.0 // banks and exchange offices, from 2022-08-04
	cupThirdRate      = 410.0 // a third official rate, from December 2025
	// cupPerCUCOffice is what the population paid exchange offices
	// (CADECA) for a convertible peso from 2005-03-18 until 2020 (they
	// paid 24 when the population sold).
	cupPerCUCOffice = 25.0
	// usdPerCUCRevalued is the convertible peso's value in US dollars
	// from 2005-04-09 to 2011-03-13 (at par before and after).
	usdPerCUCRevalued = 1.08
)

// The documents the rules name (sources rows, or addresses where a
// document has none).
const (
	docCUCPar      = "radiosantacruzicrt_2f3521 (central bank note of March 2011: at par from 1994 to 2005-04-08 and again from 2011-03-14)"
	docCUC108      = "Reuters, 14 March 2011, http://www.reuters.com/article/2011/03/14/businesspro-us-cuba-money-devalue-idUSTRE72D5T720110314 (valued at US$1.08 since 2005); investing_b8a807 (Reuters, 8 January 2009: pegged at US$1.08)"
	docCUCEnd      = "encubadebate_c35c61 (unification on 2021-01-01)"
	docCUPOfficial = "https://porlacalledelmedio.com/?p=3432 (official rate 1 per US dollar until 2020); Report.az, https://dev.report.az/en/finance/cuba-to-end-dual-currency-system-from-january (state enterprises exchanged 1 CUP per CUC, the public 24)"
	docCUP24       = "encubadebate_c35c61 (24 per US dollar from 2021-01-01); swissinfo_7354c9 (24 for legal entities, still in force on 2025-12-18)"
	docCUPOffice   = "pagina12com_071211 (from 2005-03-18 the population bought convertible pesos at 25 pesos and sold them at 24); La Tercera, 14 March 2011, https://latercera.com/noticia/cuba-devalua-su-peso-8-y-restablece-paridad-de-su-moneda-con-el-dolar/?outputType=amp (24/25 unchanged); Radio Reloj, March 2018, http://www.radioreloj.cu/es/noticias-radio-reloj/sociedad/banco-central-cuba-desmiente-rumores-cuc/ (24 confirmed); Report.az (24 per CUC for the public until the unification)"
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

// fxRates is what conversions read: the used rate of each currency and
// year, why a currency-year a figure needs has none, and every rate (the
// household conversions choose among the point rates).
type fxRates struct {
	used fxTable
	none map[fxKey]string
	all  []schemas.FXRate
}

func fxRank(id string) int {
	if i := slices.Index(fxPrecedence, id); i >= 0 {
		return i
	}
	if id == RulesSourceID {
		return len(fxPrecedence) + 1
	}
	return len(fxPrecedence)
}

// chooseRates adds the rule-made rates the data needs (official rates of
// currency-years no source covers, and the exchange-office rates of the
// household rule for the Cuban peso until 2020), marks exactly one
// candidate rate (OfficialCandidate) per currency and year as used, and
// returns the rates and the cross-check lines about sources that
// disagree by more than 1%.
func chooseRates(rows *datasets.Rows) (fxRates, []string) {
	mark := func() fxTable {
		slices.SortStableFunc(rows.FXRates, func(a, b schemas.FXRate) int {
			return cmp.Or(cmp.Compare(a.Currency, b.Currency), cmp.Compare(a.Year, b.Year),
				cmp.Compare(fxRank(a.SourceID), fxRank(b.SourceID)), cmp.Compare(a.SourceID, b.SourceID), cmp.Compare(a.Locator, b.Locator))
		})
		used := fxTable{}
		for i := range rows.FXRates {
			x := &rows.FXRates[i]
			k := fxKey{x.Currency, x.Year}
			_, taken := used[k]
			x.Used = !taken && OfficialCandidate(x)
			if x.Used {
				used[k] = x
			}
		}
		return used
	}
	used := mark()
	none := map[fxKey]string{}
	var extra []schemas.FXRate
	for _, k := range neededRates(rows) {
		if _, ok := used[k]; ok {
			continue
		}
		r, why := ruleRate(k, used)
		if why != "" {
			none[k] = why
			continue
		}
		if r.SourceID != "" {
			extra = append(extra, r)
		}
	}
	for _, y := range householdOfficeYears(rows) {
		extra = append(extra, cupOfficeRates(y)...)
	}
	if len(extra) > 0 {
		rows.FXRates = append(rows.FXRates, extra...)
		if !slices.ContainsFunc(rows.Sources, func(s schemas.Source) bool { return s.SourceID == RulesSourceID }) {
			rows.Sources = append(rows.Sources, schemas.Source{SourceID: RulesSourceID,
				Title:     "cubaexports rules for pegged currencies and Cuba's fixed official and exchange-office rates (docs/comparable.md)",
				Publisher: "cubaexports", PublisherType: "cubaexports", URL: "https://github.com/cubaexports/cubaexports/blob/main/docs/comparable.md",
				Language: "en", License: "CC-BY-4.0", At: schemas.Origin{File: "docs/comparable.md"}})
		}
		used = mark()
	}
	return fxRates{used: used, none: none, all: rows.FXRates}, disagreements(rows.FXRates, used)
}

// neededRates lists the currency-years the figures are in, sorted.
func neededRates(rows *datasets.Rows) []fxKey {
	set := map[fxKey]bool{}
	add := func(cur, year datasets.Cells) { // two columns read, no row loaded
		for i := range cur.Len() {
			if v := cur.Text(i); v != "" && v != "USD" {
				set[fxKey{v, year.Int(i)}] = true
			}
		}
	}
	add(rows.Revenue.Column("currency"), rows.Revenue.Column("year"))
	add(rows.ContractRates.Column("currency"), rows.ContractRates.Column("year"))
	ks := make([]fxKey, 0, len(set))
	for k := range set {
		ks = append(ks, k)
	}
	slices.SortFunc(ks, func(a, b fxKey) int { return cmp.Or(cmp.Compare(a.cur, b.cur), cmp.Compare(a.year, b.year)) })
	return ks
}

// ruleRate is the official rate a documented rule gives for a
// currency-year no source covers: Cuba's official CUP rate, the CUC's
// fixed value, the SAR and QAR pegs, and NAD at par with ZAR. It returns
// why there is none when a rule says so (the CUC's value changed within
// the year, or it no longer existed); a zero rate and no reason when no
// rule covers the currency.
func ruleRate(k fxKey, used fxTable) (schemas.FXRate, string) {
	y := fmt.Sprint(k.year)
	r := schemas.FXRate{Currency: k.cur, Year: k.year, PeriodStart: y, PeriodEnd: y, Qualifier: "exact",
		SourceID: RulesSourceID, At: schemas.Origin{File: "docs/comparable.md"}}
	switch {
	case k.cur == "CUP" && k.year <= 2020:
		r.Regime, r.RatePerUSD = "official", cupOfficialTo2020
		r.Locator = "rule cup: official rate 1 CUP per US dollar, the rate of state and enterprise transactions, until 2020; " + docCUPOfficial
		r.Note = "Cuba's fixed official rate, not an annual average; not a rate households could get (exchange offices sold a convertible peso for 25 CUP)"
	case k.cur == "CUP":
		r.Regime, r.RatePerUSD = "official", cupOfficialFrom21
		r.Locator = "rule cup: official rate 24 CUP per US dollar for state and enterprise transactions from 2021-01-01; " + docCUP24
		r.Note = "Cuba's fixed official rate, not an annual average; from 2022-08-04 the rate of enterprises only (exchange offices buy dollars at 120 from then, and a third official rate of 410 appeared in December 2025): not a rate households could get"
	case k.cur == "CUC" && (k.year == 2005 || k.year == 2011):
		return r, fmt.Sprintf("the convertible peso's value changed within %d (US$1 per CUC until 2005-04-08, US$%s from 2005-04-09 to 2011-03-13, US$1 from 2011-03-14): no one rate holds for the year", k.year, num(usdPerCUCRevalued))
	case k.cur == "CUC" && k.year > 2020:
		return r, "the convertible peso was withdrawn on 2021-01-01 (" + docCUCEnd + ")"
	case k.cur == "CUC" && k.year > 2005 && k.year < 2011:
		r.Regime, r.RatePerUSD = "peg", 1/usdPerCUCRevalued
		r.Locator = fmt.Sprintf("rule cuc: convertible peso valued at US$%s from 2005-04-09 to 2011-03-13; %s; rate per US dollar = 1/%s, derived", num(usdPerCUCRevalued), docCUC108, num(usdPerCUCRevalued))
		r.Note = "fixed value of the convertible peso, not an annual average; the rate per US dollar is the reciprocal of the documented US$1.08 per CUC"
	case k.cur == "CUC":
		r.Regime, r.RatePerUSD = "peg", 1
		r.Locator = "rule cuc: convertible peso at par with the US dollar until 2005-04-08 and from 2011-03-14 until its withdrawal on 2021-01-01; " + docCUCPar + "; " + docCUCEnd
		r.Note = "fixed parity, not an annual average"
	case k.cur == "NAD":
		z, ok := used[fxKey{"ZAR", k.year}]
		if !ok {
			return schemas.FXRate{}, ""
		}
		r.Regime, r.RatePerUSD = "peg", z.RatePerUSD
		r.Locator = fmt.Sprintf("rule nad: Namibian dollar at par with the rand; ZAR rate of %s (%s)", z.SourceID, z.Locator)
		r.Note = "Namibian dollar pegged 1:1 to the South African rand"
	default:
		p, ok := pegs[k.cur]
		if !ok {
			return schemas.FXRate{}, ""
		}
		r.Regime, r.RatePerUSD, r.Locator, r.Note = "peg", p.rate, "rule peg: "+p.why, "fixed peg, not an observed annual average"
	}
	return r, ""
}

// disagreements lists the rates that differ from the used rate of the
// same currency and year by more than 1%.
func disagreements(all []schemas.FXRate, used fxTable) []string {
	var out []string
	compared := 0
	for _, x := range all {
		u := used[fxKey{x.Currency, x.Year}]
		if x.Used || u == nil || !OfficialCandidate(&x) {
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
