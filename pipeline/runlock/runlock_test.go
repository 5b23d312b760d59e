package runlock_test

import (
	"bufio"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cubaexports/cubaexports/pipeline/runlock"
)

// TestMain turns the test binary into a lock holder when asked: it takes
// the lock, says so on stdout, and holds it until killed or until its
// standard input ends (so it never outlives the test).
func TestMain(m *testing.M) {
	if p := os.Getenv("RUNLOCK_TEST_HOLD"); p != "" {
		if _, err := runlock.TryAcquire(p, "test-holder"); err != nil {
			os.Stderr.WriteString(err.Error())
			os.Exit(1)
		}
		os.Stdout.WriteString("locked\n")
		io.Copy(io.Discard, os.Stdin)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// A second holder, even in the same process, is refused with the holder's
// pid; Acquire waits until the lock is released.
func TestTryAcquireAndWait(t *testing.T) {
	path := runlock.Path(t.TempDir())
	l, err := runlock.TryAcquire(path, "first")
	if err != nil {
		t.Fatal(err)
	}
	_, err = runlock.TryAcquire(path, "second")
	var busy *runlock.BusyError
	if !errors.As(err, &busy) || !errors.Is(err, runlock.ErrBusy) || busy.PID != os.Getpid() || busy.What != "first" {
		t.Fatalf("got %v (%+v)", err, busy)
	}
	if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "--wait") {
		t.Errorf("message does not name the file and --wait: %v", err)
	}
	waited := make(chan *runlock.BusyError, 1)
	got := make(chan error, 1)
	go func() {
		l2, err := runlock.Acquire(context.Background(), path, "waiter", 10*time.Millisecond, func(b *runlock.BusyError) { waited <- b })
		if err == nil {
			err = l2.Release()
		}
		got <- err
	}()
	if b := <-waited; b.PID != os.Getpid() {
		t.Errorf("waiting on %+v", b)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	if err := <-got; err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	l3, _ := runlock.TryAcquire(path, "third")
	defer l3.Release()
	if _, err := runlock.Acquire(ctx, path, "late", 10*time.Millisecond, nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %v, want a deadline error", err)
	}
}

// A holder killed with SIGKILL leaves no stale lock: the kernel drops it,
// and the next process takes it at once.
func TestKilledHolderLeavesNoStaleLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", runlock.FileName)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "RUNLOCK_TEST_HOLD="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	hold, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	defer hold.Close()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || line != "locked\n" {
		cmd.Process.Kill()
		t.Fatalf("holder: %q %v", line, err)
	}
	_, err = runlock.TryAcquire(path, "me")
	var busy *runlock.BusyError
	if !errors.As(err, &busy) || busy.PID != cmd.Process.Pid {
		t.Errorf("got %v, want busy by pid %d", err, cmd.Process.Pid)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	l, err := runlock.TryAcquire(path, "me")
	if err != nil {
		t.Fatalf("after SIGKILL of the holder: %v", err)
	}
	l.Release()
}

// A directory is locked through its handle: a second holder is refused
// with a message naming the directory, nothing is added to it, and the
// lock is free again once released.
func TestDirLock(t *testing.T) {
	dir := t.TempDir()
	l, err := runlock.TryAcquireDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = runlock.TryAcquireDir(dir)
	var busy *runlock.BusyError
	if !errors.As(err, &busy) || !busy.Dir || !errors.Is(err, runlock.ErrBusy) || !strings.Contains(err.Error(), dir) {
		t.Errorf("second holder: %v, want a busy directory lock naming %s", err, dir)
	}
	if ents, err := os.ReadDir(dir); err != nil || len(ents) != 0 {
		t.Errorf("the locked directory holds %v (%v), want nothing", ents, err)
	}
	waited := make(chan struct{})
	got := make(chan error, 1)
	go func() {
		l2, err := runlock.AcquireDir(context.Background(), dir, time.Millisecond, func(*runlock.BusyError) { close(waited) })
		l2.Release()
		got <- err
	}()
	<-waited
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	if err := <-got; err != nil {
		t.Fatalf("AcquireDir after the release: %v", err)
	}
}
