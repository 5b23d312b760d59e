package archive

import (
	"context"
	"sync"
	"time"
)

// Clock is the time a HostLimiter reads and waits on; tests give a fake
// one, so no test sleeps.
type Clock interface {
	Now() time.Time
	// After sends on the returned channel once d has passed.
	After(d time.Duration) <-chan time.Time
}

// SystemClock is the real clock.
type SystemClock struct{}

// Now is time.Now.
func (SystemClock) Now() time.Time { return time.Now() }

// After is time.After.
func (SystemClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// HostLimiter spaces requests to each host at least Interval apart: a
// request reserves the next free slot of its host and waits for it, so
// requests to different hosts never wait for each other.
type HostLimiter struct {
	interval time.Duration
	clock    Clock
	mu       sync.Mutex
	next     map[string]time.Time // the earliest start of the host's next request
}

// NewHostLimiter returns a limiter of one request per host per interval
// (none when interval <= 0) on clock (SystemClock when nil).
func NewHostLimiter(interval time.Duration, clock Clock) *HostLimiter {
	if clock == nil {
		clock = SystemClock{}
	}
	return &HostLimiter{interval: interval, clock: clock, next: map[string]time.Time{}}
}

// Wait returns when a request to host may start, or with ctx's error.
func (l *HostLimiter) Wait(ctx context.Context, host string) error {
	if l == nil || l.interval <= 0 {
		return ctx.Err()
	}
	l.mu.Lock()
	now := l.clock.Now()
	slot := l.next[host]
	if slot.Before(now) {
		slot = now
	}
	l.next[host] = slot.Add(l.interval)
	l.mu.Unlock()
	d := slot.Sub(now)
	if d <= 0 {
		return ctx.Err()
	}
	select {
	case <-l.clock.After(d):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
