// Package ledger is the run ledger, data/runs.jsonl: one JSON line per
// scheduled job firing (fetch of a source, release), appended and synced
// to disk before the job is reported done, so `cubaexports status`, the
// health endpoint and a person can see what ran, when, and how it ended.
// A line torn by a crash mid-write is skipped when read.
package ledger
