// Package publishtest builds a real cubaexports release from the embedded
// data (offline) for the tests of the publishing packages.
package publishtest

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/cubaexports/cubaexports/pipeline"
	"github.com/cubaexports/cubaexports/pipeline/release"

	_ "github.com/cubaexports/cubaexports/sources/kinds" // every source kind of the catalog
)

// Date is the release date of the test release.
var Date = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

var (
	once sync.Once
	dir  string
	err  error
)

// Release returns an output directory holding one release (v1.0.0) built
// from the embedded data. It is built once per test binary, into a
// temporary directory; callers must not change it (copy it with Copy).
func Release(t testing.TB) string {
	t.Helper()
	once.Do(func() {
		dir, err = os.MkdirTemp("", "cubaexports-publishtest-*")
		if err != nil {
			return
		}
		out := filepath.Join(dir, "out")
		_, err = pipeline.Run(context.Background(), pipeline.Config{Offline: true, Date: Date,
			DataDir: filepath.Join(dir, "data"), Program: release.Program{Name: "cubaexports", Version: "test"}}, out)
	})
	if err != nil {
		t.Fatalf("building the test release: %v", err)
	}
	return filepath.Join(dir, "out")
}

// Copy copies the test release into a new temporary directory of t and
// returns it.
func Copy(t testing.TB) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "out")
	if err := os.CopyFS(dst, os.DirFS(Release(t))); err != nil {
		t.Fatal(err)
	}
	return dst
}

// Main runs the tests of a package and removes the test release after.
// Call it from TestMain.
func Main(m *testing.M) {
	code := m.Run()
	if dir != "" {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}
