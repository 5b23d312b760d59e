package ledger_test

import (
	"bytes"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cubaexports/cubaexports/pipeline/ledger"
)

func rec(i int) ledger.Record {
	at := time.Date(2026, 1, 1, 0, 0, i, 0, time.UTC)
	return ledger.Record{ID: "fetch:a@" + at.Format(time.RFC3339), Job: ledger.JobFetch, Source: "a",
		Start: at, End: at.Add(time.Second), Outcome: ledger.OK, Bytes: int64(i)}
}

// Concurrent appends each land on their own line, and read back.
func TestAppendRead(t *testing.T) {
	l := ledger.Open(t.TempDir())
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			if err := l.Append(rec(i)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	recs, err := l.Read()
	if err != nil || len(recs) != 20 {
		t.Fatalf("%d records, %v", len(recs), err)
	}
	seen := map[int64]bool{}
	for _, r := range recs {
		seen[r.Bytes] = true
		if r.Duration() != time.Second {
			t.Errorf("duration %v", r.Duration())
		}
	}
	if len(seen) != 20 {
		t.Errorf("records lost or doubled: %v", seen)
	}
}

// A torn last line (a crash mid-write) is skipped on read, and the next
// append starts on a line of its own; a bad complete line is an error
// naming its line.
func TestTornLine(t *testing.T) {
	dir := t.TempDir()
	l := ledger.Open(dir)
	if err := l.Append(rec(1)); err != nil {
		t.Fatal(err)
	}
	f, _ := os.OpenFile(l.Path(), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"id":"fetch:a@2026-01-01T00:00:02Z","job":"fet`)
	f.Close()
	recs, err := l.Read()
	if err != nil || len(recs) != 1 {
		t.Fatalf("torn: %d records, %v", len(recs), err)
	}
	if err := l.Append(rec(3)); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Read(); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("a torn line in the middle: got %v, want an error naming line 2", err)
	}
	if _, err := ledger.Open(t.TempDir()).Read(); err != nil {
		t.Errorf("missing ledger: %v", err)
	}
}

// FuzzDecode: Decode never panics, and what it returns re-encodes and
// decodes to the same records.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"id":"x","job":"fetch","outcome":"ok","start":"2026-01-01T00:00:00Z","end":"2026-01-01T00:00:01Z"}` + "\n"))
	f.Add([]byte("{\"job\":\"release\"}\n{\"job\":"))
	f.Add([]byte("\n\nnot json\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		recs, err := ledger.Decode(bytes.NewReader(b))
		if err != nil {
			return
		}
		dir := t.TempDir()
		l := ledger.Open(dir)
		for _, r := range recs {
			if err := l.Append(r); err != nil {
				t.Fatal(err)
			}
		}
		again, err := l.Read()
		if err != nil || len(again) != len(recs) {
			t.Fatalf("%d records re-read as %d: %v", len(recs), len(again), err)
		}
	})
}
