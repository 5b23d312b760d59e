// Package zenodo deposits cubaexports releases on Zenodo (zenodo.org, or
// its sandbox) through the deposit REST API, so that every version has a
// DOI and a copy kept outside our own servers.
//
// A version's DOI is inside its files, so it must be known before the
// version is sealed: Reserve creates a draft deposition with a
// pre-reserved DOI (a new version of the previous deposition after the
// first) and is handed to release.Write as its ReserveDOI. Publish then
// uploads the sealed version's exact bytes to the draft, compares the MD5
// checksums Zenodo lists with the local files and publishes the draft.
// A journal next to index.json (OUT/releases/zenodo.json) records each
// step, so that an interrupted reservation or deposit resumes without a
// second deposition or DOI; a deposited version is recognised and
// skipped, and one whose deposited files differ from the local release
// is an error. docs/publishing.md describes the order and the recovery
// from each interruption.
package zenodo
