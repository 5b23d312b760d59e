package fetch

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cubaexports/cubaexports/sources/snapshot"
)

func TestRetries(t *testing.T) {
	tests := []struct {
		name      string
		failures  int                                // answers before the 200
		fail      func(w http.ResponseWriter, n int) // the failing answer
		wantCalls int32
		wantErr   string // empty: the last call succeeds
		minWait   time.Duration
	}{
		{name: "503 then success", failures: 1, wantCalls: 2,
			fail: func(w http.ResponseWriter, _ int) { w.WriteHeader(503) }},
		{name: "408 and 500 then success", failures: 2, wantCalls: 3,
			fail: func(w http.ResponseWriter, n int) { w.WriteHeader([]int{408, 500}[n]) }},
		{name: "429 with Retry-After seconds", failures: 1, wantCalls: 2, minWait: time.Second,
			fail: func(w http.ResponseWriter, _ int) { w.Header().Set("Retry-After", "1"); w.WriteHeader(429) }},
		{name: "404 is permanent", failures: 5, wantCalls: 1, wantErr: "HTTP 404 Not Found",
			fail: func(w http.ResponseWriter, _ int) { http.NotFound(w, nil) }},
		{name: "403 is permanent", failures: 5, wantCalls: 1, wantErr: "HTTP 403 Forbidden",
			fail: func(w http.ResponseWriter, _ int) { w.WriteHeader(403) }},
		{name: "5xx until retries run out", failures: 10, wantCalls: 4, wantErr: "4 attempts: HTTP 502 Bad Gateway",
			fail: func(w http.ResponseWriter, _ int) { w.WriteHeader(502) }},
		{name: "connection dropped mid-body", failures: 1, wantCalls: 2,
			fail: func(w http.ResponseWriter, _ int) {
				w.Header().Set("Content-Length", "1000")
				w.Write([]byte("{partial"))
				panic(http.ErrAbortHandler)
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				n := int(calls.Add(1)) - 1
				if n < tt.failures {
					tt.fail(w, n)
					return
				}
				w.Write([]byte(`{"ok":true}`))
			}))
			defer srv.Close()
			f, store, dir := testFetcher(t, Options{})
			start := time.Now()
			url := srv.URL + "/x.json"
			doc, out, err := f.Get(context.Background(), Request{SourceID: "src", Name: "x.json", URL: url, Format: "json"})
			if got := calls.Load(); got != tt.wantCalls {
				t.Errorf("%d calls, want %d", got, tt.wantCalls)
			}
			if time.Since(start) < tt.minWait {
				t.Errorf("retried after %v, before Retry-After %v", time.Since(start), tt.minWait)
			}
			recs := records(t, store)
			if tt.wantErr != "" {
				mustContain(t, err, "source src", url, "expected json", tt.wantErr)
				var fe *Error
				if !errors.As(err, &fe) || out != snapshot.OutcomeFailed || objectFiles(t, dir) != 0 {
					t.Errorf("failure: %T %v, %d objects", err, out, objectFiles(t, dir))
				}
				if last := recs[len(recs)-1]; last.Outcome != snapshot.OutcomeFailed || last.Error != err.Error() {
					t.Errorf("last index line %+v", last)
				}
				return
			}
			if err != nil || out != snapshot.OutcomeNew || body(t, doc) != `{"ok":true}` {
				t.Fatalf("get: %v %v", out, err)
			}
			if len(recs) != int(tt.wantCalls) || !strings.HasSuffix(recs[0].Error, "(will retry)") {
				t.Errorf("every attempt is a line: %+v", recs)
			}
		})
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"7", 7 * time.Second},
		{" 0 ", 0},
		{"-3", 0},
		{"Thu, 01 Jan 2026 12:00:30 GMT", 30 * time.Second},
		{"Thu, 01 Jan 2026 11:00:00 GMT", 0},
		{"soon", 0},
	}
	for _, tt := range tests {
		if got := retryAfter(tt.in, now); got != tt.want {
			t.Errorf("retryAfter(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestBackoff(t *testing.T) {
	f := New(nil, Options{BackoffBase: 100 * time.Millisecond, BackoffMax: time.Second,
		Jitter: func(d time.Duration) time.Duration { return d }})
	want := []time.Duration{100, 200, 400, 800, 1000, 1000}
	for n, w := range want {
		if got := f.backoff(n, 0); got != w*time.Millisecond {
			t.Errorf("backoff(%d) = %v, want %v", n, got, w*time.Millisecond)
		}
	}
	if got := f.backoff(0, 5*time.Second); got != 5*time.Second {
		t.Errorf("Retry-After not honoured: %v", got)
	}
	def := New(nil, Options{BackoffBase: time.Second})
	for range 100 {
		if d := def.backoff(0, 0); d < 500*time.Millisecond || d > time.Second {
			t.Fatalf("default jitter gave %v, want within [0.5s, 1s]", d)
		}
	}
}

func TestRetryAfterBeyondTimeout(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(429)
	}))
	defer srv.Close()
	f, _, _ := testFetcher(t, Options{Timeout: 2 * time.Second})
	start := time.Now()
	_, _, err := f.Get(context.Background(), Request{SourceID: "src", Name: "x", URL: srv.URL})
	mustContain(t, err, "HTTP 429", "after the timeout")
	if time.Since(start) > time.Second {
		t.Errorf("waited %v for a retry that could not happen", time.Since(start))
	}
}
