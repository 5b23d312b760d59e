package release

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/pipeline/runlock"
)

// TestMain makes the test binary a writer a test can kill (see
// startWriter) when RELEASE_TEST_OUT is set; otherwise it runs the tests.
func TestMain(m *testing.M) {
	if out := os.Getenv("RELEASE_TEST_OUT"); out != "" {
		os.Exit(writerChild(out, os.Getenv("RELEASE_TEST_STOP_AT"), os.Getenv("RELEASE_TEST_INPUT")))
	}
	os.Exit(m.Run())
}

// writerChild runs Write on out with the synthetic input ("changed": the
// changed one). At step stopAt it says "at STEP" on stdout and waits for
// its standard input to end, which the test never ends: it kills the
// process there, so no deferred cleanup runs, as in a real crash.
func writerChild(out, stopAt, input string) int {
	stepHook = func(s string) {
		if s == stopAt {
			fmt.Printf("at %s\n", s)
			io.Copy(io.Discard, os.Stdin)
			os.Exit(3)
		}
	}
	in := syntheticInput()
	if input == "changed" {
		in = changedInput()
	}
	if _, err := Write(context.Background(), out, in); err != nil {
		fmt.Printf("error %v\n", err)
		return 1
	}
	fmt.Println("done")
	return 0
}

// writer is a child process running Write, stopped at a step.
type writer struct {
	cmd   *exec.Cmd
	stdin io.Closer
}

// startWriter starts the test binary as a writer on out that stops at
// step, and returns once it says it is there.
func startWriter(t *testing.T, out, step, input string) *writer {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "RELEASE_TEST_OUT="+out, "RELEASE_TEST_STOP_AT="+step, "RELEASE_TEST_INPUT="+input)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w := &writer{cmd: cmd, stdin: stdin}
	t.Cleanup(w.kill)
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if line != "at "+step+"\n" {
		w.kill()
		t.Fatalf("the writer did not stop at %s: %q %v", step, line, err)
	}
	return w
}

// kill kills the writer with SIGKILL and waits for it to exit.
func (w *writer) kill() {
	if w.cmd.ProcessState != nil {
		return
	}
	w.cmd.Process.Kill()
	w.cmd.Wait()
	w.stdin.Close()
}

// A process killed at any step of a Write leaves a state the next Write
// completes by itself (issue 22, item 1): it publishes, or finds the
// version already published once it has listed it and pointed latest at
// it; then every listed version verifies, and nothing temporary is left.
func TestKilledAtEachStep(t *testing.T) {
	// Every step while publishing a second version; the first version
	// (no index.json yet) at its rename.
	type kill struct {
		stop  string
		first bool
	}
	for _, k := range []kill{{stepVersion, true}, {stepWritten, false}, {stepVersion, false}, {stepIndex, false}, {stepLatest, false}} {
		stop, first := k.stop, k.first
		t.Run(fmt.Sprintf("%s/first=%v", stop, first), func(t *testing.T) {
			t.Parallel()
			out := t.TempDir()
			input, want, versions := "synthetic", "v1.0.0", []string{"v1.0.0"}
			in := syntheticInput()
			if !first {
				mustBuild(t, out, syntheticInput())
				input, want, versions, in = "changed", "v1.1.0", []string{"v1.0.0", "v1.1.0"}, changedInput()
			}
			startWriter(t, out, stop, input).kill()
			res, err := Write(context.Background(), out, in)
			if err != nil {
				t.Fatalf("the run after a kill at %s: %v", stop, err)
			}
			// Killed before the version's rename, nothing was published: the
			// next run publishes it. After, the version is there: the next
			// run completes its listing and finds the data unchanged.
			published := stop != stepWritten
			if res.Version != want || res.Changed == published {
				t.Errorf("the run after a kill at %s: %s changed=%v, want %s changed=%v", stop, res.Version, res.Changed, want, !published)
			}
			if wantRepair := published && stop != stepLatest; wantRepair != (len(res.Repaired) > 0) {
				t.Errorf("after a kill at %s: repaired %v", stop, res.Repaired)
			}
			checkPublished(t, out, versions...)
		})
	}
}

// checkPublished checks that index.json lists exactly versions, latest
// names the last, every one verifies (its index entry included), and no
// temporary directory or file is left in OUT/releases.
func checkPublished(t *testing.T, out string, versions ...string) {
	t.Helper()
	entries, err := Index(out)
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, e := range entries {
		listed = append(listed, e.Version)
		if err := Verify(context.Background(), out, e.Version); err != nil {
			t.Errorf("verify %s: %v", e.Version, err)
		}
	}
	if strings.Join(listed, " ") != strings.Join(versions, " ") {
		t.Errorf("index.json lists %v, want %v", listed, versions)
	}
	if v, err := Latest(out); v != versions[len(versions)-1] || err != nil {
		t.Errorf("latest = %q, %v; want %s", v, err, versions[len(versions)-1])
	}
	ents, _ := os.ReadDir(releasesDir(out))
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), tmpPrefix) {
			t.Errorf("%s left in OUT/releases", e.Name())
		}
	}
}

// A version left unlisted that does not verify is moved aside under
// OUT/releases/.broken/, never deleted, with a message saying so and why;
// the next version takes its place, and nothing published names it.
func TestUnverifiableMovedAside(t *testing.T) {
	out := t.TempDir()
	startWriter(t, out, stepVersion, "synthetic").kill()
	csv := filepath.Join(releasesDir(out), "v1.0.0", "data", "revenue.csv")
	if err := os.WriteFile(csv, []byte("tampered\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Write(context.Background(), out, syntheticInput())
	if err != nil {
		t.Fatalf("the run after: %v", err)
	}
	if len(res.Repaired) != 1 || res.Repaired[0].Action != ActionMovedAside || !errors.Is(res.Repaired[0].Err, ErrVerify) {
		t.Fatalf("repaired %+v, want v1.0.0 moved aside", res.Repaired)
	}
	msg := res.Repaired[0].String()
	if !strings.Contains(msg, "does not verify") || !strings.Contains(msg, "revenue.csv") || !strings.Contains(msg, "not deleted") {
		t.Errorf("message %q", msg)
	}
	to := res.Repaired[0].To
	if filepath.Dir(to) != filepath.Join(releasesDir(out), brokenDir) || !strings.HasPrefix(filepath.Base(to), "v1.0.0-") {
		t.Errorf("moved to %s, want releases/.broken/v1.0.0-TIME", to)
	}
	if b, err := os.ReadFile(filepath.Join(to, "data", "revenue.csv")); err != nil || string(b) != "tampered\n" {
		t.Errorf("the unverifiable version was not kept: %q, %v", b, err)
	}
	checkPublished(t, out, "v1.0.0")
}

// An existing version index.json does not list is never overwritten:
// one that verifies is listed, anything else set aside as it was.
func TestUnlistedDirectoryNotOverwritten(t *testing.T) {
	out := t.TempDir()
	dir := filepath.Join(releasesDir(out), "v1.0.0")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "note"), []byte("mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Write(context.Background(), out, syntheticInput())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Repaired) != 1 || res.Repaired[0].Action != ActionMovedAside {
		t.Fatalf("repaired %+v", res.Repaired)
	}
	if b, err := os.ReadFile(filepath.Join(res.Repaired[0].To, "note")); string(b) != "mine\n" {
		t.Errorf("the directory in the way was not kept: %q %v", b, err)
	}
	checkPublished(t, out, "v1.0.0")
}

// index.json's fingerprint, rows and date are checked against the
// version's files, which SHA256SUMS covers (issue 22, item 7).
func TestVerifyChecksIndexEntry(t *testing.T) {
	out := t.TempDir()
	mustBuild(t, out, syntheticInput())
	if err := Verify(context.Background(), out, "v1.0.0"); err != nil {
		t.Fatal(err)
	}
	for name, edit := range map[string]func(*Entry){
		"fingerprint": func(e *Entry) { e.Fingerprint = strings.Repeat("0", 64) },
		"rows":        func(e *Entry) { e.Rows["revenue"]++ },
		"date":        func(e *Entry) { e.Date = "2020-01-01" },
	} {
		entries, err := Index(out)
		if err != nil {
			t.Fatal(err)
		}
		orig, err := marshalJSON(entries)
		if err != nil {
			t.Fatal(err)
		}
		edit(&entries[0])
		b, err := marshalJSON(entries)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(releasesDir(out), indexFile)
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := Verify(context.Background(), out, "v1.0.0"); !errors.Is(err, ErrVerify) || !strings.Contains(err.Error(), name) {
			t.Errorf("verify with a wrong %s in index.json: %v", name, err)
		}
		if err := os.WriteFile(path, orig, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Two writers on the same out exclude each other (issue 22, item 7),
// whatever their data directories: while one holds out's lock (a process
// stopped with its version written in its temporary directory), another
// fails at once naming the directory, or waits with Wait, and neither
// removes the other's temporary directory; once the holder is killed, the
// waiting one publishes.
func TestOutLock(t *testing.T) {
	out := t.TempDir()
	holder := startWriter(t, out, stepWritten, "synthetic")
	temps := func() []string {
		m, _ := filepath.Glob(filepath.Join(releasesDir(out), tmpPrefix+"v1.0.0-*"))
		return m
	}
	live := temps()
	if len(live) != 1 {
		t.Fatalf("the holder's temporary directories: %v", live)
	}
	_, err := Write(context.Background(), out, syntheticInput())
	var busy *runlock.BusyError
	if !errors.As(err, &busy) || !busy.Dir || !strings.Contains(err.Error(), releasesDir(out)) {
		t.Errorf("Write while another process writes to out: %v, want a busy lock", err)
	}
	if _, err := os.Stat(live[0]); err != nil {
		t.Fatalf("a refused Write removed the holder's temporary directory: %v", err)
	}
	waiting := make(chan struct{})
	stepHook = func(s string) {
		if s == stepLockWait {
			close(waiting)
		}
	}
	defer func() { stepHook = nil }()
	done := make(chan error, 1)
	go func() {
		in := syntheticInput()
		in.Wait = true
		_, err := Write(context.Background(), out, in)
		done <- err
	}()
	<-waiting
	if _, err := os.Stat(live[0]); err != nil {
		t.Errorf("a waiting Write removed the holder's temporary directory: %v", err)
	}
	holder.kill()
	if err := <-done; err != nil {
		t.Fatalf("Write after the holder died: %v", err)
	}
	checkPublished(t, out, "v1.0.0")
	if left := temps(); len(left) != 0 {
		t.Errorf("the dead holder's temporary directory is left: %v", left)
	}
}
