package duckdb_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The checks run on a release must be able to fail. These tests give them
// a Parquet file written by DuckDB itself and CSV files written the way
// cubaexports writes them (Go's encoding/csv, floats in Go's shortest
// form, RFC 3339 UTC timestamps, nulls as empty cells), first equal, then
// each differing in one small way, and require the right verdict.

const fixtureSHA = "abb53bf200af1efdd62ed782e49af53f188c64a7b1d1c1d37f1f3c01cc9ae936"

var fixtureHeader = []string{"obs_id", "year", "value", "preferred", "note", "source_id", "snapshot_sha256", "locator", "retrieved_at"}

// fixtureCSV is the CSV twin of the Parquet file writeFixtureParquet writes.
var fixtureCSV = [][]string{
	{"a1", "2020", "6.4", "true", "note, with \"quotes\"\nand a new line", "src_1", fixtureSHA, "p. 3", "2026-11-26T00:00:00Z"},
	// The empty string in the Parquet file is an empty cell, like NULL.
	{"a2", "2021", "4882234500", "", "", "src_2", fixtureSHA, "table 1, cell C12", "2026-11-26T00:00:00.123Z"},
	{"a3", "2022", "0.30000000000000004", "false", "", "src_3", fixtureSHA, "json=$[1][12]", "2026-01-01T00:00:00Z"},
	{"a4", "2023", "", "", "é ü ñ", "src_3", fixtureSHA, "  leading and trailing  ", "2026-01-01T00:00:00Z"},
}

func writeFixtureParquet(t *testing.T, conn querier, path, table, locatorA1 string) {
	t.Helper()
	kv := []string{"'cubaexports.table': " + quoteString(table)}
	for _, c := range fixtureHeader {
		kv = append(kv, quoteString("cubaexports.column."+c+".description")+": 'about "+c+"'")
	}
	q := `COPY (
		SELECT obs_id, year::BIGINT AS year, value::DOUBLE AS value, preferred::BOOLEAN AS preferred, note,
		       source_id, snapshot_sha256, locator, retrieved_at::TIMESTAMPTZ AS retrieved_at
		FROM (VALUES
			('a1', 2020, 6.4, true, 'note, with "quotes"' || chr(10) || 'and a new line', 'src_1', '` + fixtureSHA + `', ` + quoteString(locatorA1) + `, '2026-11-26T00:00:00Z'),
			('a2', 2021, 4882234500, NULL, '', 'src_2', '` + fixtureSHA + `', 'table 1, cell C12', '2026-11-26T00:00:00.123Z'),
			('a3', 2022, 0.1::DOUBLE + 0.2::DOUBLE, false, NULL, 'src_3', '` + fixtureSHA + `', 'json=$[1][12]', '2026-01-01T00:00:00Z'),
			('a4', 2023, NULL, NULL, 'é ü ñ', 'src_3', '` + fixtureSHA + `', '  leading and trailing  ', '2026-01-01T00:00:00Z')
		) AS t(obs_id, year, value, preferred, note, source_id, snapshot_sha256, locator, retrieved_at)
	) TO ` + quoteString(path) + ` (FORMAT parquet, KV_METADATA {` + strings.Join(kv, ", ") + `})`
	rs, err := conn.QueryContext(t.Context(), q)
	if err != nil {
		t.Fatalf("write fixture Parquet: %v", err)
	}
	rs.Close()
}

func writeCSV(t *testing.T, path string, header []string, rows [][]string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	w.Write(header)
	w.WriteAll(rows)
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func cloneRows(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = slices.Clone(r)
	}
	return out
}

func TestCompareTableVerdicts(t *testing.T) {
	conn := openDuckDB(t)
	dir := t.TempDir()
	pq := filepath.Join(dir, "fixture.parquet")
	writeFixtureParquet(t, conn, pq, "fixture", "p. 3")

	col := func(name string) int { return slices.Index(fixtureHeader, name) }
	cases := []struct {
		name   string
		header func([]string) []string
		rows   func([][]string) [][]string
		want   string // "" for equal; otherwise a part of the error
	}{
		{name: "equal", want: ""},
		{name: "float one ulp off", rows: func(r [][]string) [][]string { r[2][col("value")] = "0.3"; return r },
			want: "data row 3 (obs_id=\"a3\"): value: parquet 0.30000000000000004, csv 0.3"},
		{name: "timestamp one millisecond off", rows: func(r [][]string) [][]string { r[1][col("retrieved_at")] = "2026-11-26T00:00:00.124Z"; return r },
			want: "retrieved_at: parquet 2026-11-26T00:00:00.123Z, csv 2026-11-26T00:00:00.124Z"},
		{name: "same instant in another offset", rows: func(r [][]string) [][]string { r[0][col("retrieved_at")] = "2026-11-26T01:00:00+01:00"; return r },
			want: ""},
		{name: "boolean flipped", rows: func(r [][]string) [][]string { r[0][col("preferred")] = "false"; return r },
			want: `preferred: parquet "true", csv "false"`},
		{name: "null becomes a value", rows: func(r [][]string) [][]string { r[1][col("preferred")] = "true"; return r },
			want: `preferred: parquet NULL, csv "true"`},
		{name: "empty string becomes text", rows: func(r [][]string) [][]string { r[1][col("note")] = "x"; return r },
			want: "note: parquet NULL, csv \"x\""},
		{name: "formula escape undone before comparing", rows: func(r [][]string) [][]string { r[1][col("note")] = "'=x"; return r },
			want: "note: parquet NULL, csv \"=x\""},
		{name: "whitespace", rows: func(r [][]string) [][]string { r[3][col("locator")] = "leading and trailing"; return r },
			want: "data row 4"},
		{name: "integer", rows: func(r [][]string) [][]string { r[0][col("year")] = "2019"; return r },
			want: `year: parquet "2020", csv "2019"`},
		{name: "row missing", rows: func(r [][]string) [][]string { return r[:3] },
			want: "4 rows in fixture.parquet, 3 in fixture.csv"},
		{name: "row duplicated in place of another", rows: func(r [][]string) [][]string { r[2] = slices.Clone(r[0]); return r },
			want: "have no equal row in the"},
		{name: "rows in another order", rows: func(r [][]string) [][]string { r[0], r[1] = r[1], r[0]; return r },
			want: "the same rows, in a different order"},
		{name: "column renamed", header: func(h []string) []string { h[col("note")] = "notes"; return h },
			want: "columns differ"},
		{name: "columns swapped", header: func(h []string) []string {
			h[col("source_id")], h[col("locator")] = h[col("locator")], h[col("source_id")]
			return h
		}, rows: func(r [][]string) [][]string {
			for _, row := range r {
				row[col("source_id")], row[col("locator")] = row[col("locator")], row[col("source_id")]
			}
			return r
		}, want: "columns differ"},
		{name: "integer with a fraction", rows: func(r [][]string) [][]string { r[0][col("year")] = "2020.5"; return r },
			want: `year: parquet "2020", csv "2020.5"`},
		{name: "integer as a float", rows: func(r [][]string) [][]string { r[0][col("year")] = "2020.0"; return r },
			want: `year: parquet "2020", csv "2020.0"`},
		{name: "boolean spelt otherwise", rows: func(r [][]string) [][]string { r[0][col("preferred")] = "t"; return r },
			want: `preferred: parquet "true", csv "t"`},
		{name: "cell not of the Parquet type", rows: func(r [][]string) [][]string { r[0][col("value")] = "six"; return r },
			want: "typed as the Parquet columns"},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sub := filepath.Join(dir, strings.Repeat("x", i+1))
			if err := os.Mkdir(sub, 0o755); err != nil {
				t.Fatal(err)
			}
			header, rows := slices.Clone(fixtureHeader), cloneRows(fixtureCSV)
			if tc.header != nil {
				header = tc.header(header)
			}
			if tc.rows != nil {
				rows = tc.rows(rows)
			}
			c := filepath.Join(sub, "fixture.csv")
			writeCSV(t, c, header, rows)
			_, err := compareTable(t.Context(), conn, "fixture", pq, c, nil)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("want equal, got: %v", err)
			case tc.want != "" && err == nil:
				t.Errorf("want a difference (%s), got none", tc.want)
			case tc.want != "" && !strings.Contains(err.Error(), tc.want):
				t.Errorf("error does not mention %q:\n%v", tc.want, err)
			case err != nil && !strings.HasPrefix(err.Error(), "fixture: "):
				t.Errorf("error does not name the table:\n%v", err)
			}
		})
	}
}

func TestProvenanceAndFooterVerdicts(t *testing.T) {
	conn := openDuckDB(t)
	dir := t.TempDir()

	good := filepath.Join(dir, "good.parquet")
	writeFixtureParquet(t, conn, good, "fixture", "p. 3")
	if err := checkProvenance(t.Context(), conn, "fixture", good); err != nil {
		t.Errorf("provenance of a good file: %v", err)
	}
	if err := checkFooter(t.Context(), conn, "fixture", good); err != nil {
		t.Errorf("footer of a good file: %v", err)
	}
	if err := checkFooter(t.Context(), conn, "revenue", good); err == nil || !strings.Contains(err.Error(), "cubaexports.table") {
		t.Errorf("footer naming another table: got %v", err)
	}

	noLocator := filepath.Join(dir, "nolocator.parquet")
	writeFixtureParquet(t, conn, noLocator, "fixture", "")
	err := checkProvenance(t.Context(), conn, "fixture", noLocator)
	if err == nil || !strings.Contains(err.Error(), `1 of 4 fact rows`) || !strings.Contains(err.Error(), `obs_id="a1"`) {
		t.Errorf("provenance with an empty locator: got %v", err)
	}
}
