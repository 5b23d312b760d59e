// Package curated is the source kind for the researchers' observation
// sheets: one CSV file per table (revenue.csv, contract_rates.csv,
// worker_counts.csv, sources.csv), or one XLSX workbook with a sheet per
// table, with exactly the input columns the schemas declare. Each row
// cites a document of the sources sheet and says where in it the figure
// stands. The project's own sheets are embedded, so the binary runs
// offline.
package curated
