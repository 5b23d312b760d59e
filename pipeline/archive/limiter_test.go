package archive

import (
	"context"
	"sync"
	"testing"
	"time"
)

// fakeClock is a Clock the test moves: After registers a waiter and
// signals it on waits, so the test knows a request is waiting.
type fakeClock struct {
	mu      sync.Mutex
	now     time.Time
	waiters []fakeWaiter
	waits   chan time.Duration
}

type fakeWaiter struct {
	at time.Time
	ch chan time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), waits: make(chan time.Duration, 100)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	ch := make(chan time.Time, 1)
	c.waiters = append(c.waiters, fakeWaiter{c.now.Add(d), ch})
	c.mu.Unlock()
	c.waits <- d
	return ch
}

// Advance moves the clock and wakes the waiters whose time came.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	kept := c.waiters[:0]
	for _, w := range c.waiters {
		if !w.at.After(c.now) {
			w.ch <- c.now
		} else {
			kept = append(kept, w)
		}
	}
	c.waiters = kept
}

func TestHostLimiter(t *testing.T) {
	clock := newFakeClock()
	l := NewHostLimiter(time.Second, clock)
	ctx := context.Background()
	if err := l.Wait(ctx, "a"); err != nil { // the first request goes at once
		t.Fatal(err)
	}
	if err := l.Wait(ctx, "b"); err != nil { // another host does not wait
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- l.Wait(ctx, "a") }()
	if d := <-clock.waits; d != time.Second {
		t.Fatalf("the second request to a waits %s, want 1s", d)
	}
	select {
	case <-done:
		t.Fatal("the second request to a went before its slot")
	default:
	}
	clock.Advance(999 * time.Millisecond)
	select {
	case <-done:
		t.Fatal("the second request to a went 1ms early")
	default:
	}
	clock.Advance(time.Millisecond)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	// Two more at once: the slots are 2s and 3s after the start.
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() { defer wg.Done(); _ = l.Wait(ctx, "a") }()
	}
	got := []time.Duration{<-clock.waits, <-clock.waits}
	if !(got[0] == time.Second && got[1] == 2*time.Second) && !(got[1] == time.Second && got[0] == 2*time.Second) {
		t.Errorf("waits %v, want 1s and 2s", got)
	}
	clock.Advance(2 * time.Second)
	wg.Wait()
	// A cancelled context ends a wait.
	cctx, cancel := context.WithCancel(ctx)
	go func() { done <- l.Wait(cctx, "a") }()
	<-clock.waits
	cancel()
	if err := <-done; err == nil {
		t.Error("a cancelled wait returned nil")
	}
}
