// Package worldbank is the source kind for the World Bank's World
// Development Indicators, read the two ways the World Bank publishes them:
//
//   - mode api: the Indicators API v2 (JSON). A response is a two-element
//     array [paging metadata, rows]; the kind fetches every page
//     (the entry's sources.Reader.List), each page its own snapshot "page-N.json". An
//     error comes back as HTTP 200 with a "message" array, and a query
//     without data as [metadata, null]: both are errors, never zero rows.
//   - mode bulk: the bulk CSV download (a ZIP holding API_<indicator>_*.csv
//     and two Metadata files, or the CSV itself), read record by record
//     with its quirks: byte order mark, preamble lines, trailing comma,
//     empty cells for missing years, scientific notation, aggregates
//     mixed with countries.
//
// The catalog's params say which indicator, which years, and which table
// the figures go to: exchange rates (fx_rates, one row per configured
// currency and year), Cuba's revenue (one row per year, a missing value
// kept as a row with status not_available), or macro_indicators (one row
// per configured country and year with a value). Every document also
// gives one sources row describing it.
//
// The bulk reader also reads datahub's long layout of the WDI
// (Country Name,Country Code,Year,Value), recognised by its header: the
// three real files of Cuba's GDP, exports share and merchandise exports
// are embedded as the bootstrap snapshots of mode-api entries, each with
// its datapackage.json, which must name the entry's indicator.
//
// The real bulk CSV of the official exchange rate (PA.NUS.FCRF, last
// updated 2025-07-01) is embedded as the bootstrap snapshot, so an
// offline build converts currencies with real rates; see data/README.md.
package worldbank
