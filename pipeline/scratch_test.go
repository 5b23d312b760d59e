package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A run holding the run lock removes what killed runs left in the data
// directory (issue 22, item 7): the workbook writer's spilled sheets under
// DATA/tmp and unfinished objects (objects/.tmp-*), however recent, but
// nothing written after it started; and it leaves no scratch of its own.
// A run not holding the lock leaves them (they may be a live run's).
func TestRunRemovesDeadTemps(t *testing.T) {
	for _, locked := range []bool{true, false} {
		data := t.TempDir()
		old := time.Now().Add(-time.Minute)
		dead := []string{filepath.Join(data, ScratchDir, "run-123", "excelize-456"), filepath.Join(data, "objects", ".tmp-789")}
		for _, p := range dead {
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte("left by a killed run"), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, q := range []string{p, filepath.Dir(p)} {
				if err := os.Chtimes(q, old, old); err != nil {
					t.Fatal(err)
				}
			}
		}
		if _, err := Run(context.Background(), Config{Date: date, Offline: true, DataDir: data, RunLocked: locked}, t.TempDir()); err != nil {
			t.Fatal(err)
		}
		for _, p := range dead {
			if _, err := os.Stat(p); locked != os.IsNotExist(err) {
				t.Errorf("locked=%v: %s: %v", locked, p, err)
			}
		}
		ents, _ := os.ReadDir(filepath.Join(data, ScratchDir))
		if want := map[bool]int{true: 0, false: 1}[locked]; len(ents) != want {
			t.Errorf("locked=%v: DATA/tmp holds %d entries after the run, want %d (the dead run's)", locked, len(ents), want)
		}
	}
}

// removeDeadTemps leaves what was written after the run started.
func TestRemoveDeadTempsKeepsLive(t *testing.T) {
	data := t.TempDir()
	start := time.Now().Add(-time.Minute)
	live := []string{filepath.Join(data, ScratchDir, "run-live"), filepath.Join(data, "objects", ".tmp-live")}
	for _, p := range live {
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := removeDeadTemps(data, start); n != 0 || err != nil {
		t.Errorf("removed %d, %v", n, err)
	}
	for _, p := range live {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
}
