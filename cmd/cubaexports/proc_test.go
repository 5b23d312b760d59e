package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"
)

// proc is the binary running as a child process. Tests wait on what it
// says (await on its output) or on its exit (done), never on the clock.
type proc struct {
	cmd            *exec.Cmd
	stdout, stderr *logBuffer
	done           chan struct{} // closed when the process has exited
	code           int           // its exit code, once done is closed; -1 when killed
	err            error         // Wait's error, once done is closed
}

// start starts the binary in dir with env added to the environment; it
// is killed at the end of the test if it still runs, and its output is
// logged if the test failed.
func start(t *testing.T, dir string, env []string, args ...string) *proc {
	t.Helper()
	p := &proc{cmd: exec.Command(bin, args...), stdout: newLogBuffer(), stderr: newLogBuffer(), done: make(chan struct{})}
	p.cmd.Dir = dir
	p.cmd.Env = append(append(os.Environ(), "SOURCE_DATE_EPOCH="+epoch), env...)
	p.cmd.Stdout, p.cmd.Stderr = p.stdout, p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		p.err = p.cmd.Wait()
		p.code = p.cmd.ProcessState.ExitCode()
		close(p.done)
	}()
	t.Cleanup(func() {
		p.cmd.Process.Kill()
		<-p.done
		if t.Failed() {
			t.Logf("%s: stdout:\n%s\nstderr:\n%s", p.cmd.Args[1:], p.stdout.String(), p.stderr.String())
		}
	})
	return p
}

// wait waits for the process to exit and returns its result.
func (p *proc) wait(t *testing.T) result {
	t.Helper()
	<-p.done
	var ee *exec.ExitError
	if p.err != nil && !errors.As(p.err, &ee) {
		t.Fatal(p.err)
	}
	return result{p.code, p.stdout.String(), p.stderr.String()}
}

// logBuffer collects what a process writes; each write wakes the tests
// waiting in await.
type logBuffer struct {
	mu    sync.Mutex
	b     bytes.Buffer
	wrote chan struct{} // closed by the next write
}

func newLogBuffer() *logBuffer { return &logBuffer{wrote: make(chan struct{})} }

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	close(l.wrote)
	l.wrote = make(chan struct{})
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// await waits until cond holds of the output so far, checking it again
// after each write; cond may also look at what the process wrote before
// it wrote to l (a file it appends to before it logs). It fails the test
// when exited is closed or limit passes first, and returns the output.
func (l *logBuffer) await(t *testing.T, what string, limit time.Duration, exited <-chan struct{}, cond func(out string) bool) string {
	t.Helper()
	timeout := time.NewTimer(limit)
	defer timeout.Stop()
	for {
		l.mu.Lock()
		out, wrote := l.b.String(), l.wrote
		l.mu.Unlock()
		if cond(out) {
			return out
		}
		select {
		case <-wrote:
		case <-exited:
			if out := l.String(); cond(out) { // its last words
				return out
			}
			t.Fatalf("waiting for %s: the process exited", what)
		case <-timeout.C:
			t.Fatalf("waiting for %s: not within %s", what, limit)
		}
	}
}

// poll checks cond every millisecond until it holds, failing the test
// after limit. It is for signals no process announces: a file another
// process creates.
func poll(t *testing.T, what string, limit time.Duration, cond func() bool) {
	t.Helper()
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	timeout := time.NewTimer(limit)
	defer timeout.Stop()
	for !cond() {
		select {
		case <-tick.C:
		case <-timeout.C:
			t.Fatalf("waiting for %s: not within %s", what, limit)
		}
	}
}
