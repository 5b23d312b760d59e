package fetch

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// testFetcher is a fetcher on a fresh store with fast retries.
func testFetcher(t testing.TB, opts Options) (*Fetcher, *snapshot.Store, string) {
	t.Helper()
	dir := t.TempDir()
	store, err := snapshot.OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if opts.BackoffBase == 0 {
		opts.BackoffBase, opts.BackoffMax = time.Millisecond, 5*time.Millisecond
	}
	if opts.Jitter == nil {
		opts.Jitter = func(d time.Duration) time.Duration { return d }
	}
	if opts.Progress == nil {
		opts.Progress = io.Discard
	}
	return New(store, opts), store, dir
}

// objectFiles counts the files under objects/, temporary ones included.
func objectFiles(t testing.TB, dir string) (n int) {
	t.Helper()
	err := filepath.WalkDir(filepath.Join(dir, "objects"), func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			n++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func body(t testing.TB, d snapshot.Document) string {
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

// records is the store's index for source "src".
func records(t testing.TB, s *snapshot.Store) []snapshot.Record {
	t.Helper()
	recs, err := s.List(context.Background(), "src")
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func mustContain(t testing.TB, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one containing %q", parts)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q does not contain %q", err, p)
		}
	}
}
