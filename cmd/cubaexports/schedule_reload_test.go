package main

import (
	"os"
	"path/filepath"
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
	yearly := strings.Replace(scheduleConfig1s(""), `"* * * * * *"`, `"@yearly"`, 1)
	os.WriteFile(filepath.Join(dir, "cubaexports.yaml"), []byte(yearly), 0o644)
	d.cmd.Process.Signal(syscall.SIGHUP)
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(d.stderr.String(), "configuration reloaded") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond) // a firing already due may still end
	n = count(d.records(t), fetches)
	time.Sleep(2200 * time.Millisecond)
	if m := count(d.records(t), fetches); m != n {
		t.Errorf("%d fetches after the reload to @yearly, want none", m-n)
	}
	if code := d.stop(t); code != 0 {
		t.Errorf("exit %d", code)
	}
}
