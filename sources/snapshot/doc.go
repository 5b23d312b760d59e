// Package snapshot describes and keeps the exact bytes every release is
// built from.
//
// A snapshot is one document as retrieved: its SHA-256, size, media type,
// where it came from and when. Everything after fetching is a pure function
// of snapshots, code and configuration, so any release can be rebuilt.
//
// The Store keeps fetched documents content-addressed under a data
// directory:
//
//	DIR/objects/ab/abcdef...   the bytes, named by their SHA-256, written once
//	DIR/index.jsonl            one JSON line per fetch attempt or commit, append-only
//
// Objects are written to a temporary name, fsynced, renamed into place and
// their directory fsynced, so a crash never leaves a partial object under
// a hash name; the index line that refers to an object is appended (and
// fsynced) only after the object is in place. A fetch of identical bytes
// stores nothing new; a commit names the documents of one complete,
// successful fetch of a source, and a source's current documents are
// those of its last commit. A torn last index line (a crash mid-append) is
// skipped when reading and terminated before the next append.
//
// One process writes a store at a time (the scheduler's run lock sees to
// it); within a process the Store is safe for concurrent use.
//
// This package also lists the documents of sources that need no fetching:
// files embedded in the binary and files on the local disk.
package snapshot
