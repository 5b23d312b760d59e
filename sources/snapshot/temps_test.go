package snapshot

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Unfinished objects (objects/.tmp-*) are removed: by OpenStore once a
// day old (it runs without the run lock), by RemoveTemps when older than
// the time given (a run holding the lock passes its start).
func TestRemoveTemps(t *testing.T) {
	dir := t.TempDir()
	objects := filepath.Join(dir, objectsDir)
	if err := os.MkdirAll(objects, 0o755); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	ages := map[string]time.Duration{".tmp-day": 25 * time.Hour, ".tmp-hour": time.Hour, ".tmp-new": 0}
	for name, age := range ages {
		p := filepath.Join(objects, name)
		if err := os.WriteFile(p, []byte("partial"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, now.Add(-age), now.Add(-age)); err != nil {
			t.Fatal(err)
		}
	}
	exists := func(name string) bool { _, err := os.Stat(filepath.Join(objects, name)); return err == nil }
	s, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if exists(".tmp-day") || !exists(".tmp-hour") || !exists(".tmp-new") {
		t.Errorf("after OpenStore: day %v hour %v new %v, want only the day-old one removed", exists(".tmp-day"), exists(".tmp-hour"), exists(".tmp-new"))
	}
	if n, err := RemoveTemps(dir, now.Add(-time.Minute)); n != 1 || err != nil {
		t.Errorf("RemoveTemps removed %d, %v; want 1", n, err)
	}
	if exists(".tmp-hour") || !exists(".tmp-new") {
		t.Errorf("after RemoveTemps: hour %v new %v, want the hour-old one removed, the new one kept", exists(".tmp-hour"), exists(".tmp-new"))
	}
}
