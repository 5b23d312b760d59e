// Package sources is the registry of source kinds and the catalog of
// their entries.
//
// A source kind (curated sheets, yearbook tables, the World Bank API ...)
// is one package that declares one Kind (name, version, format,
// capabilities, Open) and registers it once. A catalog entry is one entry
// of catalog.yaml, decoded strictly and opened by its kind when the
// catalog loads: adding a source of an existing kind is one catalog entry,
// not code. The entry's documents are what its kind reads; the documents
// its rows cite are rows of the sources table.
package sources
