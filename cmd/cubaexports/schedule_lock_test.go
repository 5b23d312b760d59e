package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cubaexports/cubaexports/pipeline/runlock"
)

// Two processes started at once never both write a release: while the
// lock is held, a run without --wait exits 1 naming the lock file and the
// holder's pid; two runs with --wait both wait, and when the lock is freed
// exactly one releases and the other finds the data unchanged.
func TestTwoRunsOneRelease(t *testing.T) {
	dir := t.TempDir()
	path := runlock.Path(filepath.Join(dir, "data"))
	held, err := runlock.TryAcquire(path, "test")
	if err != nil {
		t.Fatal(err)
	}
	r := must(t, cli(t, dir, "release"), 1)
	if !strings.Contains(r.stderr, path[len(dir)+1:]) || !strings.Contains(r.stderr, "pid "+strconv.Itoa(os.Getpid())) {
		t.Errorf("busy message: %s", r.stderr)
	}
	a := start(t, dir, nil, "release", "--wait")
	b := start(t, dir, nil, "run", "--offline", "--wait")
	for _, p := range []*proc{a, b} { // each says it waits, naming the holder
		p.stderr.await(t, "the waiting message of "+p.cmd.Args[1], time.Minute, p.done, func(s string) bool {
			return strings.Contains(s, "waiting for the run lock") && strings.Contains(s, "(held by pid "+strconv.Itoa(os.Getpid())+")")
		})
	}
	if vs := versions(t, dir); len(vs) != 0 {
		t.Fatalf("released while the lock was held: %v", vs)
	}
	held.Release()
	ra, rb := a.wait(t), b.wait(t)
	must(t, ra, 0)
	must(t, rb, 0)
	out := ra.stdout + rb.stdout
	if strings.Count(out, "released v1.0.0") != 1 || strings.Count(out, "data unchanged since v1.0.0") != 1 {
		t.Errorf("want one release and one unchanged:\n%s", out)
	}
	if vs := versions(t, dir); len(vs) != 1 {
		t.Errorf("versions %v", vs)
	}

	// Started at once without --wait: one releases; the other either
	// finds the lock taken (exit 1) or runs after it (unchanged).
	dir = t.TempDir()
	a, b = start(t, dir, nil, "release"), start(t, dir, nil, "release")
	ra, rb = a.wait(t), b.wait(t)
	if n := strings.Count(ra.stdout+rb.stdout, "released v1.0.0"); n != 1 {
		t.Errorf("%d processes released:\n%+v\n%+v", n, ra, rb)
	}
	for _, r := range []result{ra, rb} {
		if r.code != 0 && !strings.Contains(r.stderr, "is locked by") {
			t.Errorf("exit %d: %s", r.code, r.stderr)
		}
	}
	if vs := versions(t, dir); len(vs) != 1 {
		t.Errorf("versions %v", vs)
	}
}

// SIGKILL of the daemon while it writes a release leaves no partial
// release (only the temporary directory, removed by the next run, which
// takes the lock at once) and no stale lock.
func TestKillDuringRelease(t *testing.T) {
	srv := newFXServer(t)
	dir := t.TempDir()
	env := []string{"CUBAEXPORTS_URL_WORLDBANK_FX=" + srv.URL + fxPath}
	d := startDaemon(t, dir, scheduleConfig1s(""), env)
	releases := filepath.Join(dir, "out", "releases")
	poll(t, "a release being written (out/releases/.tmp-*)", 20*time.Second, func() bool {
		m, _ := filepath.Glob(filepath.Join(releases, ".tmp-*"))
		return len(m) > 0
	})
	d.cmd.Process.Signal(syscall.SIGKILL)
	<-d.done
	if d.code != -1 {
		t.Errorf("exit code %d, want -1 (killed)", d.code)
	}
	if vs := versions(t, dir); len(vs) != 1 || !strings.HasPrefix(vs[0], ".tmp-") {
		t.Fatalf("after the kill: %v, want only the temporary directory", vs)
	}
	if _, err := os.Stat(filepath.Join(releases, "latest")); !os.IsNotExist(err) {
		t.Errorf("latest exists after a killed first release: %v", err)
	}
	// No stale lock: it is free at once.
	l, err := runlock.TryAcquire(runlock.Path(filepath.Join(dir, "data")), "test")
	if err != nil {
		t.Fatalf("lock after the kill: %v", err)
	}
	l.Release()
	r := must(t, cliEnv(t, dir, env, "release"), 0)
	if !strings.Contains(r.stdout, "released v1.0.0") {
		t.Errorf("release after the kill: %s", r.stdout)
	}
	if vs := versions(t, dir); len(vs) != 1 || vs[0] != "v1.0.0" {
		t.Errorf("after the next release: %v", vs)
	}
	must(t, cliEnv(t, dir, env, "verify"), 0)
}
