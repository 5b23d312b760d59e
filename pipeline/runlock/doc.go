// Package runlock makes cubaexports runs one at a time: the scheduler's
// jobs and the manual run and release commands take an exclusive OS file
// lock (flock) on one file in the data directory before they touch the
// snapshot store or the releases. The kernel drops the lock when the
// holding process exits or dies, so a crash never leaves a stale lock.
package runlock
