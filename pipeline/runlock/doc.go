// Package runlock makes cubaexports runs one at a time: the scheduler's
// jobs and the manual run and release commands take an exclusive OS file
// lock (flock) on one file in the data directory before they touch the
// snapshot store or the releases. The kernel drops the lock when the
// holding process exits or dies, so a crash never leaves a stale lock.
// The releases directory of an output directory is locked through its own
// handle (TryAcquireDir), so runs with different data directories writing
// to the same output exclude each other without a file among the releases.
package runlock
