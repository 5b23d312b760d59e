package pipeline

import (
	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/pipeline/derived"
	"github.com/cubaexports/cubaexports/pipeline/validate"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources"
	"github.com/cubaexports/cubaexports/sources/normalize"
)

// normalizeRows turns country names into ISO 3166-1 alpha-3 codes and
// currency names or symbols into ISO 4217 codes, in place, and gives each
// contract rate the ISCO-08 code of its profession (in the same pass over
// the rows). A value that cannot be normalized becomes a validation error
// naming its place.
func normalizeRows(rows *datasets.Rows, report *validate.Report) {
	prof, _ := schemas.VocabByName("profession")
	// Both normalizers are pure: each distinct text is normalized once
	// (a million rows hold a few hundred distinct names at most).
	countries, currencies := memo(normalize.Country), memo(normalize.Currency)
	country := func(table string, at schemas.Origin, col string, v *string) {
		if *v == "" {
			return
		}
		code, err := countries(*v)
		if err != nil {
			report.AddError(table, at, col, *v, "vocabulary", err.Error())
			return
		}
		*v = code
	}
	currency := func(table string, at schemas.Origin, v *string) {
		if *v == "" {
			return
		}
		code, err := currencies(*v)
		if err != nil {
			report.AddError(table, at, "currency", *v, "vocabulary", err.Error())
			return
		}
		*v = code
	}
	rows.Revenue.Edit(func(_ int, x *schemas.Revenue) {
		country(schemas.RevenueName, x.At, "partner_country", &x.PartnerCountry)
		currency(schemas.RevenueName, x.At, &x.Currency)
	})
	rows.ContractRates.Edit(func(_ int, x *schemas.ContractRate) {
		country(schemas.ContractRatesName, x.At, "host_country", &x.HostCountry)
		currency(schemas.ContractRatesName, x.At, &x.Currency)
		if t, ok := prof.Term(x.Profession); ok {
			x.ISCO08 = t.ISCO08
		}
	})
	rows.WorkerCounts.Edit(func(_ int, x *schemas.WorkerCount) {
		country(schemas.WorkerCountsName, x.At, "host_country", &x.HostCountry)
	})
	for i := range rows.FXRates {
		x := &rows.FXRates[i]
		currency(schemas.FXRatesName, x.At, &x.Currency)
	}
}

// memo remembers f's answer for each text it was asked about, up to
// 65,536 texts (then it asks f).
func memo(f func(string) (string, error)) func(string) (string, error) {
	type answer struct {
		code string
		err  error
	}
	seen := map[string]answer{}
	return func(s string) (string, error) {
		a, ok := seen[s]
		if !ok {
			a.code, a.err = f(s)
			if len(seen) < 1<<16 {
				seen[s] = a
			}
		}
		return a.code, a.err
	}
}

// derive fills the derived columns (after normalizeRows, which sets the
// ISCO-08 codes): the obs_ids, then everything comparable (exchange rates
// chosen, US-dollar and constant-dollar values, US$ per worker-month,
// preferred rows, host_estimates). It returns the cross-checks for the
// release notes. kinds are the kinds that extracted the rows, by the
// extractor name stamped on their rows (Built.Kinds): the locator is part
// of a row's identity unless its kind's locators are positional.
func derive(rows *datasets.Rows, baseYear int64, kinds map[string]*sources.Kind) []string {
	datasets.AssignIDsBy(rows, func(extractor string) bool {
		k := kinds[extractor]
		return k == nil || !k.PositionalLocators
	})
	return derived.Apply(rows, baseYear)
}

// codes answers validate's questions about standard code lists.
type codes struct{}

func (codes) Known(vocab, code string) bool {
	switch vocab {
	case "country":
		_, ok := normalize.CountryName(code)
		return ok || code == "WLD"
	case "currency":
		_, _, ok := normalize.CurrencyInfo(code)
		return ok
	}
	return false
}
