package schemas

import "sync"

// Table names, as published (file names in a release).
const (
	RevenueName       = "revenue"
	ContractRatesName = "contract_rates"
	WorkerCountsName  = "worker_counts"
	SourcesName       = "sources"
	FXRatesName       = "fx_rates"
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
			"Every exchange rate used to convert a figure to US dollars: annual average units of currency per US dollar, with its source."),
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
