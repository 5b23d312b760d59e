// Package validate checks assembled tables before anything is released:
// types and required columns, vocabularies and code lists, patterns,
// primary keys and duplicates, foreign keys into the sources table,
// consistency of values, bounds and qualifiers, and plausible ranges.
//
// It collects every finding before deciding, like restic's check: any
// error blocks the release; warnings ship with it. Each finding names the
// file, row, column, value and rule.
package validate
