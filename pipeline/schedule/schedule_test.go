package schedule

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cubaexports/cubaexports/pipeline/ledger"
	"github.com/cubaexports/cubaexports/pipeline/runlock"
)

// testRunner does the jobs in memory: a source "slow" takes 2.5s, a
// source "boom" panics, others fail while failing is set.
type testRunner struct {
	fetches  atomic.Int32
	releases atomic.Int32
	failing  atomic.Bool
	started  chan string // when not nil, gets the source of each fetch begun, if it has room
	// releasing, when not nil, makes every fetch store new documents and
	// every release say so on it and run until its context is done.
	releasing chan struct{}
}

func (r *testRunner) Fetch(ctx context.Context, source string) (Fetched, error) {
	r.fetches.Add(1)
	select {
	case r.started <- source:
	default:
	}
	switch source {
	case "boom":
		panic("synthetic panic")
	case "slow":
		select {
		case <-time.After(2500 * time.Millisecond):
		case <-ctx.Done():
			return Fetched{}, ctx.Err()
		}
	}
	if r.failing.Load() {
		return Fetched{}, errors.New("synthetic failure")
	}
	return Fetched{Bytes: 10, New: r.releasing != nil}, nil
}

func (r *testRunner) Release(ctx context.Context) (Released, error) {
	r.releases.Add(1)
	if r.releasing != nil {
		r.releasing <- struct{}{}
		<-ctx.Done()
		return Released{}, ctx.Err()
	}
	return Released{Version: "v1.0.0", Changed: true}, nil
}

func (r *testRunner) Sources(context.Context) (map[string]SourceState, error) { return nil, nil }

func testConfig(t *testing.T, r Runner, srcs ...Source) Config {
	dir := t.TempDir()
	return Config{Sources: srcs, LockPath: runlock.Path(dir), LedgerDir: dir, Runner: r}
}

// An invalid spec is rejected naming its source; a reload with one is
// rejected and the old schedule kept.
func TestInvalidSpecs(t *testing.T) {
	r := &testRunner{}
	cfg := testConfig(t, r, Source{ID: "good", Spec: "@daily"}, Source{ID: "bad_one", Spec: "61 * * * *"})
	if _, err := New(cfg); err == nil || !strings.Contains(err.Error(), "source bad_one") {
		t.Fatalf("got %v, want an error naming bad_one", err)
	}
	cfg.Sources = cfg.Sources[:1]
	cfg.ReleaseSpec = "@fortnightly"
	if _, err := New(cfg); err == nil || !strings.Contains(err.Error(), "release schedule") {
		t.Fatalf("got %v", err)
	}
	cfg.ReleaseSpec = ""
	d, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	d.schedule(d.cfg)
	bad := cfg
	bad.Sources = []Source{{ID: "x", Spec: "not a spec"}}
	if err := d.Reload(bad); err == nil || !strings.Contains(err.Error(), "source x") {
		t.Errorf("reload: %v", err)
	}
	if len(d.cron.Entries()) != 1 || d.cfg.Sources[0].ID != "good" {
		t.Errorf("the old schedule was not kept: %d entries", len(d.cron.Entries()))
	}
	if err := d.Reload(testConfig(t, r, Source{ID: "a", Spec: "@hourly"}, Source{ID: "b", Spec: "@weekly"})); err != nil {
		t.Fatal(err)
	}
	if len(d.cron.Entries()) != 2 {
		t.Errorf("after a good reload: %d entries", len(d.cron.Entries()))
	}
}

// A panicking job is recorded and reported; the daemon keeps running. A
// firing while the previous one of the same job runs is skipped and
// recorded. Shutdown waits for the running job and returns nil.
func TestPanicAndSkip(t *testing.T) {
	r := &testRunner{}
	var msgs atomic.Int32
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { msgs.Add(1) }))
	defer hook.Close()
	cfg := testConfig(t, r, Source{ID: "boom", Spec: "* * * * * *"}, Source{ID: "slow", Spec: "* * * * * *"})
	cfg.Notify.Webhook = hook.URL
	d, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3500*time.Millisecond)
	defer cancel()
	start := time.Now()
	if err := d.Run(ctx, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	recs, err := d.ledger.Read()
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]int{}
	for _, rec := range recs {
		by[rec.Source+"/"+rec.Outcome]++
	}
	if by["boom/panic"] < 2 || by["slow/skipped"] < 1 || by["slow/ok"] < 1 {
		t.Errorf("outcomes %v", by)
	}
	if time.Since(start) < 3500*time.Millisecond {
		t.Error("Run returned before its context was done")
	}
	if n := msgs.Load(); n != 1 { // boom started failing once; slow never failed
		t.Errorf("%d webhook messages, want 1", n)
	}
	for _, rec := range recs {
		if rec.Outcome == ledger.Panic && rec.Error != "synthetic panic" {
			t.Errorf("panic record %+v", rec)
		}
	}
}

// The webhook is retried on 5xx with a backoff, not on 4xx; the command
// gets the message on stdin and in its environment.
func TestNotify(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch n := calls.Add(1); {
		case r.URL.Path == "/gone":
			http.Error(w, "gone", http.StatusGone)
		case n < 3:
			http.Error(w, "busy", http.StatusBadGateway)
		}
	}))
	defer srv.Close()
	ctx := context.Background()
	n := Notify{Webhook: srv.URL, Retries: 3, Backoff: time.Millisecond}
	if err := postWebhook(ctx, n, []byte(`{"text":"x"}`)); err != nil || calls.Load() != 3 {
		t.Errorf("got %v after %d calls, want success on the third", err, calls.Load())
	}
	calls.Store(10)
	n.Webhook = srv.URL + "/gone"
	if err := postWebhook(ctx, n, []byte(`{}`)); err == nil || calls.Load() != 11 {
		t.Errorf("4xx: %v after %d calls, want one failed call", err, calls.Load()-10)
	}
	out := filepath.Join(t.TempDir(), "msg")
	m := message{Text: "hello", Event: "stale", Source: "a"}
	err := runCommand(ctx, []string{"sh", "-c", `cat > "$0"; echo "$CUBAEXPORTS_EVENT $CUBAEXPORTS_SOURCE" >> "$0"`, out}, m, []byte(`{"text":"hello"}`))
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(out); string(b) != "{\"text\":\"hello\"}stale a\n" {
		t.Errorf("command got %q", b)
	}
}

// The text format: families sorted with HELP and TYPE, samples sorted,
// label values and help escaped.
func TestWriteFamilies(t *testing.T) {
	var b strings.Builder
	err := writeFamilies(&b, []family{
		{name: "z_total", help: "last", typ: "counter", samples: []sample{{value: 1}}},
		{name: "a_gauge", help: "a \\ back\nslash", typ: "gauge", samples: []sample{
			{labels: map[string]string{"source": "y", "job": "q\"uote"}, value: 2.5},
			{labels: map[string]string{"source": "x\nnl\\"}, value: 0},
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := `# HELP a_gauge a \\ back\nslash
# TYPE a_gauge gauge
a_gauge{job="q\"uote",source="y"} 2.5
a_gauge{source="x\nnl\\"} 0
# HELP z_total last
# TYPE z_total counter
z_total 1
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// Staleness: a period and a last success older than it.
func TestIsStale(t *testing.T) {
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		last   time.Time
		period time.Duration
		want   bool
	}{
		{now.Add(-time.Hour), 2 * time.Hour, false},
		{now.Add(-3 * time.Hour), 2 * time.Hour, true},
		{time.Time{}, 2 * time.Hour, true},
		{time.Time{}, 0, false},
	} {
		if got := IsStale(c.last, c.period, now); got != c.want {
			t.Errorf("%v, %v: got %v", c.last, c.period, got)
		}
	}
}

type failingRelease struct{ testRunner }

func (*failingRelease) Release(context.Context) (Released, error) {
	return Released{}, errors.New("synthetic: validation blocked the release")
}

// A failed release job makes /healthz unhealthy and sends one message; a
// second trigger of the same cron firing is a no-op.
func TestReleaseFailureAndDuplicates(t *testing.T) {
	var msgs atomic.Int32
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { msgs.Add(1) }))
	defer hook.Close()
	r := &failingRelease{}
	cfg := testConfig(t, r, Source{ID: "a", Spec: "@daily"})
	cfg.Notify.Webhook = hook.URL
	d, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 2, 6, 0, 0, 0, time.UTC)
	d.fire(fetchJob("a"), "cron", at)
	d.fire(fetchJob("a"), "cron", at)
	if n := r.fetches.Load(); n != 1 {
		t.Errorf("%d fetches for one firing triggered twice", n)
	}
	if !d.Healthz().OK {
		t.Error("unhealthy before any release job")
	}
	d.fire(releaseJob(), "cron", at)
	d.fire(releaseJob(), "cron", at.Add(time.Hour))
	hz := d.Healthz()
	if hz.OK || hz.LastReleaseJob == nil || hz.LastReleaseJob.Outcome != ledger.Failed {
		t.Errorf("after a failed release: %+v", hz)
	}
	var b strings.Builder
	writeFamilies(&b, d.metrics())
	if !strings.Contains(b.String(), "cubaexports_last_release_job_ok 0\n") ||
		!strings.Contains(b.String(), `cubaexports_job_runs_total{job="release",outcome="failed"} 2`) {
		t.Errorf("metrics:\n%s", b.String())
	}
	d.stop(time.Second)
	if n := msgs.Load(); n != 1 {
		t.Errorf("%d messages for two failed release jobs, want 1", n)
	}
}

// A release job cancelled by the daemon's shutdown (SIGTERM) is recorded
// as interrupted, not as a failed release, and nothing is notified
// (issue 22, item 7).
func TestShutdownInterruptsRelease(t *testing.T) {
	r := &testRunner{releasing: make(chan struct{}, 1)}
	cfg := testConfig(t, r, Source{ID: "news", Spec: "@yearly"})
	notified := filepath.Join(t.TempDir(), "notified")
	cfg.Notify.Command = []string{"sh", "-c", "cat >> " + notified}
	d, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx, 100*time.Millisecond) }()
	<-r.releasing // the release after the catch-up fetch
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	recs, _ := d.ledger.Read()
	var release *ledger.Record
	for i := range recs {
		if recs[i].Job == ledger.JobRelease {
			release = &recs[i]
		}
	}
	if release == nil || release.Outcome != ledger.Interrupted {
		t.Errorf("the cancelled release is recorded as %+v, want interrupted", release)
	}
	if b, err := os.ReadFile(notified); err == nil {
		t.Errorf("notified after a shutdown: %s", b)
	}
	for k, failing := range d.health.failing {
		if failing {
			t.Errorf("%v counted as failing after a shutdown", k)
		}
	}
}

// Past the shutdown deadline a running job is cancelled, recorded, and
// Run returns.
func TestShutdownDeadline(t *testing.T) {
	r := &testRunner{started: make(chan string, 1)}
	d, err := New(testConfig(t, r, Source{ID: "slow", Spec: "@yearly"}))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx, 100*time.Millisecond) }()
	<-r.started // the catch-up fetch
	start := time.Now()
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("Run took %v after the deadline of 100ms", took)
	}
	recs, _ := d.ledger.Read()
	// A job cancelled by the daemon's shutdown is interrupted, not failed,
	// and not notified (issue 22, item 7).
	if len(recs) != 1 || recs[0].Outcome != ledger.Interrupted || !strings.Contains(recs[0].Error, "context canceled") {
		t.Errorf("records %+v", recs)
	}
	for k, failing := range d.health.failing {
		if failing {
			t.Errorf("%v counted as failing after a shutdown", k)
		}
	}
	l, err := runlock.TryAcquire(d.cfg.LockPath, "test")
	if err != nil {
		t.Fatalf("the lock is still held: %v", err)
	}
	l.Release()
}
