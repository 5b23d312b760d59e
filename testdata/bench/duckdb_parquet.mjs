// DuckDB's reference time for the scale benchmark (issue 7, item 9): the
// same synthetic contract_rates.csv converted to Parquet.
//
//	cd testdata/bench && npm install        # @duckdb/node-api, pinned in package.json
//	/usr/bin/time -v node duckdb_parquet.mjs IN.csv OUT.parquet
//
// Prints the wall time of the COPY (and of the whole script, including
// starting DuckDB); peak RSS comes from /usr/bin/time -v.
import { DuckDBInstance } from '@duckdb/node-api';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node duckdb_parquet.mjs IN.csv OUT.parquet');
  process.exit(2);
}
const quote = (s) => "'" + s.replaceAll("'", "''") + "'";
const t0 = performance.now();
const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
const t1 = performance.now();
await conn.run(`COPY (SELECT * FROM read_csv(${quote(input)})) TO ${quote(output)} (FORMAT parquet)`);
const t2 = performance.now();
const reader = await conn.runAndReadAll(`SELECT count(*) AS n FROM read_parquet(${quote(output)})`);
const n = Number(reader.getRows()[0][0]);
console.log(`duckdb CSV -> Parquet: ${n} rows; copy ${((t2 - t1) / 1000).toFixed(2)}s, with start-up ${((t2 - t0) / 1000).toFixed(2)}s, ${Math.round(n / ((t2 - t1) / 1000))} rows/s`);
conn.closeSync?.();
