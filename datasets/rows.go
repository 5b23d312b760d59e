package datasets

import (
	"cmp"
	"slices"

	"github.com/cubaexports/cubaexports/schemas"
)

// Rows holds the rows of every published table.
type Rows struct {
	Revenue       []schemas.Revenue
	ContractRates []schemas.ContractRate
	WorkerCounts  []schemas.WorkerCount
	Sources       []schemas.Source
	FXRates       []schemas.FXRate
	CPI           []schemas.CPI
	HostEstimates []schemas.HostEstimate
}

// Append adds the rows of o to r.
func (r *Rows) Append(o Rows) {
	r.Revenue = append(r.Revenue, o.Revenue...)
	r.ContractRates = append(r.ContractRates, o.ContractRates...)
	r.WorkerCounts = append(r.WorkerCounts, o.WorkerCounts...)
	r.Sources = append(r.Sources, o.Sources...)
	r.FXRates = append(r.FXRates, o.FXRates...)
	r.CPI = append(r.CPI, o.CPI...)
	r.HostEstimates = append(r.HostEstimates, o.HostEstimates...)
}

// Len is the number of rows in all tables.
func (r *Rows) Len() int {
	return len(r.Revenue) + len(r.ContractRates) + len(r.WorkerCounts) + len(r.Sources) + len(r.FXRates) +
		len(r.CPI) + len(r.HostEstimates)
}

// Counts is the number of rows per table name.
func (r *Rows) Counts() map[string]int {
	return map[string]int{
		schemas.RevenueName:       len(r.Revenue),
		schemas.ContractRatesName: len(r.ContractRates),
		schemas.WorkerCountsName:  len(r.WorkerCounts),
		schemas.SourcesName:       len(r.Sources),
		schemas.FXRatesName:       len(r.FXRates),
		schemas.CPIName:           len(r.CPI),
		schemas.HostEstimatesName: len(r.HostEstimates),
	}
}

// Sort puts every table in its canonical order: fact tables by obs_id,
// sources by source_id, exchange rates by currency, year and source, CPI
// by year and month, host estimates by host and year. Ties
// cannot happen in valid data (keys are unique); they keep input order.
func (r *Rows) Sort() {
	slices.SortStableFunc(r.Revenue, func(a, b schemas.Revenue) int { return cmp.Compare(a.ObsID, b.ObsID) })
	slices.SortStableFunc(r.ContractRates, func(a, b schemas.ContractRate) int { return cmp.Compare(a.ObsID, b.ObsID) })
	slices.SortStableFunc(r.WorkerCounts, func(a, b schemas.WorkerCount) int { return cmp.Compare(a.ObsID, b.ObsID) })
	slices.SortStableFunc(r.Sources, func(a, b schemas.Source) int { return cmp.Compare(a.SourceID, b.SourceID) })
	slices.SortStableFunc(r.FXRates, func(a, b schemas.FXRate) int {
		return cmp.Or(cmp.Compare(a.Currency, b.Currency), cmp.Compare(a.Year, b.Year), cmp.Compare(a.SourceID, b.SourceID))
	})
	slices.SortStableFunc(r.CPI, func(a, b schemas.CPI) int {
		return cmp.Or(cmp.Compare(a.Year, b.Year), cmp.Compare(a.Month, b.Month), cmp.Compare(a.SourceID, b.SourceID))
	})
	slices.SortStableFunc(r.HostEstimates, func(a, b schemas.HostEstimate) int {
		return cmp.Or(cmp.Compare(a.HostCountry, b.HostCountry), cmp.Compare(a.Year, b.Year))
	})
}
