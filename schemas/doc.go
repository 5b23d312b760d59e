// Package schemas declares every table cubaexports publishes, once.
//
// A table is a Go struct whose fields carry the column name (the gocsv
// "csv" tag), a description, a unit, a vocabulary and a role. From that
// single declaration the package derives the CSV header and row encoding
// (through gocsv), the Arrow schema and records, the Parquet key/value
// metadata, the Frictionless Table Schema and the Markdown codebook, so
// the artifacts of a release cannot disagree about a column.
//
// The package also holds the controlled vocabularies (concepts,
// observation types, qualifiers, periods, measures, payment routes,
// publisher types, professions with ISCO-08 codes ...). A value outside a
// vocabulary is an error, never a silently accepted string.
package schemas
