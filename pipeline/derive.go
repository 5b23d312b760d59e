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
// contract rate the ISCO-08 code of its profession. Each is a function
// of the text alone, so a fact table's column is normalized a distinct
// text at a time (datasets.Columns.MapText), no row loaded. A value that
// cannot be normalized stays as it is and becomes a validation error
// naming the place of every row that holds it.
func normalizeRows(rows *datasets.Rows, report *validate.Report) {
	prof, _ := schemas.VocabByName("profession")
	countries, currencies := memo(normalize.Country), memo(normalize.Currency)
	normalizeColumn(rows.Revenue, "partner_country", countries, report, func(x *schemas.Revenue) string { return x.PartnerCountry })
	normalizeColumn(rows.Revenue, "currency", currencies, report, func(x *schemas.Revenue) string { return x.Currency })
	normalizeColumn(rows.ContractRates, "host_country", countries, report, func(x *schemas.ContractRate) string { return x.HostCountry })
	normalizeColumn(rows.ContractRates, "currency", currencies, report, func(x *schemas.ContractRate) string { return x.Currency })
	rows.ContractRates.SetTextBy("isco08", "profession", func(p string) (string, bool) {
		t, ok := prof.Term(p)
		return t.ISCO08, ok
	})
	normalizeColumn(rows.WorkerCounts, "host_country", countries, report, func(x *schemas.WorkerCount) string { return x.HostCountry })
	for i := range rows.FXRates {
		x := &rows.FXRates[i]
		if x.Currency == "" {
			continue
		}
		code, err := currencies(x.Currency)
		if err != nil {
			report.AddError(schemas.FXRatesName, x.At, "currency", x.Currency, "vocabulary", err.Error())
			continue
		}
		x.Currency = code
	}
}

// normalizeColumn normalizes the text column col of every row with norm,
// once per distinct text; an empty text is left empty. Each text norm
// refuses is left as it is, and each row holding one (cell gives a row's
// text of col) gets a validation error.
func normalizeColumn[T any](rows datasets.Columns[T], col string, norm func(string) (string, error), report *validate.Report, cell func(*T) string) {
	bad := map[string]error{}
	rows.MapText(col, func(v string) string {
		if v == "" {
			return v
		}
		code, err := norm(v)
		if err != nil {
			bad[v] = err
			return v
		}
		return code
	})
	if len(bad) == 0 {
		return
	}
	table := schemas.TableOf[T]().Name
	for _, r := range rows.All() {
		if v := cell(&r); bad[v] != nil {
			report.AddError(table, any(&r).(interface{ Prov() *schemas.Provenance }).Prov().At, col, v, "vocabulary", bad[v].Error())
		}
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
