// Package schedule is the daemon behind `cubaexports schedule`: it fetches
// each source on its own cron spec, releases when a fetch stored new
// documents (or on a release spec of its own), one job at a time under
// the run lock, records every firing in the run ledger, tells a person
// when a job starts failing or a source goes stale, and serves /healthz
// and /metrics. It knows nothing of how a fetch or a release is done: the
// command gives it a Runner.
package schedule
