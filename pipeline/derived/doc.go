// Package derived computes the figures a release derives from the
// reported ones, so that figures in different currencies, years and
// periods can be compared (docs/comparable.md): the exchange rate used for
// every currency-year, US dollars and constant US dollars, US dollars per
// worker per month, the preferred row of every quantity, the
// host_estimates table, and the cross-checks the changelog reports.
//
// It is a pure function of the rows: it reads no documents and no
// configuration besides the base year of constant dollars.
package derived
