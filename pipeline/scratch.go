package pipeline

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// ScratchDir is the directory under the data directory that holds runs'
// temporary files (the workbook writer's spilled sheets: about 200 MB at
// 120,000 contract rates), one subdirectory per run. A run removes its
// own when it ends; a killed run's is removed by the next run that holds
// the run lock (see Config.RunLocked).
const ScratchDir = "tmp"

// removeDeadTemps removes what runs that died left in the data
// directory: every entry of DATA/tmp and every temporary object
// (objects/.tmp-*) last modified before start. The caller holds the run
// lock since start, so no live run wrote them. It returns how many it
// removed.
func removeDeadTemps(dataDir string, start time.Time) (int, error) {
	n, err := snapshot.RemoveTemps(dataDir, start)
	if err != nil {
		return n, err
	}
	dir := filepath.Join(dataDir, ScratchDir)
	ents, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return n, nil
	}
	if err != nil {
		return n, fmt.Errorf("scratch: %w", err)
	}
	for _, e := range ents {
		fi, err := e.Info()
		if err != nil || !fi.ModTime().Before(start) {
			continue
		}
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			return n, fmt.Errorf("scratch: removing a dead run's %s: %w", e.Name(), err)
		}
		n++
	}
	return n, nil
}

// newScratch makes this run's directory under DATA/tmp; the caller
// removes it when the run ends.
func newScratch(dataDir string) (string, error) {
	dir := filepath.Join(dataDir, ScratchDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("scratch: %w", err)
	}
	d, err := os.MkdirTemp(dir, "run-")
	if err != nil {
		return "", fmt.Errorf("scratch: %w", err)
	}
	return d, nil
}
