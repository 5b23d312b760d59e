package schemas

import (
	"fmt"
	"reflect"
	"sync"
)

// Table names, as published (file names in a release). Code that holds
// logic for one particular table names it by these; code that works on
// every table iterates All.
const (
	RevenueName       = "revenue"
	ContractRatesName = "contract_rates"
	WorkerCountsName  = "worker_counts"
	SourcesName       = "sources"
	FXRatesName       = "fx_rates"
	CPIName           = "us_cpi"
	HostEstimatesName = "host_estimates"
	MacroName         = "macro_indicators"
	MacroSharesName   = "macro_shares"
	SeriesBreaksName  = "series_breaks"
)

// The published tables, in release order: each declared here once, with
// its row type, name, title, description, keys and (for a fact table) the
// prefix of its obs_ids. Everything that handles every table (the rows a
// release holds, writers, readers, validation, obs_ids, the conformance
// suite of source kinds) iterates the registry (All), so a new table is a
// row struct in tables.go and one Register line here.
var (
	_ = Register(MustTable[Revenue](RevenueName, "Service-export revenue",
		"Earnings of the Cuban state from exports of services (all services, health services, professional services), by year or period and, where known, by host country. One row per figure per source: figures that disagree are all kept.",
		IDPrefix("rev")))
	_ = Register(MustTable[ContractRate](ContractRatesName, "Contract rates",
		"What a host pays for the work of Cuban professionals, what the worker receives, and the share the state retains, by host country, profession and date, in the currency and period the source gives.",
		IDPrefix("rate")))
	_ = Register(MustTable[WorkerCount](WorkerCountsName, "Worker counts",
		"How many Cuban professionals serve abroad, by host country (or worldwide), date, sector and role.",
		IDPrefix("wkr")))
	_ = Register(MustTable[Source](SourcesName, "Sources",
		"Every document a published figure comes from: title, publisher, kind of publisher, address, language, date, the original source it reports, and its license.",
		Key("source_id")))
	_ = Register(MustTable[FXRate](FXRatesName, "Exchange rates",
		"Exchange rates to convert figures to US dollars, in units of currency per US dollar, each with its regime, the period it holds for and its source: published annual averages of floating currencies (regime market), pegs and official rates, and documented point rates of the other regimes of the Cuban and Venezuelan currencies (enterprise, exchange office, informal, complementary). Where several rates for a whole year of regime market, peg, official or enterprise exist for the same currency and year, exactly one is marked used for the official conversions (docs/comparable.md gives the precedence); the others are kept as cross-checks. Household conversions of wages use the point rates by the household rules of docs/comparable.md.",
		OrderBy("currency", "year", "source_id", "locator")))
	_ = Register(MustTable[CPI](CPIName, "US consumer prices",
		"The US consumer price index for all urban consumers (CPI-U, all items, U.S. city average, 1982-84=100), monthly, as the Bureau of Labor Statistics publishes it. Annual averages of these months deflate US-dollar figures to constant dollars.",
		Key("year", "month", "source_id")))
	_ = Register(MustTable[HostEstimate](HostEstimatesName, "Host estimates (derived)",
		"DERIVED ESTIMATES, NOT REPORTED FIGURES. For each host country and year where a preferred worker count (of workers present, or a number agreed in a contract) and a preferred payment to the Cuban side for one worker exist (what the Cuban state receives, or what the host pays directly to the Cuban state; never a logistics cost, a fee, an allowance or a whole budget), cubaexports multiplies them: workers x US dollars per worker per month x 12 gives an implied annual payment to the Cuban side. Bounds and qualifiers propagate (a lower bound stays a lower bound). The count and the rate may cover different groups of workers or parts of the year; the method names every caveat; read it and the rows the obs_ids name before using a value.",
		Key("host_country", "year")))
	_ = Register(MustTable[MacroIndicator](MacroName, "Macroeconomic indicators",
		"Cuba's economy around the figures: GDP, exports of goods and services and merchandise exports by year, as the World Bank's World Development Indicators publish them, extracted from the World Bank's files on every run (never curated by hand). One row per country, year and indicator; a declared series break splits a series into segments (series_breaks).",
		IDPrefix("mac")))
	_ = Register(MustTable[MacroShare](MacroSharesName, "Macro shares (derived)",
		"DERIVED FIGURES, NOT REPORTED ONES. Per year, Cuba's official service-export revenue (the preferred revenue row) as a share of GDP and of exports of goods and services, exports in US dollars as share x GDP, and merchandise exports subtracted from total exports as a rough residual; every input is a row of the same year of revenue or macro_indicators, named by its obs_id, and every value says how it was computed.",
		Key("year")))
	_ = Register(MustTable[SeriesBreak](SeriesBreaksName, "Series breaks (declared)",
		"Breaks declared by cubaexports in the macroeconomic series: from the year given on, a series is not comparable with its earlier values (e.g. Cuba's GDP in US dollars after the currency unification of 2021). No derived share and no chart joins values across a break.",
		Key("country", "indicator", "year")))
)

// registry is the list of published tables, in the order they were
// registered (the release order).
var registry struct {
	mu     sync.Mutex
	tables []*Table
}

// Register adds t to the published tables, after those registered
// before it, and returns it. It panics when a table of the same name or
// row type is registered already (a programming error). Tables are
// registered while packages initialize: the declarations above, or a
// test's extra table.
func Register(t *Table) *Table {
	registry.mu.Lock()
	defer registry.mu.Unlock()
	for _, o := range registry.tables {
		if o.Name == t.Name || o.rowType == t.rowType {
			panic(fmt.Sprintf("schemas: table %s (%s) registered twice", t.Name, t.rowType))
		}
	}
	registry.tables = append(registry.tables, t)
	return t
}

// All returns the published tables in release order.
func All() []*Table {
	registry.mu.Lock()
	defer registry.mu.Unlock()
	return append([]*Table(nil), registry.tables...)
}

// ByName returns the published table called name.
func ByName(name string) (*Table, bool) {
	for _, t := range All() {
		if t.Name == name {
			return t, true
		}
	}
	return nil, false
}

// ByRowType returns the published table whose rows are of type rt.
func ByRowType(rt reflect.Type) (*Table, bool) {
	for _, t := range All() {
		if t.rowType == rt {
			return t, true
		}
	}
	return nil, false
}

// TableOf returns the published table whose rows are T; it panics when
// no table has that row type (a programming error).
func TableOf[T any]() *Table {
	t, ok := ByRowType(reflect.TypeFor[T]())
	if !ok {
		panic("schemas: no published table has rows of type " + reflect.TypeFor[T]().String())
	}
	return t
}
