package fetch

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// helperEnv carries "STORE-DIR URL" to the child of TestCrashMidDownload.
const helperEnv = "CUBAEXPORTS_FETCH_CRASH_HELPER"

// TestHelperDownload is not a test: it is the child process that
// TestCrashMidDownload kills in the middle of a download.
func TestHelperDownload(t *testing.T) {
	spec := os.Getenv(helperEnv)
	if spec == "" {
		t.Skip("the child process of TestCrashMidDownload")
	}
	dir, url, _ := strings.Cut(spec, " ")
	store, err := snapshot.OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = New(store, Options{Progress: io.Discard}).Get(context.Background(),
		Request{SourceID: "src", Name: "big.csv", URL: url, Format: "csv"})
	t.Fatalf("the download ended (%v); the parent should have killed this process", err)
}

func TestCrashMidDownload(t *testing.T) {
	const chunks, chunk = 64, 64 << 10
	line := strings.Repeat("a,b\n", chunk/4)
	var slow atomic.Bool
	slow.Store(true)
	midBody, hold := make(chan struct{}), make(chan struct{})
	defer close(hold)
	var once sync.Once
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(chunks*chunk))
		for i := range chunks {
			if _, err := w.Write([]byte(line)); err != nil {
				return
			}
			if i == 8 && slow.Load() { // the first run stalls mid-body until it is killed
				w.(http.Flusher).Flush()
				once.Do(func() { close(midBody) })
				select {
				case <-hold:
				case <-r.Context().Done():
					return
				}
			}
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	var out bytes.Buffer
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperDownload$", "-test.v")
	cmd.Env = append(os.Environ(), helperEnv+"="+dir+" "+srv.URL+"/big.csv")
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-midBody:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("the child never got to the body:\n%s", out.String())
	}
	waitForTemp(t, dir)
	if err := cmd.Process.Kill(); err != nil { // SIGKILL on Unix
		t.Fatal(err)
	}
	cmd.Wait()
	if strings.Contains(out.String(), "should have killed") {
		t.Fatalf("the child finished before the kill:\n%s", out.String())
	}
	checkConsistent(t, dir, 0)

	slow.Store(false)
	store, err := snapshot.OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	f := New(store, Options{Progress: io.Discard})
	doc, out2, err := f.Get(context.Background(), Request{SourceID: "src", Name: "big.csv", URL: srv.URL + "/big.csv", Format: "csv"})
	if err != nil || out2 != snapshot.OutcomeNew || doc.Size != chunks*chunk {
		t.Fatalf("the next run: %v %v size %d", out2, err, doc.Size)
	}
	checkConsistent(t, dir, 1)
}

// waitForTemp waits until the child has begun writing a temporary object:
// a file, so it is looked for every few milliseconds, for 30 s at most.
func waitForTemp(t *testing.T, dir string) {
	t.Helper()
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	timeout := time.NewTimer(30 * time.Second)
	defer timeout.Stop()
	for {
		m, _ := filepath.Glob(filepath.Join(dir, "objects", ".tmp-*"))
		if len(m) > 0 {
			if fi, err := os.Stat(m[0]); err == nil && fi.Size() > 0 {
				return
			}
		}
		select {
		case <-tick.C:
		case <-timeout.C:
			t.Fatal("the child wrote no temporary object within 30s of the server sending the first part of the body")
		}
	}
}

// checkConsistent checks that Verify is clean, that every index line
// refers to a complete object, and that wantNew documents are indexed.
func checkConsistent(t *testing.T, dir string, wantNew int) {
	t.Helper()
	store, err := snapshot.OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	problems, err := store.Verify(context.Background())
	if err != nil || len(problems) != 0 {
		t.Fatalf("verify: %v %v", problems, err)
	}
	recs, _ := store.List(context.Background(), "")
	news := 0
	for _, r := range recs {
		if r.SHA256 == "" {
			continue
		}
		fi, err := os.Stat(store.ObjectPath(r.SHA256))
		if err != nil || fi.Size() != r.Size {
			t.Errorf("index line %+v: object %v", r, err)
		}
		if r.Outcome == snapshot.OutcomeNew {
			news++
		}
	}
	if news != wantNew {
		t.Errorf("%d new documents indexed, want %d: %+v", news, wantNew, recs)
	}
}
