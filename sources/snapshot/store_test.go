package snapshot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func openTest(t *testing.T, dir string) *Store {
	t.Helper()
	s, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func put(t *testing.T, s *Store, source, name, body string) Snapshot {
	t.Helper()
	snap, err := s.Put(context.Background(), Meta{SourceID: source, Name: name, URL: "https://example.org/" + name}, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

func shaOf(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// objects counts the object files (temporary ones apart) under dir.
func objects(t *testing.T, dir string) (n int) {
	t.Helper()
	err := filepath.WalkDir(filepath.Join(dir, objectsDir), func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && !strings.HasPrefix(d.Name(), tempPrefix) {
			n++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func readAll(t *testing.T, d Document) string {
	t.Helper()
	r, err := d.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestPutDedup(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir)
	clock := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	s.now = func() time.Time { clock = clock.Add(time.Hour); return clock }
	first := put(t, s, "src", "a.csv", "x,y\n1,2\n")
	again := put(t, s, "src", "a.csv", "x,y\n1,2\n")
	other := put(t, s, "src2", "b.csv", "x,y\n1,2\n")
	if first.SHA256 != shaOf("x,y\n1,2\n") || first.Size != 8 || first.MediaType != "" {
		t.Errorf("first %+v", first)
	}
	if again != first {
		t.Errorf("identical bytes: got %+v, want the first snapshot %+v", again, first)
	}
	if other.SHA256 != first.SHA256 || other.RetrievedAt.Equal(first.RetrievedAt) {
		t.Errorf("other document %+v", other)
	}
	if n := objects(t, dir); n != 1 {
		t.Errorf("%d objects, want 1", n)
	}
	recs, _ := s.List(context.Background(), "")
	want := []Outcome{OutcomeNew, OutcomeUnchanged, OutcomeNew}
	for i, r := range recs {
		if r.Outcome != want[i] {
			t.Errorf("record %d outcome %s, want %s", i, r.Outcome, want[i])
		}
	}
	if body, _ := os.ReadFile(s.ObjectPath(first.SHA256)); string(body) != "x,y\n1,2\n" {
		t.Errorf("object %q", body)
	}
}

func TestTornIndexLine(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir)
	put(t, s, "src", "a.csv", "a")
	f, err := os.OpenFile(filepath.Join(dir, indexName), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"kind":"fetch","source_id":"src","name":"b.cs`) // a crash mid-append
	f.Close()
	s2 := openTest(t, dir)
	if recs, _ := s2.List(context.Background(), ""); len(recs) != 1 {
		t.Fatalf("after a torn line: %d records, want 1", len(recs))
	}
	put(t, s2, "src", "b.csv", "b")
	s3 := openTest(t, dir)
	recs, _ := s3.List(context.Background(), "src")
	if len(recs) != 2 || recs[1].Name != "b.csv" {
		t.Fatalf("append after a torn line: %+v", recs)
	}
	if _, ok := s3.Last(context.Background(), "src", "b.csv"); !ok {
		t.Error("Last lost the line appended after a torn one")
	}
}

func TestConcurrentPutSameBytes(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir)
	body := strings.Repeat("same bytes ", 10000)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			snap, err := s.Put(context.Background(), Meta{SourceID: "src", Name: "doc" + string(rune('a'+i))}, strings.NewReader(body))
			if err == nil && snap.SHA256 != shaOf(body) {
				err = errors.New("wrong sha " + snap.SHA256)
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(dir, objectsDir))
	if n := objects(t, dir); n != 1 || len(entries) != 1 {
		t.Errorf("%d objects, %d entries in objects/ (temporary files left?)", n, len(entries))
	}
	if recs, _ := s.List(context.Background(), ""); len(recs) != 8 {
		t.Errorf("%d index lines, want 8", len(recs))
	}
}

func TestOpenRemovesStaleTemps(t *testing.T) {
	dir := t.TempDir()
	openTest(t, dir)
	old, young := filepath.Join(dir, objectsDir, tempPrefix+"old"), filepath.Join(dir, objectsDir, tempPrefix+"young")
	os.WriteFile(old, []byte("partial"), 0o600)
	os.WriteFile(young, []byte("partial"), 0o600)
	long := time.Now().Add(-48 * time.Hour)
	os.Chtimes(old, long, long)
	openTest(t, dir)
	if _, err := os.Stat(old); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a day-old temporary object survived: %v", err)
	}
	if _, err := os.Stat(young); err != nil {
		t.Errorf("a recent temporary object (a fetch in progress?) was removed: %v", err)
	}
}
