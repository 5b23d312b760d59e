// Package invariants holds the data tests of a release: properties every
// release must have, checked over its rows after the build (as PUDL runs
// such checks on every build). Each invariant is a function over the rows
// that returns the rows that break it; a test builds the embedded release
// and runs every one, and each has a unit test that seeds a bad row.
package invariants
