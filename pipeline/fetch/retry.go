package fetch

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// backoff is the wait before retry n+1: the server's Retry-After when it
// gave one, else BackoffBase doubled n times, capped at BackoffMax, with
// jitter.
func (f *Fetcher) backoff(n int, retryAfter time.Duration) time.Duration {
	if retryAfter > 0 {
		return retryAfter
	}
	d := f.opts.BackoffBase
	for i := 0; i < n && d < f.opts.BackoffMax; i++ {
		d *= 2
	}
	return f.opts.Jitter(min(d, f.opts.BackoffMax))
}

// retryAfter parses a Retry-After header: seconds or an HTTP date
// (relative to now). It returns 0 when absent or unreadable.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil {
		return max(0, time.Duration(s)*time.Second)
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(0, t.Sub(now))
	}
	return 0
}
