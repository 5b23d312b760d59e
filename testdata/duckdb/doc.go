// Package duckdb holds the independent-reader check of a cubaexports
// release: it builds the real cubaexports binary from the parent module,
// runs `cubaexports release` as a user would, and has DuckDB (a Parquet
// and CSV reader that shares no code with cubaexports) read every
// data/<table>.parquet and data/<table>.csv of the new release. The test
// fails unless both files of a table hold the same columns, in the same
// order, and the same rows with the same values; unless every fact row
// (revenue, contract_rates, worker_counts) carries a source_id, a
// snapshot_sha256 and a locator; and unless each Parquet footer names its
// table and describes its columns.
//
// It is a separate Go module, inside a testdata directory, so that the
// cubaexports module itself does not depend on DuckDB (a cgo driver with a
// large static library): `go test ./...` and `go build` of the main module
// ignore this directory. Run it with `make duckdb`, or
//
//	cd testdata/duckdb && go test -count=1 ./...
//
// It needs cgo and a C/C++ toolchain; the first build links DuckDB's
// static library and takes noticeably longer than later runs.
package duckdb
