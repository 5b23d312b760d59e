// Package release turns validated rows into an immutable, versioned release
// directory and checks one that is already on disk.
//
// A release is a directory OUT/releases/vMAJOR.MINOR.PATCH holding one CSV
// and one Parquet file per published table (same rows, same order), an
// Excel workbook with a sheet per table, a Frictionless Data Package
// descriptor, a CITATION.cff, the codebook, a
// CHANGELOG.md generated from the diff against the previous version, a
// provenance record and a SHA256SUMS file. Next to the versions,
// OUT/releases/index.json lists every version and OUT/releases/latest names
// the newest; latest is the only file that ever changes.
//
// Write is deterministic: the same Input gives byte-identical files. It
// writes a version into a temporary directory, verifies it, and renames it
// into place only when it is complete; a published version is never
// overwritten. When the tables are byte-identical to the latest release
// (same fingerprint), Write writes nothing. Verify re-checks a published
// version: checksums, Parquet against CSV, the descriptor's sizes and
// hashes, and the descriptor against the Data Package v2 profile;
// VerifySignature checks the optional ed25519 signature SHA256SUMS.sig
// (written when Input.SignKey is set). Cite
// prints a version's citation (APA, BibTeX, RIS, CFF, DataCite JSON),
// formatted by package cite.
//
// The version is computed from the level of a row-level diff against the
// previous release, and the regression gate stops a release that loses
// rows or moves values too far unless a reason is given; both, and the
// CHANGELOG.md, are package diff's. DiffVersions and History read
// published versions back through it.
//
// Write and Verify do not lock OUT; the caller (the scheduler's run lock)
// makes sure only one Write runs on an OUT directory at a time.
package release
