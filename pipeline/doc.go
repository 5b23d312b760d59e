// Package pipeline wires the stages of cubaexports: it reads the catalog
// and configuration, gathers each source's documents, has the source kinds
// extract typed rows, stamps their provenance, normalizes countries and
// currencies, derives what can be derived, validates, and hands the tables
// to the release writer. Stages do not call each other; only Run does.
package pipeline
