// Package snapshot describes the exact bytes every release is built from.
//
// A snapshot is one document as retrieved: its SHA-256, size, media type,
// where it came from and when. Everything after fetching is a pure function
// of snapshots, code and configuration, so any release can be rebuilt.
// This package also lists the documents of sources that need no fetching:
// files embedded in the binary and files on the local disk.
package snapshot
