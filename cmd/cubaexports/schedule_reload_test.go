package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cubaexports/cubaexports/pipeline/ledger"
)

// An invalid spec stops the daemon at start-up naming the source; SIGHUP
// with an invalid configuration keeps the old schedule, with a valid one
// replaces it.
func TestScheduleReload(t *testing.T) {
	srv := newFXServer(t)
	dir := t.TempDir()
	env := []string{"CUBAEXPORTS_URL_WORLDBANK_FX=" + srv.URL + fxPath}
	bad := strings.Replace(scheduleConfig1s(""), `"* * * * * *"`, `"61 * * * *"`, 1)
	os.WriteFile(filepath.Join(dir, "cubaexports.yaml"), []byte(bad), 0o644)
	r := must(t, cliEnv(t, dir, env, "schedule", "--config", "cubaexports.yaml"), 1)
	if !strings.Contains(r.stderr, `worldbank_fx`) || !strings.Contains(r.stderr, `schedule "61 * * * *"`) {
		t.Errorf("start-up with a bad spec: %s", r.stderr)
	}

	d := startDaemon(t, dir, scheduleConfig1s(""), env)
	fetched := func(n int) func([]ledger.Record) bool {
		return func(recs []ledger.Record) bool { return count(recs, fetches) >= n }
	}
	d.waitFor(t, "two fetches", 20*time.Second, fetched(2))
	os.WriteFile(filepath.Join(dir, "cubaexports.yaml"), []byte(bad), 0o644)
	d.cmd.Process.Signal(syscall.SIGHUP)
	n := count(d.records(t), fetches)
	d.waitFor(t, "fetches after a rejected reload", 20*time.Second, fetched(n+2))
	if !strings.Contains(d.stderr.String(), "reload rejected") {
		t.Error("no rejection in the log")
	}
	// The reloaded configuration fetches yearly and releases every second:
	// the release's firings after the reload show the moments the old
	// schedule would have fetched at.
	yearly := strings.Replace(scheduleConfig1s(""), `"* * * * * *"`, `"@yearly"`, 1)
	yearly = strings.Replace(yearly, "  shutdown_timeout: 20s\n", "  shutdown_timeout: 20s\n  release: \"* * * * * *\"\n", 1)
	os.WriteFile(filepath.Join(dir, "cubaexports.yaml"), []byte(yearly), 0o644)
	d.cmd.Process.Signal(syscall.SIGHUP)
	started := regexp.MustCompile(`msg="job started" run=(fetch:worldbank_fx|release)@(\S+) trigger=cron`)
	var ticks []string // the seconds the release fired at after the reload
	out := d.stderr.await(t, "the reload and two firings of the new schedule", 20*time.Second, d.done, func(s string) bool {
		_, after, ok := strings.Cut(s, "configuration reloaded")
		ticks = ticks[:0]
		for _, m := range started.FindAllStringSubmatch(after, -1) {
			if m[1] == "release" {
				ticks = append(ticks, m[2])
			}
		}
		return ok && len(ticks) >= 2
	})
	// A fetch firing already due when the reload came may still end; none
	// may be due at or after the first tick of the new schedule.
	for _, m := range started.FindAllStringSubmatch(out, -1) {
		if m[1] != "release" && m[2] >= ticks[0] {
			t.Errorf("a fetch fired at %s, after the reload to @yearly (the new schedule fired at %v)", m[2], ticks)
		}
	}
	for _, r := range d.records(t) {
		if _, at, _ := strings.Cut(r.ID, "@"); r.Job == ledger.JobFetch && at >= ticks[0] {
			t.Errorf("a fetch recorded at %s, after the reload to @yearly: %+v", at, r)
		}
	}
	if code := d.stop(t); code != 0 {
		t.Errorf("exit %d", code)
	}
}
