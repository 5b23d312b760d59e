// Package coverage reports what a published release holds, read from its
// CSV files: which host countries have worker counts and contract rates,
// in which years; which revenue concepts each year has; how many figures
// of each observation type every fact table carries.
//
// It reads only the published tables, never the pipeline's internal rows,
// so the report describes exactly what a user downloads. docs/data.md's
// coverage section is this report of the embedded release, kept in step
// by the command-line tests.
package coverage
