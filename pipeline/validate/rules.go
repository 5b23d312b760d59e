package validate

import (
	"errors"
	"iter"
	"reflect"
	"slices"
	"strings"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/pipeline/derived"
	"github.com/cubaexports/cubaexports/schemas"
)

// keys checks that the primary keys of the tables held as slices are
// unique (the fact tables' obs_id is checked in their pass: see facts),
// and that one exchange rate is used for each currency and year.
func (c *checker) keys(rows *datasets.Rows) {
	uniqueKeys(c, schemas.SourcesName, "source_id", rows.Sources, func(x *schemas.Source) (string, schemas.Origin) { return x.SourceID, x.At })
	uniqueKeys(c, schemas.FXRatesName, "currency", rows.FXRates, func(x *schemas.FXRate) (string, schemas.Origin) {
		return x.Currency + " " + fmti(&x.Year) + " " + x.SourceID + " " + x.Locator, x.At
	})
	uniqueKeys(c, schemas.CPIName, "month", rows.CPI, func(x *schemas.CPI) (string, schemas.Origin) {
		return fmti(&x.Year) + "-" + fmti(&x.Month) + " " + x.SourceID, x.At
	})
	uniqueKeys(c, schemas.HostEstimatesName, "year", rows.HostEstimates, func(x *schemas.HostEstimate) (string, schemas.Origin) {
		return x.HostCountry + " " + fmti(&x.Year), schemas.Origin{File: schemas.HostEstimatesName}
	})
	c.usedRates(rows.FXRates)
}

// uniqueKeys reports every row of a table held as a slice whose key an
// earlier row has, naming the first (see unique).
func uniqueKeys[T any](c *checker, table, col string, rows []T, key func(*T) (string, schemas.Origin)) {
	u := unique[T]{c: c, table: table, col: col, rows: slices.All(rows), key: key}
	for i := range rows {
		u.row(i, &rows[i])
	}
}

// unique checks, one row at a time and in order, that primary keys are
// unique: two rows with the same key (obs_id for a fact table) have the
// same source, locator and identifying fields, i.e. they are the same
// observation written twice. It reports every row whose key an earlier
// row has, naming the first. Rows in key order (as a build sorts the fact
// tables by obs_id) are checked against their neighbour, without a set of
// every key; from the first row out of order on, keys go through a map,
// which is first filled by reading the rows before that one again.
type unique[T any] struct {
	c          *checker
	table, col string
	rows       iter.Seq2[int, T] // every row of the table, in order
	key        func(*T) (string, schemas.Origin)

	seen   map[string]schemas.Origin // nil while the rows are in key order
	runKey string                    // the key of the rows before, while in order
	runAt  schemas.Origin            // where runKey is first
}

// row checks row i, x; rows are given in order from row 0.
func (u *unique[T]) row(i int, x *T) {
	k, at := u.key(x)
	if u.seen == nil {
		switch {
		case i > 0 && k == u.runKey:
			u.dup(k, at, u.runAt)
			return
		case i == 0 || k > u.runKey:
			u.runKey, u.runAt = k, at
			return
		}
		u.seen = firstKeys(u.rows, i, u.key)
	}
	if first, ok := u.seen[k]; ok {
		u.dup(k, at, first)
		return
	}
	u.seen[k] = at
}

func (u *unique[T]) dup(k string, at, first schemas.Origin) {
	u.c.r.add(Error, u.table, at, u.col, k, "duplicate",
		"duplicate row: same source, locator and identifying fields as %s", datasets.Where(first))
}

// firstKeys maps each key of the first n rows to the row that has it first.
func firstKeys[T any](rows iter.Seq2[int, T], n int, key func(*T) (string, schemas.Origin)) map[string]schemas.Origin {
	seen := make(map[string]schemas.Origin, n)
	var x T // one variable for key, not one escaping copy per row
	for i, row := range rows {
		if i == n {
			break
		}
		x = row
		k, at := key(&x)
		if _, ok := seen[k]; !ok {
			seen[k] = at
		}
	}
	return seen
}

// usedRates checks that exactly one exchange rate is used for each
// currency and year that has candidate rates (derived.OfficialCandidate:
// for the whole year, of an official regime), and no other rate:
// conversions must never have to guess.
func (c *checker) usedRates(rates []schemas.FXRate) {
	n := map[string]int{}
	at := map[string]schemas.Origin{}
	var order []string
	for _, x := range rates {
		if !derived.OfficialCandidate(&x) {
			if x.Used {
				c.r.add(Error, schemas.FXRatesName, x.At, "used", "true", "used_rate",
					"only a rate for the whole year of regime market, peg, official or enterprise is used for official conversions; this one is %s, %s to %s", x.Regime, x.PeriodStart, x.PeriodEnd)
			}
			continue
		}
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

// citable notes the source_id of every document of the sources table,
// before any row's source_id is checked (see ref).
func (c *checker) citable(sources []schemas.Source) {
	c.known = make(map[string]bool, len(sources))
	c.used = map[string]bool{}
	for _, s := range sources {
		c.known[s.SourceID] = true
	}
}

// ref checks that a row's source_id names a row of the sources table, and
// notes the document as cited.
func (c *checker) ref(table, id string, at schemas.Origin) {
	c.used[id] = true
	if id != "" && !c.known[id] {
		c.r.add(Error, table, at, "source_id", id, "foreign_key", "no document with this source_id in the sources table")
	}
}

// foreignKeys checks the source_id of the tables held as slices that cite
// documents (the fact tables' are checked in their pass: see facts), then
// warns about documents no figure cites. It runs after the fact tables.
func (c *checker) foreignKeys(rows *datasets.Rows) {
	for _, x := range rows.FXRates {
		c.ref(schemas.FXRatesName, x.SourceID, x.At)
	}
	for _, x := range rows.CPI {
		c.ref(schemas.CPIName, x.SourceID, x.At)
	}
	for _, s := range rows.Sources {
		if !c.used[s.SourceID] {
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

// facts checks every fact table in one pass over its rows: obs_id
// unique, source_id in the sources table, and the rules of its table
// (factRules), if it has any.
func (c *checker) facts(rows *datasets.Rows) {
	for _, tb := range rows.Tables() {
		if st := tb.Schema(); st.IsFact() {
			c.eachFact(tb, c.factRules()[st.Name])
		}
	}
}

// factRules are the checks of particular fact tables, by table name; a
// rule gets a pointer to a row of its table.
func (c *checker) factRules() map[string]func(row any) {
	return map[string]func(any){
		schemas.RevenueName:       func(x any) { c.revenue(x.(*schemas.Revenue)) },
		schemas.ContractRatesName: func(x any) { c.rate(x.(*schemas.ContractRate)) },
		schemas.WorkerCountsName:  func(x any) { c.count(x.(*schemas.WorkerCount)) },
	}
}

// eachFact runs, in one pass over a fact table, the checks every fact row
// shares (obs_id unique, source_id in the sources table), then rules on
// the row (when not nil).
func (c *checker) eachFact(tb datasets.Table, rules func(row any)) {
	st := tb.Schema()
	id, _ := st.Column("obs_id")
	prov := func(row reflect.Value) *schemas.Provenance {
		return row.Addr().Interface().(interface{ Prov() *schemas.Provenance }).Prov()
	}
	all := func(yield func(int, reflect.Value) bool) {
		datasets.Each(tb, func(i int, row reflect.Value) error {
			if !yield(i, row) {
				return errStop
			}
			return nil
		})
	}
	keys := unique[reflect.Value]{c: c, table: st.Name, col: "obs_id", rows: all,
		key: func(x *reflect.Value) (string, schemas.Origin) { return id.Field(*x).String(), prov(*x).At }}
	once := onePreferred(c, st)
	datasets.Each(tb, func(i int, row reflect.Value) error {
		keys.row(i, &row)
		p := prov(row)
		c.ref(st.Name, p.SourceID, p.At)
		once(row, p.At)
		if rules != nil {
			rules(row.Addr().Interface())
		}
		return nil
	})
}

// onePreferred returns the release check that no quantity of a fact
// table has two preferred rows (the key its row struct declares,
// schemas.Table.QuantityKey): called with every row in turn, it reports
// each preferred row whose quantity already has one, naming the first.
// It checks nothing for a table without a quantity key or a preferred
// column.
func onePreferred(c *checker, st *schemas.Table) func(row reflect.Value, at schemas.Origin) {
	pref, ok := st.Column("preferred")
	if !ok || !st.HasQuantity() {
		return func(reflect.Value, schemas.Origin) {}
	}
	first := map[string]schemas.Origin{} // quantity key -> its preferred row
	var key []byte
	return func(row reflect.Value, at schemas.Origin) {
		if p := pref.Field(row); p.IsNil() || !p.Elem().Bool() {
			return
		}
		key = st.QuantityKey(key[:0], row)
		if o, dup := first[string(key)]; dup {
			c.r.add(Error, st.Name, at, "preferred", "true", "preferred",
				"two preferred rows of one quantity (the quantity key of docs/comparable.md): %s is preferred too", datasets.Where(o))
			return
		}
		first[string(key)] = at
	}
}

// errStop ends a pass over rows early.
var errStop = errors.New("stop")

func (c *checker) revenue(x *schemas.Revenue) {
	c.figure(schemas.RevenueName, x.At, "value", x.Value, x.ValueLow, x.ValueHigh, x.Qualifier, x.Status)
	c.period(schemas.RevenueName, x.At, x.Year, x.PeriodStart, x.PeriodEnd)
	share := schemas.IsPercent("concept", x.Concept)
	switch {
	case share && x.Currency != "":
		c.r.add(Error, schemas.RevenueName, x.At, "currency", x.Currency, "share", "concept %s is a percentage: currency stays empty", x.Concept)
	case share:
		c.percent(schemas.RevenueName, x.At, "value", x.Value, x.ValueLow, x.ValueHigh)
	case x.Currency == "" && (x.Value != nil || x.ValueLow != nil):
		c.r.add(Error, schemas.RevenueName, x.At, "currency", "", "required", "a value needs its currency")
	}
	switch {
	case share != (x.Aggregation == "rate"):
		c.r.add(Error, schemas.RevenueName, x.At, "aggregation", x.Aggregation, "aggregation", "a percentage share has aggregation rate, and only a share does (concept %s)", x.Concept)
	case x.Aggregation == "stock":
		c.r.add(Error, schemas.RevenueName, x.At, "aggregation", x.Aggregation, "aggregation", "earnings are a flow, a cumulative total or an annual average, never a stock")
	case x.Aggregation == "flow":
		if n, ok := schemas.PeriodMonths(x.PeriodStart, x.PeriodEnd); ok && n > 12 {
			c.r.add(Error, schemas.RevenueName, x.At, "aggregation", x.Aggregation, "aggregation",
				"a flow covers at most one year; %s to %s is %d months: use cumulative or annual_average", x.PeriodStart, x.PeriodEnd, n)
		}
	}
}

// period checks a fact row's period: year is the calendar year of
// period_end, and period_start is not after period_end (a date given as a
// year or month spans the whole year or month). Malformed dates are the
// pattern rule's to report.
func (c *checker) period(table string, at schemas.Origin, year int64, start, end string) {
	ey, _, okE := schemas.YearMonth(end, 12)
	if okE && int64(ey) != year {
		c.r.add(Error, table, at, "year", fmti(&year), "period", "year must be the calendar year of period_end (%s)", end)
	}
	if n, ok := schemas.PeriodMonths(start, end); ok && (n < 1 || n == 1 && len(start) == 10 && len(end) == 10 && start > end) {
		c.r.add(Error, table, at, "period_start", start, "period", "period_start is after period_end (%s)", end)
	}
}

// percent checks that a percentage and its bounds are within 0 to 100.
func (c *checker) percent(table string, at schemas.Origin, col string, vals ...*float64) {
	for _, p := range vals {
		if p != nil && *p > MaxPercent {
			c.r.add(Error, table, at, col, fmtf(p), "range", "a share is a percentage from 0 to 100")
		}
	}
}

func (c *checker) rate(x *schemas.ContractRate) {
	c.figure(schemas.ContractRatesName, x.At, "amount", x.Amount, x.AmountLow, x.AmountHigh, x.Qualifier, x.Status)
	c.period(schemas.ContractRatesName, x.At, x.Year, x.PeriodStart, x.PeriodEnd)
	share := schemas.IsPercent("measure", x.Measure)
	switch {
	case share && (x.Currency != "" || x.Per != ""):
		c.r.add(Error, schemas.ContractRatesName, x.At, "currency", x.Currency, "share", "a share is a percentage: currency and per stay empty")
	case share:
		c.percent(schemas.ContractRatesName, x.At, "amount", x.Amount, x.AmountLow, x.AmountHigh)
	case x.Status == "reported" && (x.Currency == "" || x.Per == ""):
		c.r.add(Error, schemas.ContractRatesName, x.At, "currency", x.Currency, "required", "an amount of money needs its currency and its period (per)")
	}
	switch want := schemas.PerAggregations[x.Per]; {
	case share && x.Aggregation != "rate":
		c.r.add(Error, schemas.ContractRatesName, x.At, "aggregation", x.Aggregation, "aggregation", "a share is in force during its period: aggregation rate")
	case len(want) > 0 && !slices.Contains(want, x.Aggregation):
		c.r.add(Error, schemas.ContractRatesName, x.At, "aggregation", x.Aggregation, "aggregation", "an amount per %s has aggregation %s", x.Per, strings.Join(want, " or "))
	}
	if x.Basis == "per_worker" && x.Workers != nil && *x.Workers != 1 {
		c.r.add(Error, schemas.ContractRatesName, x.At, "workers", fmti(x.Workers), "basis", "basis per_worker is an amount for one worker: workers is 1 or empty")
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

func (c *checker) count(x *schemas.WorkerCount) {
	c.figure(schemas.WorkerCountsName, x.At, "count", toF(x.Count), toF(x.CountLow), toF(x.CountHigh), x.Qualifier, x.Status)
	c.period(schemas.WorkerCountsName, x.At, x.Year, x.PeriodStart, x.PeriodEnd)
	if want, ok := schemas.CountKindAggregation[x.CountKind]; ok && x.Aggregation != want {
		c.r.add(Error, schemas.WorkerCountsName, x.At, "aggregation", x.Aggregation, "aggregation", "a count of kind %s has aggregation %s", x.CountKind, want)
	}
	if n := x.NCountries; n != nil && (*n < 1 || *n > MaxCountries) {
		c.r.add(Error, schemas.WorkerCountsName, x.At, "n_countries", fmti(n), "range", "expected 1 to %d countries", MaxCountries)
	}
}

func toF(p *int64) *float64 {
	if p == nil {
		return nil
	}
	f := float64(*p)
	return &f
}
