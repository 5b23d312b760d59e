package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cubaexports/cubaexports/pipeline/ledger"
)

// webhook records the messages POSTed to it; the first attempt of each
// message gets a 503, so every delivery needs the retry.
type webhook struct {
	*httptest.Server
	mu       sync.Mutex
	attempts int
	got      []map[string]string
}

func newWebhook(t *testing.T) *webhook {
	w := &webhook{}
	w.Server = httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		w.mu.Lock()
		defer w.mu.Unlock()
		w.attempts++
		if w.attempts%2 == 1 {
			http.Error(rw, "try again", http.StatusServiceUnavailable)
			return
		}
		var m map[string]string
		if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" || json.Unmarshal(b, &m) != nil {
			t.Errorf("webhook got %s %q %s", r.Method, r.Header.Get("Content-Type"), b)
		}
		w.got = append(w.got, m)
	}))
	t.Cleanup(w.Close)
	return w
}

// events returns the messages received of one event.
func (w *webhook) events(event string) []map[string]string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []map[string]string
	for _, m := range w.got {
		if m["event"] == event {
			out = append(out, m)
		}
	}
	return out
}

// A source that starts failing gives exactly one webhook message however
// many firings fail, and one more when it turns stale; /healthz reports
// it failing (200), then stale (503), and so does `status`.
func TestScheduleFailureNotifiesOnce(t *testing.T) {
	srv := newFXServer(t)
	hook := newWebhook(t)
	dir := t.TempDir()
	cfg := scheduleConfig1s(`notify:
  webhook: `+hook.URL+`
  backoff: 50ms
`) + "" // the update period is set below, in the source's override
	cfg = strings.Replace(cfg, `schedule: "* * * * * *"`, `schedule: "* * * * * *"
    update_period: "10s"`, 1)
	env := []string{"CUBAEXPORTS_URL_WORLDBANK_FX=" + srv.URL + fxPath}
	d := startDaemon(t, dir, cfg, env, "--listen", "0")
	addr := d.addr(t)
	d.waitFor(t, "a release", 20*time.Second, func(recs []ledger.Record) bool { return count(recs, released) == 1 })
	hz, code := healthz(t, addr)
	if code != 200 || !hz.OK || len(hz.StaleSources) != 0 {
		t.Errorf("healthy daemon: %d %+v", code, hz)
	}

	srv.down.Store(true)
	failedFetch := func(r ledger.Record) bool { return r.Job == ledger.JobFetch && r.Outcome == ledger.Failed }
	// The daemon marks the source failing, then logs the notification;
	// the source turns stale only ten seconds after its last success (long
	// enough for the checks below on a loaded machine, where starting
	// `status` alone can take seconds).
	d.stderr.await(t, "the failure notification", 20*time.Second, d.done, func(s string) bool {
		return strings.Contains(s, "msg=notify event=fetch_failed ")
	})
	hz, code = healthz(t, addr)
	if code != 200 || len(hz.FailingSources) != 1 || hz.FailingSources[0].Source != "worldbank_fx" ||
		!strings.Contains(hz.FailingSources[0].Error, "503") {
		t.Errorf("failing source: %d %+v", code, hz)
	}
	st := statusJSON(t, dir, env)
	if fx := st.source("worldbank_fx"); fx.LastOutcome != "failed" || fx.LastJob == nil || fx.LastJob.Outcome != ledger.Failed || fx.Stale {
		t.Errorf("status while failing: %+v", fx)
	}

	// Ten seconds after the last success the source is stale: the daemon
	// marks it so, then logs the notification.
	d.stderr.await(t, "the stale notification", 30*time.Second, d.done, func(s string) bool {
		return strings.Contains(s, "msg=notify event=stale ")
	})
	hz, code = healthz(t, addr)
	if code != 503 || hz.OK || len(hz.StaleSources) != 1 || hz.StaleSources[0] != "worldbank_fx" {
		t.Errorf("stale source: %d %+v", code, hz)
	}
	st = statusJSON(t, dir, env)
	if fx := st.source("worldbank_fx"); !fx.Stale || len(st.StaleSources) != 1 || st.LatestRelease != "v1.0.0" || st.LastReleaseJob == nil {
		t.Errorf("status when stale: %+v", st)
	}
	d.waitFor(t, "five failed fetches", 10*time.Second, func(recs []ledger.Record) bool { return count(recs, failedFetch) >= 5 })
	metrics := get(t, "http://"+addr+"/metrics")
	for _, want := range []string{
		"# HELP cubaexports_job_runs_total ", "# TYPE cubaexports_job_runs_total counter\n",
		`cubaexports_job_runs_total{job="fetch",outcome="failed",source="worldbank_fx"} `,
		`cubaexports_source_stale{source="worldbank_fx"} 1` + "\n",
		`cubaexports_source_update_period_seconds{source="worldbank_fx"} 10` + "\n",
		`cubaexports_job_duration_seconds_count{job="release"} `,
		"cubaexports_releases_written_total 1\n", "cubaexports_last_release_job_ok 1\n",
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %q:\n%s", want, metrics)
		}
	}
	if code := d.stop(t); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	fails, stale := hook.events("fetch_failed"), hook.events("stale")
	if len(fails) != 1 || len(stale) != 1 || len(hook.events("fresh")) != 0 {
		t.Fatalf("webhook messages: %d fetch_failed, %d stale; want 1 and 1: %v", len(fails), len(stale), hook.got)
	}
	if m := fails[0]; m["source"] != "worldbank_fx" || !strings.Contains(m["text"], "worldbank_fx") || !strings.Contains(m["error"], "503") {
		t.Errorf("message: %v", m)
	}
	if !strings.Contains(stale[0]["text"], "stale") {
		t.Errorf("message: %v", stale[0])
	}
}

type sourceOut struct {
	Source      string         `json:"source"`
	LastOutcome string         `json:"last_outcome"`
	Stale       bool           `json:"stale"`
	LastJob     *ledger.Record `json:"last_job"`
}

type statusOut struct {
	Sources        []sourceOut    `json:"sources"`
	LatestRelease  string         `json:"latest_release"`
	LastReleaseJob *ledger.Record `json:"last_release_job"`
	StaleSources   []string       `json:"stale_sources"`
}

func (s statusOut) source(id string) (out sourceOut) {
	for _, x := range s.Sources {
		if x.Source == id {
			return x
		}
	}
	return out
}

func statusJSON(t *testing.T, dir string, env []string) statusOut {
	t.Helper()
	r := must(t, cliEnv(t, dir, env, "status", "--json", "--config", "cubaexports.yaml"), 0)
	var st statusOut
	if err := json.Unmarshal([]byte(r.stdout), &st); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	return st
}

type healthBody struct {
	OK             bool     `json:"ok"`
	StaleSources   []string `json:"stale_sources"`
	FailingSources []struct {
		Source string `json:"source"`
		Error  string `json:"error"`
	} `json:"failing_sources"`
	LastReleaseJob *struct {
		Outcome string `json:"outcome"`
	} `json:"last_release_job"`
}

func healthz(t *testing.T, addr string) (healthBody, int) {
	t.Helper()
	resp, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var hz healthBody
	if err := json.NewDecoder(resp.Body).Decode(&hz); err != nil {
		t.Fatal(err)
	}
	return hz, resp.StatusCode
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}
