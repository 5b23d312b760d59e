// Package archive keeps a copy of every document the sources table cites:
// it fetches each cited URL into the snapshot store with the fetcher's
// rules (conditional GET, retries, size limits, sniffing, never a partial
// object) and the manners of a polite archiver (a User-Agent naming the
// project and a contact, robots.txt honoured, at most one request per host
// per interval), records redirects and detects soft 404s, asks the Wayback
// Machine for its capture nearest the document's date (and, when asked,
// requests one), and keeps the Wayback copy when the live page is gone.
//
// What it found is a Manifest, one record per document, stored in the
// snapshot store as an object like any input: a release reads the latest
// manifest from the store and records its hash, so a rebuild reads the
// same one. The archived bytes stay in the store; only their hashes, URLs
// and Wayback links are published (docs/archive.md).
package archive
