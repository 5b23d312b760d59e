// Package diff compares releases row by row and says what the difference
// means for the next version.
//
// Compare matches the rows of every table of two sides (a published
// release directory, DirSide, or a build streamed as CSV) by key: obs_id
// in the fact tables, source_id in sources, a table's canonical order
// columns elsewhere. A fact row whose obs_id changed (an identity column
// corrected or added) is paired with its previous version by its passage,
// source_id and locator, and within a passage several rows share by
// closeness (see TableDiff.pair): a changed row, not a removal and an addition. The Diff lists the schema changes, the rows added
// and removed and every changed cell, and carries the Bump it calls for
// (MAJOR for a table or column removed, renamed or retyped; MINOR for
// new tables, columns, rows or sources and for upstream revisions; PATCH
// for corrections of curated values and metadata). Diff.Regressions is
// the regression gate: rows lost and values moved too far. A Diff is
// written as text, JSON or CSV (the diff command) and, with the gate's
// findings, as a version's CHANGELOG.md (Changelog). FindRow reads one
// fact row of a release; Follow finds it in a series of releases, across
// re-identifications, for its history.
//
// The package reads release directories but knows nothing of OUT's
// layout, the index or version numbers beyond the level of a change:
// package release numbers, writes and indexes versions and imports this
// one.
package diff
