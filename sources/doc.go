// Package sources is the registry of source kinds and the catalog of
// concrete sources.
//
// A source kind (curated sheets, yearbook tables, the World Bank API ...)
// is one package that implements Extractor and calls Register once. A
// concrete source is one entry of catalog.yaml, decoded strictly: adding a
// source of an existing kind is one catalog entry, not code.
package sources
