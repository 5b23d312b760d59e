package main

import (
	"context"
	"fmt"

	"github.com/cubaexports/cubaexports/pipeline"
	"github.com/cubaexports/cubaexports/pipeline/runlock"
)

// takeLock takes the run lock the scheduler's jobs also take, so a manual
// run never overlaps another run or a scheduled job. With wait it waits
// (saying so on stderr); otherwise a held lock is an error naming the
// lock file and the holder's pid.
func takeLock(ctx context.Context, e *env, cfg pipeline.Config, what string, wait bool) (*runlock.Lock, error) {
	path := runlock.Path(cfg.DataDir)
	if !wait {
		return runlock.TryAcquire(path, what)
	}
	return runlock.Acquire(ctx, path, what, 0, func(b *runlock.BusyError) {
		fmt.Fprintf(e.stderr, "cubaexports: waiting for the run lock %s (held by pid %d)\n", b.Path, b.PID)
	})
}
