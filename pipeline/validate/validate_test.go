package validate

import (
	"errors"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
)

func f64(v float64) *float64 { return &v }
func i64(v int64) *int64     { return &v }

type isoCodes struct{}

func (isoCodes) Known(vocab, code string) bool {
	switch vocab {
	case "country":
		return code == "BRA" || code == "WLD" || code == "AGO"
	case "currency":
		return code == "USD" || code == "EUR"
	}
	return false
}

var at = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func prov(line int) schemas.Provenance {
	return schemas.Provenance{SourceID: "s1", SnapshotSHA256: strings.Repeat("a", 64), Locator: "p. 1",
		RetrievedAt: at, Extractor: "curated@1", At: schemas.Origin{File: "curated.csv", Row: line}}
}

// valid returns one valid row per fact table and the source they cite.
func valid() datasets.Rows {
	rows := datasets.Rows{
		Revenue: datasets.Of(schemas.Revenue{Year: 2022, PeriodStart: "2022", PeriodEnd: "2022", Aggregation: "flow", Concept: "health_services_exports", PartnerCountry: "WLD",
			Value: f64(4882234500), Qualifier: "exact", Currency: "USD", ObservationType: "official_statistic",
			Status: "reported", Provenance: prov(2)}),
		ContractRates: datasets.Of([]schemas.ContractRate{{HostCountry: "BRA", Profession: "doctor", Year: 2014,
			PeriodStart: "2013-08", PeriodEnd: "2014", Aggregation: "rate", Measure: "host_pays", Component: "total", Basis: "per_worker", Amount: f64(4100), Qualifier: "exact", Currency: "USD", Per: "month",
			Workers: i64(1), PaymentRoute: "intermediary", ObservationType: "estimate", Status: "reported", Provenance: prov(3)},
			{HostCountry: "AGO", Profession: "doctor", Year: 2025, PeriodStart: "2025-03", PeriodEnd: "2025-03", Aggregation: "rate",
				Measure: "state_share", Component: "total", Basis: "per_worker", AmountLow: f64(76),
				AmountHigh: f64(91), Qualifier: "range", PaymentRoute: "direct_to_state", ObservationType: "estimate",
				Status: "reported", Provenance: prov(4)}}...),
		WorkerCounts: datasets.Of(schemas.WorkerCount{HostCountry: "WLD", Year: 2019, PeriodStart: "2019-06-30", PeriodEnd: "2019-06-30",
			Aggregation: "stock", Sector: "health", Role: "doctors",
			Count: i64(30000), Qualifier: "approx", CountKind: "stock", NCountries: i64(67),
			ObservationType: "official_statement", Status: "reported", Provenance: prov(5)}),
		Sources: []schemas.Source{{SourceID: "s1", Title: "SYNTHETIC", Publisher: "P", PublisherType: "press",
			Language: "en", At: schemas.Origin{File: "sources.csv", Row: 2}}},
	}
	datasets.AssignIDs(&rows)
	return rows
}

// edit changes row i of c with fn.
func edit[T any](c datasets.Columns[T], i int, fn func(*T)) {
	x := c.At(i)
	fn(&x)
	c.Set(i, x)
}

// revenue, rate and count return an edit of row i of their table.
func revenue(i int, fn func(*schemas.Revenue)) func(*datasets.Rows) {
	return func(r *datasets.Rows) { edit(r.Revenue, i, fn) }
}

func rate(i int, fn func(*schemas.ContractRate)) func(*datasets.Rows) {
	return func(r *datasets.Rows) { edit(r.ContractRates, i, fn) }
}

func count(i int, fn func(*schemas.WorkerCount)) func(*datasets.Rows) {
	return func(r *datasets.Rows) { edit(r.WorkerCounts, i, fn) }
}

func check(rows datasets.Rows) *Report {
	return Check(&rows, Options{Codes: isoCodes{}, CurrentYear: 2026})
}

func TestValidRowsPass(t *testing.T) {
	r := check(valid())
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	if len(r.Warnings()) != 0 {
		t.Errorf("warnings: %v", r.Warnings())
	}
}

func TestRules(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(r *datasets.Rows)
		where string // the finding must start with this place and contain msg
		msg   string
	}{
		{"unknown vocabulary", revenue(0, func(x *schemas.Revenue) { x.Qualifier = "about" }),
			`curated.csv:2: column "qualifier": value "about"`, "not a code of vocabulary qualifier"},
		{"unknown country", count(0, func(x *schemas.WorkerCount) { x.HostCountry = "XYZ" }),
			`curated.csv:5: column "host_country": value "XYZ"`, "not a code of ISO 3166-1 alpha-3"},
		{"currency not ISO", rate(0, func(x *schemas.ContractRate) { x.Currency = "REAIS" }),
			`curated.csv:3: column "currency": value "REAIS"`, "not a code of ISO 4217"},
		{"missing citation", revenue(0, func(x *schemas.Revenue) { x.SourceID = "" }),
			`curated.csv:2: column "source_id"`, "a value is required; every fact row must say where it comes from"},
		{"missing snapshot hash", revenue(0, func(x *schemas.Revenue) { x.SnapshotSHA256 = "" }),
			`curated.csv:2: column "snapshot_sha256"`, "required"},
		{"citation to unknown document", revenue(0, func(x *schemas.Revenue) { x.SourceID = "nope" }),
			`curated.csv:2: column "source_id": value "nope"`, "no document with this source_id"},
		{"year too early", revenue(0, func(x *schemas.Revenue) { x.Year = 1958 }),
			`curated.csv:2: column "year": value "1958"`, "expected a year from 1959 to 2026"},
		{"year in the future", count(0, func(x *schemas.WorkerCount) { x.Year = 2027 }),
			`curated.csv:5: column "year": value "2027"`, "expected a year from 1959 to 2026"},
		{"bad date", count(0, func(x *schemas.WorkerCount) { x.PeriodEnd = "05/2019" }),
			`curated.csv:5: column "period_end": value "05/2019"`, "expected an ISO 8601 date"},
		{"no period", revenue(0, func(x *schemas.Revenue) { x.PeriodStart = "" }),
			`curated.csv:2: column "period_start"`, "a value is required"},
		{"year not the year of period_end", rate(0, func(x *schemas.ContractRate) { x.Year = 2013 }),
			`curated.csv:3: column "year": value "2013"`, "year must be the calendar year of period_end (2014)"},
		{"period upside down", count(0, func(x *schemas.WorkerCount) { x.PeriodStart = "2019-07" }),
			`curated.csv:5: column "period_start": value "2019-07"`, "period_start is after period_end (2019-06-30)"},
		{"days upside down", count(0, func(x *schemas.WorkerCount) { x.PeriodStart = "2019-06-30"; x.PeriodEnd = "2019-06-01" }),
			`curated.csv:5: column "period_start": value "2019-06-30"`, "period_start is after period_end"},
		{"unknown aggregation", revenue(0, func(x *schemas.Revenue) { x.Aggregation = "total" }),
			`curated.csv:2: column "aggregation": value "total"`, "not a code of vocabulary aggregation"},
		{"count kind and aggregation", count(0, func(x *schemas.WorkerCount) { x.Aggregation = "flow" }),
			`curated.csv:5: column "aggregation": value "flow"`, "a count of kind stock has aggregation stock"},
		{"arrivals are a flow", count(0, func(x *schemas.WorkerCount) { x.CountKind = "arrivals" }),
			`curated.csv:5: column "aggregation": value "stock"`, "a count of kind arrivals has aggregation flow"},
		{"a monthly amount is a rate", rate(0, func(x *schemas.ContractRate) { x.Aggregation = "flow" }),
			`curated.csv:3: column "aggregation": value "flow"`, "an amount per month has aggregation rate"},
		{"a contract amount is a flow", rate(0, func(x *schemas.ContractRate) { x.Per = "contract"; x.Basis = "whole_contract" }),
			`curated.csv:3: column "aggregation": value "rate"`, "an amount per contract has aggregation flow or cumulative"},
		{"a share is a rate", rate(1, func(x *schemas.ContractRate) { x.Aggregation = "stock" }),
			`curated.csv:4: column "aggregation": value "stock"`, "a share is in force during its period: aggregation rate"},
		{"per worker for several workers", rate(0, func(x *schemas.ContractRate) { x.Workers = i64(40) }),
			`curated.csv:3: column "workers": value "40"`, "basis per_worker is an amount for one worker"},
		{"unknown component", rate(0, func(x *schemas.ContractRate) { x.Component = "stipend" }),
			`curated.csv:3: column "component": value "stipend"`, "not a code of vocabulary component"},
		{"revenue flow over years", revenue(0, func(x *schemas.Revenue) { x.PeriodStart = "2008" }),
			`curated.csv:2: column "aggregation": value "flow"`, "a flow covers at most one year; 2008 to 2022 is 180 months"},
		{"revenue stock", revenue(0, func(x *schemas.Revenue) { x.Aggregation = "stock" }),
			`curated.csv:2: column "aggregation": value "stock"`, "never a stock"},
		{"share of GDP with a currency", revenue(0, func(x *schemas.Revenue) {
			x.Concept, x.Aggregation, x.Value = "services_exports_share_of_gdp", "rate", f64(75)
		}), `curated.csv:2: column "currency": value "USD"`, "is a percentage: currency stays empty"},
		{"share of GDP above 100", revenue(0, func(x *schemas.Revenue) {
			x.Concept, x.Aggregation, x.Value, x.Currency = "services_exports_share_of_gdp", "rate", f64(175), ""
		}), `curated.csv:2: column "value": value "175"`, "a share is a percentage from 0 to 100"},
		{"share of GDP not a rate", revenue(0, func(x *schemas.Revenue) {
			x.Concept, x.Value, x.Currency = "services_exports_share_of_gdp", f64(75), ""
		}), `curated.csv:2: column "aggregation": value "flow"`, "a percentage share has aggregation rate"},
		{"two preferred rows of one quantity", func(r *datasets.Rows) {
			a := r.ContractRates.At(0)
			b := a
			b.Locator, b.At.Row, b.Amount, b.PeriodStart = "p. 2", 9, f64(3000), "2014-02" // same quantity: a rate of the same year
			yes := true
			a.Preferred, b.Preferred = &yes, &yes
			r.ContractRates.Set(0, a)
			r.ContractRates.Append(b)
		}, `curated.csv:9: column "preferred": value "true"`, "two preferred rows of one quantity (the quantity key of docs/comparable.md): curated.csv:3 is preferred too"},
		{"negative count", count(0, func(x *schemas.WorkerCount) { x.Count = i64(-1) }),
			`curated.csv:5: column "count": value "-1"`, "zero or more"},
		{"rate above a million a month", rate(0, func(x *schemas.ContractRate) { x.Amount = f64(1_000_001) }),
			`curated.csv:3: column "amount": value "1000001"`, "at most 1000000 US$ per worker per month"},
		{"derived usd above a million", rate(0, func(x *schemas.ContractRate) { x.USDPerWorkerMonth = f64(2e6) }),
			`curated.csv:3: column "usd_per_worker_month"`, "expected 0 to 1000000"},
		{"range with a value", rate(1, func(x *schemas.ContractRate) { x.Amount = f64(80) }),
			`curated.csv:4: column "amount": value "80"`, "no midpoint is ever picked"},
		{"range upside down", rate(1, func(x *schemas.ContractRate) { x.AmountLow = f64(95) }),
			`curated.csv:4: column "amount_low": value "95"`, "above the high bound 91"},
		{"exact without value", revenue(0, func(x *schemas.Revenue) { x.Value = nil }),
			`curated.csv:2: column "value"`, "a reported exact figure needs value"},
		{"withheld with value", revenue(0, func(x *schemas.Revenue) { x.Status = "withheld" }),
			`curated.csv:2: column "value": value "4882234500"`, `status "withheld" means the value columns are empty`},
		{"share above 100", rate(1, func(x *schemas.ContractRate) { x.AmountHigh = f64(120) }),
			`curated.csv:4: column "amount": value "120"`, "percentage from 0 to 100"},
		{"share with currency", rate(1, func(x *schemas.ContractRate) { x.Currency = "USD" }),
			`curated.csv:4: column "currency": value "USD"`, "currency and per stay empty"},
		{"money without period", rate(0, func(x *schemas.ContractRate) { x.Per = "" }),
			`curated.csv:3: column "currency": value "USD"`, "needs its currency and its period"},
		{"value without currency", revenue(0, func(x *schemas.Revenue) { x.Currency = "" }),
			`curated.csv:2: column "currency"`, "a value needs its currency"},
		{"zero workers", rate(0, func(x *schemas.ContractRate) { x.Workers = i64(0) }),
			`curated.csv:3: column "workers": value "0"`, "1 or more"},
		{"too many countries", count(0, func(x *schemas.WorkerCount) { x.NCountries = i64(300) }),
			`curated.csv:5: column "n_countries": value "300"`, "1 to 250"},
		{"duplicate row", func(r *datasets.Rows) {
			d := r.Revenue.At(0)
			d.At.Row = 9
			d.Value = f64(1) // a different value does not make a different observation
			r.Revenue.Append(d)
		}, `curated.csv:9: column "obs_id"`, "duplicate row: same source, locator and identifying fields as curated.csv:2"},
		{"duplicate row apart from its first", func(r *datasets.Rows) {
			other, d := r.Revenue.At(0), r.Revenue.At(0)
			other.Year, other.At.Row = 2021, 4
			d.At.Row = 9
			r.Revenue.Append(other, d) // not in obs_id order: the rows between differ
		}, `curated.csv:9: column "obs_id"`, "duplicate row: same source, locator and identifying fields as curated.csv:2"},
		{"two rates used", func(r *datasets.Rows) {
			r.FXRates = []schemas.FXRate{schemas.AnnualAverage(schemas.FXRate{Currency: "EUR", Year: 2019, RatePerUSD: 0.89, SourceID: "s1", Locator: "a", Used: true, At: schemas.Origin{File: "fx.csv", Row: 2}}),
				schemas.AnnualAverage(schemas.FXRate{Currency: "EUR", Year: 2019, RatePerUSD: 0.9, SourceID: "s2", Locator: "b", Used: true, At: schemas.Origin{File: "fx.csv", Row: 3}})}
		}, `fx.csv:3: column "used": value "EUR 2019"`, "2 rates are marked used for EUR 2019"},
		{"no rate used", func(r *datasets.Rows) {
			r.FXRates = []schemas.FXRate{schemas.AnnualAverage(schemas.FXRate{Currency: "EUR", Year: 2019, RatePerUSD: 0.89, SourceID: "s1", Locator: "a", At: schemas.Origin{File: "fx.csv", Row: 2}})}
		}, `fx.csv:2: column "used": value "EUR 2019"`, "0 rates are marked used"},
		{"a point rate used", func(r *datasets.Rows) {
			r.FXRates = []schemas.FXRate{{Currency: "CUP", Year: 2022, PeriodStart: "2022-09-03", PeriodEnd: "2022-09-03", Regime: "informal", Qualifier: "exact",
				RatePerUSD: 150, SourceID: "s1", Locator: "a", Used: true, At: schemas.Origin{File: "fx.csv", Row: 2}}}
		}, `fx.csv:2: column "used": value "true"`, "only a rate for the whole year of regime market, peg, official or enterprise is used"},
		{"unknown regime", func(r *datasets.Rows) {
			x := schemas.AnnualAverage(schemas.FXRate{Currency: "EUR", Year: 2019, RatePerUSD: 0.89, SourceID: "s1", Locator: "a", Used: true, At: schemas.Origin{File: "fx.csv", Row: 2}})
			x.Regime = "black"
			r.FXRates = []schemas.FXRate{x}
		}, `fx.csv:2: column "regime": value "black"`, "not a code of vocabulary regime"},
		{"duplicate cpi month", func(r *datasets.Rows) {
			c := schemas.CPI{Year: 2025, Month: 9, Index: 1, SourceID: "s1", Locator: "l", At: schemas.Origin{File: "cpi.csv", Row: 2}}
			d := c
			d.At.Row = 3
			r.CPI = []schemas.CPI{c, d}
		}, `cpi.csv:3: column "month": value "2025-9 s1"`, "duplicate row"},
		{"duplicate source", func(r *datasets.Rows) {
			s := r.Sources[0]
			s.At.Row = 3
			r.Sources = append(r.Sources, s)
		}, `sources.csv:3: column "source_id": value "s1"`, "duplicate row"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows := valid()
			tc.edit(&rows)
			datasets.AssignIDs(&rows)
			r := check(rows)
			err := r.Err()
			if !errors.Is(err, ErrBlocked) {
				t.Fatalf("no error; findings %v", r.Findings)
			}
			for _, f := range r.Errors() {
				if s := f.String(); strings.HasPrefix(s, tc.where) && strings.Contains(s, tc.msg) {
					return
				}
			}
			t.Errorf("no finding at %s with %q in:\n%v", tc.where, tc.msg, err)
		})
	}
}

func TestUnusedSourceIsAWarning(t *testing.T) {
	rows := valid()
	rows.Sources = append(rows.Sources, schemas.Source{SourceID: "s2", Title: "T", Publisher: "P",
		PublisherType: "ngo", Language: "es", At: schemas.Origin{File: "sources.csv", Row: 3}})
	r := check(rows)
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	if w := r.Warnings(); len(w) != 1 || w[0].Rule != "unused_source" || w[0].Value != "s2" {
		t.Errorf("warnings: %v", w)
	}
	// A document that only price indexes cite is used.
	rows.CPI = []schemas.CPI{{Year: 2019, Month: 1, Index: 251.7, SourceID: "s2", Locator: "csv=row 2", At: schemas.Origin{File: "cpi.csv", Row: 2}}}
	if w := check(rows).Warnings(); len(w) != 0 {
		t.Errorf("a source cited by us_cpi rows: warnings %v", w)
	}
}

func TestEveryErrorIsListed(t *testing.T) {
	rows := valid()
	edit(rows.Revenue, 0, func(x *schemas.Revenue) { x.Qualifier = "about" })
	edit(rows.WorkerCounts, 0, func(x *schemas.WorkerCount) { x.HostCountry = "XYZ" })
	edit(rows.ContractRates, 0, func(x *schemas.ContractRate) { x.Currency = "REAIS" })
	r := check(rows)
	if n := len(r.Errors()); n != 3 {
		t.Errorf("%d errors, want 3 (validation collects every finding): %v", n, r.Err())
	}
	if msg := r.Err().Error(); !strings.Contains(msg, "3 errors") {
		t.Errorf("message %q", msg)
	}
}

// The column-by-column check of every table reports exactly what the
// row-by-row check reports, on rows with every kind of bad cell.
func TestColumnsByCellMatchRows(t *testing.T) {
	rows := valid()
	for i := range 40 {
		r := rows.ContractRates.At(i % 2)
		r.Locator = "row " + strings.Repeat("x", i)
		r.At.Row = 10 + i
		switch i % 8 {
		case 0:
			r.HostCountry = "XYZ" // unknown code
		case 1:
			r.PeriodEnd = "2014-1" // pattern
		case 2:
			r.Measure = "" // required
		case 3:
			r.Year = 1900 // year out of range
		case 4:
			r.RetrievedAt = time.Time{} // stamp required
		case 5:
			r.Qualifier = "about" // vocabulary
			r.Currency = "REAIS"
		case 6:
			r.ProfessionLabel = "" // nullable: fine
		}
		rows.ContractRates.Append(r)
	}
	opt := Options{Codes: isoCodes{}, CurrentYear: 2026}
	tables := rows.Tables()
	byCell := checker{r: &Report{}, opt: opt, patterns: map[string]*regexp.Regexp{}}
	byRow := checker{r: &Report{}, opt: opt, patterns: map[string]*regexp.Regexp{}}
	for _, tb := range tables {
		byCell.columns(tb)
		st := tb.Schema()
		forEachRow(tb, func(row reflect.Value, at schemas.Origin) {
			for _, col := range st.Columns {
				byRow.cell(st, col, row, at)
			}
		})
	}
	byCell.r.Sort()
	byRow.r.Sort()
	if len(byRow.r.Findings) < 30 {
		t.Fatalf("only %d findings by row: the bad cells are not bad", len(byRow.r.Findings))
	}
	if !reflect.DeepEqual(byCell.r.Findings, byRow.r.Findings) {
		t.Errorf("by cell %d findings, by row %d:\n%v\n%v", len(byCell.r.Findings), len(byRow.r.Findings),
			byCell.r.Findings, byRow.r.Findings)
	}
}

// Rows of different quantities may each be preferred: a part and its
// whole, two subgroups, totals over different periods.
func TestPreferredPerQuantity(t *testing.T) {
	rows := valid()
	yes := true
	a := rows.ContractRates.At(0)
	a.Preferred = &yes
	rows.ContractRates.Set(0, a)
	for i, edit := range []func(*schemas.ContractRate){
		func(x *schemas.ContractRate) { x.Component = "allowance" },
		func(x *schemas.ContractRate) { x.Subgroup = "specialists" },
		func(x *schemas.ContractRate) {
			x.Basis, x.Workers, x.Per, x.Aggregation = "whole_contract", i64(40), "contract", "flow"
		},
		func(x *schemas.ContractRate) {
			x.Basis, x.Workers, x.Per, x.Aggregation, x.PeriodStart = "whole_contract", i64(40), "contract", "flow", "2014-01"
		},
	} {
		b := a
		edit(&b)
		b.Locator, b.At.Row = "p. "+strings.Repeat("x", i+2), 20+i
		rows.ContractRates.Append(b)
	}
	datasets.AssignIDs(&rows)
	if err := check(rows).Err(); err != nil {
		t.Fatal(err)
	}
}
