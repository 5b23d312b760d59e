package duckdb_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2" // registers the "duckdb" database/sql driver
)

// sourceDateEpoch fixes the release date (2026-01-01T00:00:00Z) so the
// release is reproducible.
const sourceDateEpoch = "1767225600"

// tables are the tables every release publishes as data/<table>.csv and
// data/<table>.parquet; fx_rates may be empty.
var tables = []string{"revenue", "contract_rates", "worker_counts", "sources", "fx_rates", "us_cpi", "host_estimates",
	"macro_indicators", "macro_shares", "series_breaks"}

// factTables are the tables whose rows are facts: each must have rows, and
// each row must say where it comes from.
var factTables = []string{"revenue", "contract_rates", "worker_counts", "macro_indicators"}

// TestReleaseReadByDuckDB builds the cubaexports binary, publishes a
// release into a temporary directory, and has DuckDB check every table of
// it.
func TestReleaseReadByDuckDB(t *testing.T) {
	if testing.Short() {
		t.Skip("builds cubaexports and a release; skipped with -short")
	}
	ctx := t.Context()
	tmp := t.TempDir()

	// 1. Build the real binary from the parent module ...
	bin := buildCubaexports(t, tmp)

	// ... and run it as a user would, from a directory of its own.
	out := filepath.Join(tmp, "out")
	release := exec.CommandContext(ctx, bin, "release", "--out", out)
	release.Dir = tmp
	release.Env = append(os.Environ(), "SOURCE_DATE_EPOCH="+sourceDateEpoch)
	var stdout, stderr bytes.Buffer
	release.Stdout, release.Stderr = &stdout, &stderr
	if err := release.Run(); err != nil {
		t.Fatalf("cubaexports release --out %s: %v (exit code 0 expected)\nstdout:\n%s\nstderr:\n%s",
			out, err, stdout.Bytes(), stderr.Bytes())
	}
	version, err := latestVersion(filepath.Join(out, "releases", "latest"))
	if err != nil {
		t.Fatalf("cubaexports release wrote no usable releases/latest: %v\nstdout:\n%s\nstderr:\n%s",
			err, stdout.Bytes(), stderr.Bytes())
	}
	dataDir := filepath.Join(out, "releases", version, "data")
	t.Logf("release %s in %s", version, dataDir)

	conn := openDuckDB(t)
	rounded, err := codebookPrecision(filepath.Join(out, "releases", version, "CODEBOOK.md"))
	if err != nil {
		t.Fatal(err)
	}

	// Every table that has a Parquet file is checked; the five tables of a
	// release must all be there, each with its CSV file.
	parquets, err := filepath.Glob(filepath.Join(dataDir, "*.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, p := range parquets {
		found = append(found, strings.TrimSuffix(filepath.Base(p), ".parquet"))
	}
	for _, table := range tables {
		if !slices.Contains(found, table) {
			t.Errorf("%s: release %s has no data/%s.parquet", table, version, table)
		}
	}

	for _, table := range found {
		t.Run(table, func(t *testing.T) {
			pq := filepath.Join(dataDir, table+".parquet")
			csv := filepath.Join(dataDir, table+".csv")
			if _, err := os.Stat(csv); err != nil {
				t.Fatalf("%s: data/%s.parquet has no CSV twin: %v", table, table, err)
			}
			n, err := compareTable(ctx, conn, table, pq, csv, rounded[table])
			if err != nil {
				t.Error(err)
			} else {
				t.Logf("%s: %d rows, the same in Parquet and CSV", table, n)
			}
			if slices.Contains(factTables, table) {
				if err := checkProvenance(ctx, conn, table, pq); err != nil {
					t.Error(err)
				}
			}
			if err := checkFooter(ctx, conn, table, pq); err != nil {
				t.Error(err)
			}
			if table == "host_estimates" {
				if err := checkHostEstimates(ctx, conn, pq); err != nil {
					t.Error(err)
				}
			}
			if table == "macro_indicators" {
				if err := checkMacro(ctx, conn, pq); err != nil {
					t.Error(err)
				}
			}
		})
	}
}

// latestVersion reads releases/latest: a file holding the version, or a
// symbolic link to the version's directory.
func latestVersion(path string) (string, error) {
	fi, err := os.Lstat(path)
	if err != nil {
		return "", err
	}
	var v string
	if fi.Mode()&os.ModeSymlink != 0 {
		target, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		v = filepath.Base(target)
	} else {
		b, err := os.ReadFile(path)
		if err != nil {
			return "", err
		}
		v = strings.TrimSpace(string(b))
	}
	if !strings.HasPrefix(v, "v") || strings.ContainsAny(v, `/\ `) {
		return "", fmt.Errorf("%s holds %q, not a version vX.Y.Z", path, v)
	}
	return v, nil
}

// openDuckDB opens an in-memory DuckDB database and returns one connection
// of it, so that the session settings below hold for every query.
func openDuckDB(t *testing.T) *sql.Conn {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatalf("open duckdb: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	conn, err := db.Conn(t.Context())
	if err != nil {
		t.Fatalf("duckdb connection: %v", err)
	}
	t.Cleanup(func() { conn.Close() })
	for _, q := range []string{
		// A CSV timestamp without an offset would be read in the session
		// time zone; the release's timestamps are UTC.
		"SET TimeZone = 'UTC'",
		// Scans return rows in file order (DuckDB's default, made explicit:
		// the row-by-row comparison below relies on it).
		"SET preserve_insertion_order = true",
	} {
		if _, err := conn.ExecContext(t.Context(), q); err != nil {
			t.Fatalf("duckdb %s: %v", q, err)
		}
	}
	return conn
}

// column is a column as DuckDB describes it.
type column struct {
	name, typ string
}

// textual are the Parquet column types (as DuckDB names them) whose values
// compareTable compares as text; see there.
var textual = map[string]bool{
	"BOOLEAN": true, "TINYINT": true, "SMALLINT": true, "INTEGER": true, "BIGINT": true, "HUGEINT": true,
	"UTINYINT": true, "USMALLINT": true, "UINTEGER": true, "UBIGINT": true, "UHUGEINT": true,
}

// csvDialect is how cubaexports writes CSV (Go's encoding/csv): comma
// separated, double quotes, a quote inside a field doubled, a header line.
// Given explicitly so that DuckDB guesses nothing.
const csvDialect = `header = true, delim = ',', quote = '"', escape = '"'`

// compareTable checks that DuckDB reads the same table from the Parquet and
// the CSV file, and returns its number of rows.
//
// How the two are compared, and why this way:
//
//   - Column names and their order: DESCRIBE of the Parquet file against
//     DESCRIBE of the CSV file read with every column as VARCHAR (so the
//     header is read, not guessed at).
//   - Row counts: count(*) of the Parquet file against count(*) of the CSV
//     file read as all-VARCHAR (no typing can drop or add a row).
//   - Values: the CSV file is read a second time with explicit column types
//     taken from the Parquet schema as DuckDB reads it, no type detection.
//     Floats and timestamps are compared as typed values, never as text:
//     a DOUBLE parsed from Go's shortest round-trip form ("6.4",
//     "4882234500", "1e+21") is exactly the float64 that was written, so
//     equality is bit-exact and no float rendering of DuckDB's has to match
//     Go's; a TIMESTAMP WITH TIME ZONE is compared as an instant. Integers
//     and booleans are compared as text, the Parquet value cast to VARCHAR
//     by DuckDB ("2020", "true": the same text as Go's strconv) against the
//     CSV cell as written, because DuckDB's VARCHAR-to-integer cast would
//     round "2020.5" to 2021 and accept "2020.0", and its boolean cast
//     accepts "t" or "1". Strings are compared as they are. A cell that
//     does not parse as its Parquet type fails the test.
//   - Empty cells: a CSV file cannot tell an empty string from a missing
//     value, and DuckDB reads both an empty and a quoted-empty cell as NULL.
//     So on both sides an empty VARCHAR value is taken as NULL (NULLIF); all
//     other NULLs must match NULLs. (The non-empty provenance fields are
//     checked on the Parquet file itself, by checkProvenance.)
//   - Same rows: `parquet EXCEPT ALL csv` and `csv EXCEPT ALL parquet`
//     must both be empty. EXCEPT ALL is multiset difference (a duplicated
//     or missing row counts) and, as a set operation, treats NULL as equal
//     to NULL, so it is an exact, NULL-safe equality done wholly inside
//     DuckDB.
//   - Same order: the rows are also compared one by one in file order, to
//     name the first differing row and column in a failure, and because the
//     two files of a release are written from the same rows in the same
//     order.
func compareTable(ctx context.Context, q querier, table, pqPath, csvPath string, rounded map[string]int) (int, error) {
	pcols, err := describe(ctx, q, "SELECT * FROM read_parquet(?)", pqPath)
	if err != nil {
		return 0, fmt.Errorf("%s: DuckDB cannot read %s: %w", table, filepath.Base(pqPath), err)
	}
	ccols, err := describe(ctx, q, "SELECT * FROM read_csv(?, all_varchar = true, "+csvDialect+")", csvPath)
	if err != nil {
		return 0, fmt.Errorf("%s: DuckDB cannot read %s: %w", table, filepath.Base(csvPath), err)
	}
	if pn, cn := names(pcols), names(ccols); !slices.Equal(pn, cn) {
		return 0, fmt.Errorf("%s: columns differ:\n  parquet: %s\n  csv:     %s",
			table, strings.Join(pn, ","), strings.Join(cn, ","))
	}

	var pCount, cCount int
	if err := queryRow(ctx, q, "SELECT count(*) FROM read_parquet(?)", []any{pqPath}, &pCount); err != nil {
		return 0, fmt.Errorf("%s: count Parquet rows: %w", table, err)
	}
	if err := queryRow(ctx, q, "SELECT count(*) FROM read_csv(?, all_varchar = true, "+csvDialect+")", []any{csvPath}, &cCount); err != nil {
		return 0, fmt.Errorf("%s: count CSV rows: %w", table, err)
	}

	// The same select list on both sides, over the Parquet file and over
	// the CSV file typed by the Parquet schema.
	pSel := make([]string, len(pcols))
	cSel := make([]string, len(pcols))
	typed := make([]string, len(pcols))
	for i, c := range pcols {
		id := quoteIdent(c.name)
		csvType := c.typ
		d, round := rounded[c.name]
		switch {
		case round:
			// The CSV rounds this column to the precision the codebook
			// states; Parquet holds the full value: compare at that precision.
			dec := fmt.Sprintf("DECIMAL(38, %d)", d)
			csvType = dec
			pSel[i] = fmt.Sprintf("CAST(round(%s, %d) AS %s) AS %s", id, d, dec, id)
			cSel[i] = id
		case c.typ == "VARCHAR":
			pSel[i] = "NULLIF(" + id + ", '') AS " + id
			// The CSV files escape text that a spreadsheet would take for a
			// formula with a leading ' (schemas.EscapeCell); undo it.
			cSel[i] = "NULLIF(CASE WHEN regexp_matches(" + id + `, '^''+[=+@\t\r-]') THEN substr(` + id +
				", 2) ELSE " + id + " END, '') AS " + id
		case textual[c.typ]:
			// Compared as text: the Parquet value rendered by DuckDB
			// against the CSV cell as written.
			csvType = "VARCHAR"
			pSel[i] = "CAST(" + id + " AS VARCHAR) AS " + id
			cSel[i] = "NULLIF(" + id + ", '') AS " + id
		default:
			pSel[i], cSel[i] = id, id
		}
		typed[i] = quoteString(c.name) + ": " + quoteString(csvType)
	}
	pqQuery := "SELECT " + strings.Join(pSel, ", ") + " FROM read_parquet(?)"
	csvQuery := "SELECT " + strings.Join(cSel, ", ") + " FROM read_csv(?, " + csvDialect +
		", auto_detect = false, columns = {" + strings.Join(typed, ", ") + "})"

	// Both files in full, in file order (the CSV file typed as above: a
	// cell that does not parse fails here, with DuckDB naming the line).
	_, prows, err := fetch(ctx, q, pqQuery, pqPath)
	if err != nil {
		return 0, fmt.Errorf("%s: read %s: %w", table, filepath.Base(pqPath), err)
	}
	_, crows, err := fetch(ctx, q, csvQuery, csvPath)
	if err != nil {
		return 0, fmt.Errorf("%s: read %s typed as the Parquet columns {%s}: %w",
			table, filepath.Base(csvPath), strings.Join(typed, ", "), err)
	}

	var errs []error
	if pCount != cCount {
		errs = append(errs, fmt.Errorf("%s: %d rows in %s, %d in %s",
			table, pCount, filepath.Base(pqPath), cCount, filepath.Base(csvPath)))
	}
	for _, d := range []struct {
		query         string
		args          []any
		from, against string
	}{
		{"(" + pqQuery + ") EXCEPT ALL (" + csvQuery + ")", []any{pqPath, csvPath}, "Parquet", "CSV"},
		{"(" + csvQuery + ") EXCEPT ALL (" + pqQuery + ")", []any{csvPath, pqPath}, "CSV", "Parquet"},
	} {
		_, rows, err := fetch(ctx, q, "SELECT * FROM ("+d.query+") ORDER BY ALL", d.args...)
		if err != nil {
			return 0, fmt.Errorf("%s: compare %s with %s: %w", table, d.from, d.against, err)
		}
		if len(rows) > 0 {
			errs = append(errs, fmt.Errorf("%s: %d row(s) of the %s file have no equal row in the %s file; the first: %s",
				table, len(rows), d.from, d.against, formatRow(pcols, rows[0])))
		}
	}

	// Row by row, in file order.
	if e := firstDifference(table, pcols, prows, crows); e != nil {
		if len(errs) == 0 {
			e = fmt.Errorf("%s: the same rows, in a different order: %w", table, e)
		}
		errs = append(errs, e)
	}
	return pCount, errors.Join(errs...)
}

// firstDifference names the first row, counted in file order from 1, at
// which the Parquet and the CSV rows differ, and the columns that differ.
func firstDifference(table string, cols []column, prows, crows [][]any) error {
	for i := 0; i < max(len(prows), len(crows)); i++ {
		switch {
		case i >= len(prows):
			return fmt.Errorf("%s: data row %d is in the CSV file only: %s", table, i+1, formatRow(cols, crows[i]))
		case i >= len(crows):
			return fmt.Errorf("%s: data row %d is in the Parquet file only: %s", table, i+1, formatRow(cols, prows[i]))
		}
		var diffs []string
		for j, c := range cols {
			if !sameValue(prows[i][j], crows[i][j]) {
				diffs = append(diffs, fmt.Sprintf("%s: parquet %s, csv %s",
					c.name, formatValue(prows[i][j]), formatValue(crows[i][j])))
			}
		}
		if len(diffs) > 0 {
			return fmt.Errorf("%s: first differing row is data row %d (%s=%s): %s\n  parquet row: %s\n  csv row:     %s",
				table, i+1, cols[0].name, formatValue(prows[i][0]), strings.Join(diffs, "; "),
				formatRow(cols, prows[i]), formatRow(cols, crows[i]))
		}
	}
	return nil
}

// checkProvenance checks that the fact table has rows and that every row
// says where it comes from: a non-empty source_id and locator, and a
// snapshot_sha256 of 64 lower-case hex digits (a SHA-256).
func checkProvenance(ctx context.Context, q querier, table, pqPath string) error {
	var n int
	if err := queryRow(ctx, q, "SELECT count(*) FROM read_parquet(?)", []any{pqPath}, &n); err != nil {
		return fmt.Errorf("%s: %w", table, err)
	}
	if n == 0 {
		return fmt.Errorf("%s: the fact table has no rows", table)
	}
	cols, rows, err := fetch(ctx, q, `
		SELECT * FROM read_parquet(?)
		WHERE source_id IS NULL OR source_id = ''
		   OR snapshot_sha256 IS NULL OR length(snapshot_sha256) <> 64
		   OR NOT regexp_full_match(snapshot_sha256, '[0-9a-f]{64}')
		   OR locator IS NULL OR locator = ''`, pqPath)
	if err != nil {
		return fmt.Errorf("%s: provenance query: %w", table, err)
	}
	if len(rows) > 0 {
		return fmt.Errorf("%s: %d of %d fact rows lack source_id, snapshot_sha256 (64 hex digits) or locator; the first: %s",
			table, len(rows), n, formatRow(cols, rows[0]))
	}
	return nil
}

// checkFooter checks the Parquet footer's key-value metadata: the key
// cubaexports.table holds the table's name, and every column has a
// non-empty cubaexports.column.<name>.description.
func checkFooter(ctx context.Context, q querier, table, pqPath string) error {
	_, rows, err := fetch(ctx, q, "SELECT key, value FROM parquet_kv_metadata(?)", pqPath)
	if err != nil {
		return fmt.Errorf("%s: read Parquet key-value metadata: %w", table, err)
	}
	kv := map[string][]string{}
	for _, r := range rows {
		// parquet_kv_metadata returns BLOBs; the keys and values are UTF-8.
		k, v := blobString(r[0]), blobString(r[1])
		kv[k] = append(kv[k], v)
	}
	var errs []error
	if got := kv["cubaexports.table"]; len(got) != 1 || got[0] != table {
		errs = append(errs, fmt.Errorf("%s: Parquet footer key cubaexports.table = %q, want [%q]", table, got, table))
	}
	cols, err := describe(ctx, q, "SELECT * FROM read_parquet(?)", pqPath)
	if err != nil {
		return fmt.Errorf("%s: %w", table, err)
	}
	var missing []string
	for _, c := range cols {
		d := kv["cubaexports.column."+c.name+".description"]
		if len(d) != 1 || strings.TrimSpace(d[0]) == "" {
			missing = append(missing, c.name)
		}
	}
	if len(missing) > 0 {
		errs = append(errs, fmt.Errorf("%s: Parquet footer has no cubaexports.column.<name>.description for %s",
			table, strings.Join(missing, ", ")))
	}
	return errors.Join(errs...)
}

// querier is a *sql.DB or a *sql.Conn.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// describe returns the columns of the query's result, in order.
func describe(ctx context.Context, q querier, query string, args ...any) ([]column, error) {
	_, rows, err := fetch(ctx, q, "SELECT column_name, column_type FROM (DESCRIBE "+query+")", args...)
	if err != nil {
		return nil, err
	}
	cols := make([]column, len(rows))
	for i, r := range rows {
		name, ok1 := r[0].(string)
		typ, ok2 := r[1].(string)
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("DESCRIBE row %v: want two strings", r)
		}
		cols[i] = column{name, typ}
	}
	return cols, nil
}

// fetch runs the query and returns its columns (names only) and all its
// rows, in the order DuckDB returns them.
func fetch(ctx context.Context, q querier, query string, args ...any) ([]column, [][]any, error) {
	rs, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, nil, err
	}
	defer rs.Close()
	names, err := rs.Columns()
	if err != nil {
		return nil, nil, err
	}
	cols := make([]column, len(names))
	for i, n := range names {
		cols[i] = column{name: n}
	}
	var rows [][]any
	for rs.Next() {
		row := make([]any, len(names))
		ptrs := make([]any, len(names))
		for i := range row {
			ptrs[i] = &row[i]
		}
		if err := rs.Scan(ptrs...); err != nil {
			return nil, nil, err
		}
		rows = append(rows, row)
	}
	return cols, rows, rs.Err()
}

func queryRow(ctx context.Context, q querier, query string, args []any, dest ...any) error {
	rs, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rs.Close()
	if !rs.Next() {
		if err := rs.Err(); err != nil {
			return err
		}
		return sql.ErrNoRows
	}
	if err := rs.Scan(dest...); err != nil {
		return err
	}
	return rs.Close()
}

// sameValue reports whether two values scanned from DuckDB are equal:
// floats bit for bit up to NaN and signed zero, timestamps as instants.
func sameValue(a, b any) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	switch x := a.(type) {
	case float64:
		y, ok := b.(float64)
		return ok && (x == y || math.IsNaN(x) && math.IsNaN(y))
	case time.Time:
		y, ok := b.(time.Time)
		return ok && x.Equal(y)
	case []byte:
		y, ok := b.([]byte)
		return ok && bytes.Equal(x, y)
	}
	return reflect.DeepEqual(a, b)
}

func formatRow(cols []column, row []any) string {
	parts := make([]string, len(row))
	for i, v := range row {
		name := fmt.Sprint(i)
		if i < len(cols) {
			name = cols[i].name
		}
		parts[i] = name + "=" + formatValue(v)
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func formatValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case string:
		return strconv.Quote(x)
	case []byte:
		return strconv.Quote(string(x))
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano)
	}
	return fmt.Sprint(v)
}

func blobString(v any) string {
	switch x := v.(type) {
	case []byte:
		return string(x)
	case string:
		return x
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

func names(cols []column) []string {
	n := make([]string, len(cols))
	for i, c := range cols {
		n[i] = c.name
	}
	return n
}

func quoteIdent(s string) string  { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
func quoteString(s string) string { return `'` + strings.ReplaceAll(s, `'`, `''`) + `'` }

// checkHostEstimates has DuckDB recompute every implied revenue of the
// derived host_estimates table from its workers and rate (x 12 months),
// bounds included; the table must not be empty.
func checkHostEstimates(ctx context.Context, conn *sql.Conn, pq string) error {
	var n, bad int
	q := fmt.Sprintf(`SELECT count(*), count(*) FILTER (WHERE
		abs(implied_revenue_usd_low - workers_low * host_pays_usd_low * 12) > 1e-6 * implied_revenue_usd_low OR
		abs(implied_revenue_usd_high - workers_high * host_pays_usd_high * 12) > 1e-6 * implied_revenue_usd_high OR
		(implied_revenue_usd IS NOT NULL AND abs(implied_revenue_usd - workers * host_pays_usd_per_worker_month * 12) > 1e-6 * implied_revenue_usd))
		FROM read_parquet('%s')`, strings.ReplaceAll(pq, "'", "''"))
	if err := conn.QueryRowContext(ctx, q).Scan(&n, &bad); err != nil {
		return fmt.Errorf("host_estimates: %w", err)
	}
	if n == 0 || bad > 0 {
		return fmt.Errorf("host_estimates: %d rows, %d whose implied revenue is not workers x rate x 12", n, bad)
	}
	return nil
}

// checkMacro has DuckDB read Cuba's 2019 GDP and exports share from the
// macro_indicators Parquet file: the values of the World Bank's files
// (issue 23's acceptance), each with a locator of its line.
func checkMacro(ctx context.Context, conn *sql.Conn, pq string) error {
	for ind, want := range map[string]float64{"NY.GDP.MKTP.CD": 103427600000, "NE.EXP.GNFS.ZS": 12.2133743797594} {
		var got float64
		var loc string
		q := fmt.Sprintf(`SELECT value, locator FROM read_parquet('%s') WHERE country = 'CUB' AND year = 2019 AND indicator = '%s'`,
			strings.ReplaceAll(pq, "'", "''"), ind)
		if err := conn.QueryRowContext(ctx, q).Scan(&got, &loc); err != nil {
			return fmt.Errorf("macro_indicators %s 2019: %w", ind, err)
		}
		if got != want || !strings.HasPrefix(loc, "csv=row ") {
			return fmt.Errorf("macro_indicators %s 2019: %v at %q, want %v at a csv row", ind, got, loc, want)
		}
	}
	return nil
}

// buildCubaexports builds the cubaexports binary of the parent module
// into dir and returns its path.
func buildCubaexports(t *testing.T, dir string) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "cubaexports")
	build := exec.CommandContext(t.Context(), "go", "build", "-o", bin, "./cmd/cubaexports")
	build.Dir = root
	build.Env = append(os.Environ(), "GOWORK=off")
	start := time.Now()
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/cubaexports in %s: %v\n%s", root, err, out)
	}
	t.Logf("built cubaexports in %v", time.Since(start).Round(time.Millisecond))
	return bin
}
