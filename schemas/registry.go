package schemas

import "sync"

// Table names, as published (file names in a release).
const (
	RevenueName       = "revenue"
	ContractRatesName = "contract_rates"
	WorkerCountsName  = "worker_counts"
	SourcesName       = "sources"
	FXRatesName       = "fx_rates"
	CPIName           = "us_cpi"
	HostEstimatesName = "host_estimates"
)

// tables is the registry of published tables, built once.
var tables = sync.OnceValue(func() []*Table {
	return []*Table{
		MustTable[Revenue](RevenueName, "Service-export revenue",
			"Earnings of the Cuban state from exports of services (all services, health services, professional services), by year or period and, where known, by host country. One row per figure per source: figures that disagree are all kept."),
		MustTable[ContractRate](ContractRatesName, "Contract rates",
			"What a host pays for the work of Cuban professionals, what the worker receives, and the share the state retains, by host country, profession and date, in the currency and period the source gives."),
		MustTable[WorkerCount](WorkerCountsName, "Worker counts",
			"How many Cuban professionals serve abroad, by host country (or worldwide), date, sector and role."),
		MustTable[Source](SourcesName, "Sources",
			"Every document a published figure comes from: title, publisher, kind of publisher, address, language, date, the original source it reports, and its license."),
		MustTable[FXRate](FXRatesName, "Exchange rates",
			"Exchange rates to convert figures to US dollars: annual average units of currency per US dollar, one row per source, currency and year, with its source. Where several sources give a rate for the same currency and year, exactly one row is marked used (docs/comparable.md gives the precedence); the others are kept as cross-checks."),
		MustTable[CPI](CPIName, "US consumer prices",
			"The US consumer price index for all urban consumers (CPI-U, all items, U.S. city average, 1982-84=100), monthly, as the Bureau of Labor Statistics publishes it. Annual averages of these months deflate US-dollar figures to constant dollars."),
		MustTable[HostEstimate](HostEstimatesName, "Host estimates (derived)",
			"DERIVED ESTIMATES, NOT REPORTED FIGURES. For each host country and year where a preferred worker count (of workers present, or a number agreed in a contract) and a preferred host-pays rate exist, cubaexports multiplies them: workers x US dollars per worker per month x 12 gives an implied annual gross payment by the host. Bounds propagate the ranges of both inputs. The count and the rate may cover different groups of workers or parts of the year; read the method and the rows the obs_ids name before using a value."),
	}
})

// All returns the published tables in release order.
func All() []*Table { return tables() }

// ByName returns the published table called name.
func ByName(name string) (*Table, bool) {
	for _, t := range tables() {
		if t.Name == name {
			return t, true
		}
	}
	return nil, false
}
