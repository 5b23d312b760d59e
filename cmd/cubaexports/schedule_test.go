package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/cubaexports/cubaexports/pipeline/ledger"
)

// fxPath is the path the World Bank source's URL must have.
const fxPath = "/v2/country/all/indicator/PA.NUS.FCRF/API_PA.NUS.FCRF_DS2_en_csv_v2_22859.csv"

// fxServer serves the real World Bank exchange-rate CSV, or what body
// holds, or 503 while down; it counts the requests.
type fxServer struct {
	*httptest.Server
	body atomic.Pointer[[]byte]
	down atomic.Bool
	hits atomic.Int32
}

func newFXServer(t *testing.T) *fxServer {
	t.Helper()
	b, err := os.ReadFile("../../sources/worldbank/data/API_PA.NUS.FCRF_DS2_en_csv_v2_22859.csv")
	if err != nil {
		t.Fatal(err)
	}
	s := &fxServer{}
	s.body.Store(&b)
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		if s.down.Load() {
			http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
			return
		}
		w.Write(*s.body.Load())
	}))
	t.Cleanup(s.Close)
	return s
}

// daemon is `cubaexports schedule` running as a child process.
type daemon struct {
	*proc
	dir string
}

// startDaemon writes config into dir and starts the daemon there.
func startDaemon(t *testing.T, dir, config string, env []string, args ...string) *daemon {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, "cubaexports.yaml"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	return &daemon{proc: start(t, dir, env, append([]string{"schedule", "--config", "cubaexports.yaml", "--retries", "0"}, args...)...), dir: dir}
}

// stop sends SIGTERM and returns the exit code.
func (d *daemon) stop(t *testing.T) int {
	t.Helper()
	d.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-d.done:
		return d.code
	case <-time.After(30 * time.Second):
		t.Fatal("the daemon did not stop within 30s of SIGTERM")
	}
	return -1
}

// records reads the daemon's run ledger.
func (d *daemon) records(t *testing.T) []ledger.Record {
	t.Helper()
	recs, err := ledger.Open(filepath.Join(d.dir, "data")).Read()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// waitFor waits until cond holds of the run ledger, failing after limit.
// The daemon logs every record after appending it, so the ledger is read
// again at each line of its log.
func (d *daemon) waitFor(t *testing.T, what string, limit time.Duration, cond func([]ledger.Record) bool) []ledger.Record {
	t.Helper()
	var recs []ledger.Record
	d.stderr.await(t, what, limit, d.done, func(string) bool {
		recs = d.records(t)
		return cond(recs)
	})
	return recs
}

// addr is the address the daemon's --listen serves on, once it says so.
func (d *daemon) addr(t *testing.T) string {
	t.Helper()
	re := regexp.MustCompile(`msg=listening addr=(\S+)`)
	out := d.stderr.await(t, "the address the daemon listens on", 20*time.Second, d.done, re.MatchString)
	return re.FindStringSubmatch(out)[1]
}

func count(recs []ledger.Record, f func(ledger.Record) bool) int {
	n := 0
	for _, r := range recs {
		if f(r) {
			n++
		}
	}
	return n
}

func versions(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(filepath.Join(dir, "out", "releases"))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var vs []string
	for _, e := range ents {
		if e.IsDir() {
			vs = append(vs, e.Name())
		}
	}
	return vs
}

func fetches(r ledger.Record) bool  { return r.Job == ledger.JobFetch && r.Outcome != ledger.Skipped }
func released(r ledger.Record) bool { return r.Job == ledger.JobRelease && r.Version != "" }

func scheduleConfig1s(extra string) string {
	return `# synthetic test configuration: fetch every second
sources:
  worldbank_fx:
    schedule: "* * * * * *"
  # the daemon fetches only the source under test
  fed_fx: {disabled: true}
  imf_fx: {disabled: true}
  bls_cpi: {disabled: true}
  worldbank_gdp: {disabled: true}
  worldbank_exports_pct_gdp: {disabled: true}
  worldbank_merchandise_exports: {disabled: true}
schedule:
  shutdown_timeout: 20s
` + extra
}

// The daemon with a one-second spec against a source whose content
// changes: one new version per change, none while it is unchanged, and
// one ledger record per firing (as many fetch records as requests the
// server saw). SIGTERM stops it with exit 0.
func TestScheduleReleasesOnChange(t *testing.T) {
	srv := newFXServer(t)
	dir := t.TempDir()
	d := startDaemon(t, dir, scheduleConfig1s(""), []string{"CUBAEXPORTS_URL_WORLDBANK_FX=" + srv.URL + fxPath})

	unchangedAfter := func(n int) func([]ledger.Record) bool {
		return func(recs []ledger.Record) bool {
			if count(recs, released) < n {
				return false
			}
			var last int // index of the n-th release
			left := n
			for i, r := range recs {
				if released(r) {
					if left--; left == 0 {
						last = i
					}
				}
			}
			return count(recs[last:], func(r ledger.Record) bool { return fetches(r) && r.Outcome == ledger.OK && !r.NewSnapshot }) >= 2
		}
	}
	d.waitFor(t, "the first release and two unchanged fetches", 20*time.Second, unchangedAfter(1))
	if vs := versions(t, dir); len(vs) != 1 {
		t.Fatalf("after the first fetch: versions %v", vs)
	}
	// A synthetic revision of the real file: Angola's 2005 rate moves by
	// about 1% (not a published figure).
	b := bytes.Replace(*srv.body.Load(), []byte(`"87.1591416666667"`), []byte(`"88.1591416666667"`), 1)
	if bytes.Equal(b, *srv.body.Load()) {
		t.Fatal("the fixture has no AOA 2005 rate to revise")
	}
	srv.body.Store(&b)
	d.waitFor(t, "the second release and two unchanged fetches", 20*time.Second, unchangedAfter(2))
	if code := d.stop(t); code != 0 {
		t.Fatalf("exit code %d after SIGTERM", code)
	}

	recs := d.records(t)
	if vs := versions(t, dir); len(vs) != 2 || count(recs, released) != 2 {
		t.Errorf("versions %v, %d release records; want 2 (one per change)", vs, count(recs, released))
	}
	if n := count(recs, func(r ledger.Record) bool { return fetches(r) && r.NewSnapshot }); n != 2 {
		t.Errorf("%d fetches with a new snapshot, want 2", n)
	}
	if n, hits := count(recs, fetches), int(srv.hits.Load()); n != hits || n < 6 {
		t.Errorf("%d fetch records for %d requests (want equal, at least 6)", n, hits)
	}
	ids := map[string]bool{}
	for _, r := range recs {
		if ids[r.ID] || r.Start.IsZero() || r.End.Before(r.Start) || r.Outcome == "" {
			t.Errorf("bad or duplicate record %+v", r)
		}
		ids[r.ID] = true
		if r.Job == ledger.JobFetch && r.Outcome == ledger.OK && r.Bytes == 0 {
			t.Errorf("fetch without bytes: %+v", r)
		}
	}
	if !strings.Contains(d.stderr.String(), "schedule stopped") {
		t.Error("no graceful stop in the log")
	}
	// The lock was released: a manual run takes it at once.
	must(t, cliEnv(t, dir, []string{"CUBAEXPORTS_URL_WORLDBANK_FX=" + srv.URL + fxPath}, "release"), 0)
}
