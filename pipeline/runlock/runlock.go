package runlock

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// FileName is the lock file's name in the data directory.
const FileName = "run.lock"

// ErrBusy is wrapped by the error TryAcquire returns when another process
// holds the lock.
var ErrBusy = errors.New("another cubaexports process holds the run lock")

// BusyError says which file is locked and by which process.
type BusyError struct {
	Path string
	PID  int    // 0 when the holder has not written its pid yet
	What string // what the holder said it is doing
	Dir  bool   // the lock is a directory's (TryAcquireDir), which records no holder
}

func (e *BusyError) Error() string {
	if e.Dir {
		return fmt.Sprintf("%s is locked by another cubaexports process writing to it (a run or release with the same output directory): wait for it, or pass --wait", e.Path)
	}
	holder := "a process whose pid is not yet recorded"
	if e.PID > 0 {
		holder = "pid " + strconv.Itoa(e.PID)
		if e.What != "" {
			holder += " (" + e.What + ")"
		}
	}
	return fmt.Sprintf("%s is locked by %s: another cubaexports run is in progress; wait for it, or pass --wait", e.Path, holder)
}

// Unwrap returns ErrBusy.
func (e *BusyError) Unwrap() error { return ErrBusy }

// Lock is a held run lock.
type Lock struct {
	f *os.File
}

// Path is the lock file of a data directory.
func Path(dataDir string) string { return filepath.Join(dataDir, FileName) }

// TryAcquire takes the lock on path without waiting; what (e.g. "run",
// "schedule: fetch worldbank_fx") is recorded with the pid for the
// message another process shows. It returns a *BusyError when another
// process holds the lock.
func TryAcquire(path, what string) (*Lock, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("run lock: %w", err)
	}
	f, ok, err := openLocked(path, func() (*os.File, error) { return os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644) })
	if err != nil {
		return nil, err
	}
	if !ok {
		pid, what := holder(path)
		return nil, &BusyError{Path: path, PID: pid, What: what}
	}
	// Only the holder writes, so the content names it.
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(fmt.Sprintf("%d %s\n", os.Getpid(), what)), 0)
	}
	return &Lock{f: f}, nil
}

// Acquire takes the lock on path, polling every poll (default 100ms)
// while another process holds it, until ctx is done. onWait, when not
// nil, is called once with the BusyError when it has to wait.
func Acquire(ctx context.Context, path, what string, poll time.Duration, onWait func(*BusyError)) (*Lock, error) {
	return acquire(ctx, path, func() (*Lock, error) { return TryAcquire(path, what) }, poll, onWait)
}

// TryAcquireDir takes an exclusive lock on the directory dir itself (its
// open handle, so no file is added to it) without waiting. It returns a
// *BusyError with Dir set when another process holds it. Use it for a
// directory whose contents are published, where a lock file would show.
func TryAcquireDir(dir string) (*Lock, error) {
	f, ok, err := openLocked(dir, func() (*os.File, error) { return os.Open(dir) })
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, &BusyError{Path: dir, Dir: true}
	}
	return &Lock{f: f}, nil
}

// openLocked opens path with open and takes its lock without waiting; it
// returns the file only when the lock is taken (ok), closing it otherwise.
func openLocked(path string, open func() (*os.File, error)) (_ *os.File, ok bool, _ error) {
	f, err := open()
	if err != nil {
		return nil, false, fmt.Errorf("run lock: %w", err)
	}
	ok, err = tryLock(f)
	if err != nil || !ok {
		f.Close()
		if err != nil {
			return nil, false, fmt.Errorf("run lock %s: %w", path, err)
		}
		return nil, false, nil
	}
	return f, true, nil
}

// AcquireDir is TryAcquireDir, waiting as Acquire does.
func AcquireDir(ctx context.Context, dir string, poll time.Duration, onWait func(*BusyError)) (*Lock, error) {
	return acquire(ctx, dir, func() (*Lock, error) { return TryAcquireDir(dir) }, poll, onWait)
}

// acquire calls try every poll until it does not report a busy lock.
func acquire(ctx context.Context, path string, try func() (*Lock, error), poll time.Duration, onWait func(*BusyError)) (*Lock, error) {
	if poll <= 0 {
		poll = 100 * time.Millisecond
	}
	waited := false
	for {
		l, err := try()
		var busy *BusyError
		if !errors.As(err, &busy) {
			return l, err
		}
		if !waited && onWait != nil {
			onWait(busy)
		}
		waited = true
		t := time.NewTimer(poll)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("waiting for the run lock %s: %w", path, ctx.Err())
		case <-t.C:
		}
	}
}

// Release drops the lock. The pid is left in the file: it is read only
// while the file is locked.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := unlock(l.f)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	return err
}

// holder reads the pid and description a holder wrote.
func holder(path string) (int, string) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, ""
	}
	pid, what, _ := strings.Cut(strings.TrimSpace(string(b)), " ")
	n, err := strconv.Atoi(pid)
	if err != nil {
		return 0, ""
	}
	return n, what
}
