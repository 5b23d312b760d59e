// Package datasets is what a release contains: the typed rows of every
// published table (the fact tables held column by column in Columns, so
// a million rows take little memory and no garbage-collector scan), the
// dataset's metadata (title, description, license, authors), the
// identifiers that keep an observation the same across releases, and the
// ordering that makes every written file deterministic.
package datasets
