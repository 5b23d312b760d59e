package validate

import (
	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
)

// keys checks that primary keys are unique: two rows with the same obs_id
// have the same source, locator and identifying fields, i.e. they are the
// same observation written twice.
func (c *checker) keys(rows *datasets.Rows) {
	uniqueKeys(c, schemas.RevenueName, "obs_id", rows.Revenue, func(x *schemas.Revenue) (string, schemas.Origin) { return x.ObsID, x.At })
	uniqueKeys(c, schemas.ContractRatesName, "obs_id", rows.ContractRates, func(x *schemas.ContractRate) (string, schemas.Origin) { return x.ObsID, x.At })
	uniqueKeys(c, schemas.WorkerCountsName, "obs_id", rows.WorkerCounts, func(x *schemas.WorkerCount) (string, schemas.Origin) { return x.ObsID, x.At })
	uniqueKeys(c, schemas.SourcesName, "source_id", rows.Sources, func(x *schemas.Source) (string, schemas.Origin) { return x.SourceID, x.At })
	uniqueKeys(c, schemas.FXRatesName, "currency", rows.FXRates, func(x *schemas.FXRate) (string, schemas.Origin) {
		return x.Currency + " " + fmti(&x.Year) + " " + x.SourceID, x.At
	})
	uniqueKeys(c, schemas.CPIName, "month", rows.CPI, func(x *schemas.CPI) (string, schemas.Origin) {
		return fmti(&x.Year) + "-" + fmti(&x.Month) + " " + x.SourceID, x.At
	})
	uniqueKeys(c, schemas.HostEstimatesName, "year", rows.HostEstimates, func(x *schemas.HostEstimate) (string, schemas.Origin) {
		return x.HostCountry + " " + fmti(&x.Year), schemas.Origin{File: schemas.HostEstimatesName}
	})
	c.usedRates(rows.FXRates)
}

// uniqueKeys reports every row of table whose key an earlier row has,
// naming the first. Rows sorted by key (as a build sorts the fact tables
// by obs_id) are checked against their neighbour, without a set of every
// key; others through a map.
func uniqueKeys[T any](c *checker, table, col string, rows []T, key func(*T) (string, schemas.Origin)) {
	dup := func(k string, at, first schemas.Origin) {
		c.r.add(Error, table, at, col, k, "duplicate",
			"duplicate row: same source, locator and identifying fields as %s", datasets.Where(first))
	}
	sorted := true
	for i := 1; i < len(rows) && sorted; i++ {
		a, _ := key(&rows[i-1])
		b, _ := key(&rows[i])
		sorted = a <= b
	}
	if sorted {
		var runKey string
		var runAt schemas.Origin
		for i := range rows {
			k, at := key(&rows[i])
			if i > 0 && k == runKey {
				dup(k, at, runAt)
				continue
			}
			runKey, runAt = k, at
		}
		return
	}
	seen := map[string]schemas.Origin{}
	for i := range rows {
		k, at := key(&rows[i])
		if first, ok := seen[k]; ok {
			dup(k, at, first)
			continue
		}
		seen[k] = at
	}
}

// usedRates checks that exactly one exchange rate is used for each
// currency and year that has rates: conversions must never have to guess.
func (c *checker) usedRates(rates []schemas.FXRate) {
	n := map[string]int{}
	at := map[string]schemas.Origin{}
	var order []string
	for _, x := range rates {
		k := x.Currency + " " + fmti(&x.Year)
		if _, ok := n[k]; !ok {
			order = append(order, k)
			at[k] = x.At
		}
		if x.Used {
			n[k]++
			at[k] = x.At
		}
	}
	for _, k := range order {
		if n[k] != 1 {
			c.r.add(Error, schemas.FXRatesName, at[k], "used", k, "used_rate",
				"%d rates are marked used for %s; exactly one must be", n[k], k)
		}
	}
}

// foreignKeys checks that every source_id names a row of the sources
// table, and warns about documents no figure cites.
func (c *checker) foreignKeys(rows *datasets.Rows) {
	known := map[string]bool{}
	for _, s := range rows.Sources {
		known[s.SourceID] = true
	}
	used := map[string]bool{}
	ref := func(table, id string, at schemas.Origin) {
		used[id] = true
		if id != "" && !known[id] {
			c.r.add(Error, table, at, "source_id", id, "foreign_key", "no document with this source_id in the sources table")
		}
	}
	for i := range rows.Revenue {
		x := &rows.Revenue[i]
		ref(schemas.RevenueName, x.SourceID, x.At)
	}
	for i := range rows.ContractRates {
		x := &rows.ContractRates[i]
		ref(schemas.ContractRatesName, x.SourceID, x.At)
	}
	for i := range rows.WorkerCounts {
		x := &rows.WorkerCounts[i]
		ref(schemas.WorkerCountsName, x.SourceID, x.At)
	}
	for _, x := range rows.FXRates {
		ref(schemas.FXRatesName, x.SourceID, x.At)
	}
	for _, x := range rows.CPI {
		ref(schemas.CPIName, x.SourceID, x.At)
	}
	for _, s := range rows.Sources {
		if !used[s.SourceID] {
			c.r.add(Warning, schemas.SourcesName, s.At, "source_id", s.SourceID, "unused_source", "no published figure cites this document")
		}
	}
}

// figure checks that a value, its bounds, its qualifier and its status
// agree: a range has both bounds and no value, low <= high; any other
// reported figure has a value and no bounds; a withheld or unavailable
// figure has none.
func (c *checker) figure(table string, at schemas.Origin, col string, v, lo, hi *float64, qualifier, status string) {
	set := func(p *float64) bool { return p != nil }
	switch {
	case status != "reported":
		if set(v) || set(lo) || set(hi) {
			c.r.add(Error, table, at, col, fmtf(v), "status", "status %q means the value columns are empty", status)
		}
	case qualifier == "range":
		if set(v) || !set(lo) || !set(hi) {
			c.r.add(Error, table, at, col, fmtf(v), "range", "a range has %s_low and %s_high and an empty %s (no midpoint is ever picked)", col, col, col)
		} else if *lo > *hi {
			c.r.add(Error, table, at, col+"_low", fmtf(lo), "range", "the low bound is above the high bound %s", fmtf(hi))
		}
	default:
		if !set(v) {
			c.r.add(Error, table, at, col, "", "required", "a reported %s figure needs %s (use qualifier range with %s_low and %s_high for ranges)", qualifier, col, col, col)
		}
		if set(lo) || set(hi) {
			c.r.add(Error, table, at, col+"_low", fmtf(lo), "range", "bounds are only for qualifier range")
		}
	}
	for _, p := range []*float64{v, lo, hi} {
		if p != nil && *p < 0 {
			c.r.add(Error, table, at, col, fmtf(p), "range", "expected a value of zero or more")
		}
	}
}

func (c *checker) revenue(rows []schemas.Revenue) {
	for i := range rows {
		x := &rows[i]
		c.figure(schemas.RevenueName, x.At, "value", x.Value, x.ValueLow, x.ValueHigh, x.Qualifier, x.Status)
		if x.Currency == "" && (x.Value != nil || x.ValueLow != nil) {
			c.r.add(Error, schemas.RevenueName, x.At, "currency", "", "required", "a value needs its currency")
		}
	}
}

func (c *checker) rates(rows []schemas.ContractRate) {
	for i := range rows {
		x := &rows[i]
		c.figure(schemas.ContractRatesName, x.At, "amount", x.Amount, x.AmountLow, x.AmountHigh, x.Qualifier, x.Status)
		share := x.Measure == "worker_share" || x.Measure == "state_share"
		switch {
		case share && (x.Currency != "" || x.Per != ""):
			c.r.add(Error, schemas.ContractRatesName, x.At, "currency", x.Currency, "share", "a share is a percentage: currency and per stay empty")
		case share:
			for _, p := range []*float64{x.Amount, x.AmountLow, x.AmountHigh} {
				if p != nil && *p > MaxPercent {
					c.r.add(Error, schemas.ContractRatesName, x.At, "amount", fmtf(p), "range", "a share is a percentage from 0 to 100")
				}
			}
		case x.Status == "reported" && (x.Currency == "" || x.Per == ""):
			c.r.add(Error, schemas.ContractRatesName, x.At, "currency", x.Currency, "required", "an amount of money needs its currency and its period (per)")
		}
		if x.Workers != nil && *x.Workers < 1 {
			c.r.add(Error, schemas.ContractRatesName, x.At, "workers", fmti(x.Workers), "range", "expected 1 or more workers")
		}
		if p := x.USDPerWorkerMonth; p != nil && (*p < 0 || *p > MaxUSDPerWorkerMonth) {
			c.r.add(Error, schemas.ContractRatesName, x.At, "usd_per_worker_month", fmtf(p), "range", "expected 0 to %d US$ per worker per month", MaxUSDPerWorkerMonth)
		}
		if x.Currency == "USD" && x.Per == "month" && (x.Workers == nil || *x.Workers == 1) {
			for _, p := range []*float64{x.Amount, x.AmountLow, x.AmountHigh} {
				if p != nil && *p > MaxUSDPerWorkerMonth {
					c.r.add(Error, schemas.ContractRatesName, x.At, "amount", fmtf(p), "range", "expected at most %d US$ per worker per month", MaxUSDPerWorkerMonth)
				}
			}
		}
	}
}

func (c *checker) counts(rows []schemas.WorkerCount) {
	for i := range rows {
		x := &rows[i]
		c.figure(schemas.WorkerCountsName, x.At, "count", toF(x.Count), toF(x.CountLow), toF(x.CountHigh), x.Qualifier, x.Status)
		if n := x.NCountries; n != nil && (*n < 1 || *n > MaxCountries) {
			c.r.add(Error, schemas.WorkerCountsName, x.At, "n_countries", fmti(n), "range", "expected 1 to %d countries", MaxCountries)
		}
	}
}

func toF(p *int64) *float64 {
	if p == nil {
		return nil
	}
	f := float64(*p)
	return &f
}
