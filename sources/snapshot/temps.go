package snapshot

import (
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// RemoveTemps removes the temporary objects (objects/.tmp-*) of the store
// in the data directory dir last modified before before, and returns how
// many it removed. A fetch writes an object's bytes to such a file and
// renames it when complete, so one left behind is from a process that
// died. A caller holding the data directory's run lock passes the time it
// took it, since no live run can have written one before then; OpenStore
// removes only those a day old, since it runs unlocked too.
func RemoveTemps(dir string, before time.Time) (int, error) {
	matches, err := filepath.Glob(filepath.Join(dir, objectsDir, tempPrefix+"*"))
	if err != nil {
		return 0, err
	}
	n := 0
	for _, m := range matches {
		fi, err := os.Lstat(m)
		if err != nil || !fi.ModTime().Before(before) {
			continue
		}
		if err := os.RemoveAll(m); err != nil {
			return n, fmt.Errorf("snapshot store: removing a dead run's %s: %w", m, err)
		}
		n++
	}
	return n, nil
}
