package pipeline

import (
	"runtime/debug"
	"testing"
)

// SetGC sets GCPercent, and leaves the target alone when GOGC is set.
func TestSetGC(t *testing.T) {
	old := debug.SetGCPercent(100)
	defer debug.SetGCPercent(old)
	t.Setenv("GOGC", "")
	SetGC()
	if got := debug.SetGCPercent(100); got != GCPercent {
		t.Errorf("without GOGC: target %d, want %d", got, GCPercent)
	}
	t.Setenv("GOGC", "100")
	SetGC()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("with GOGC=100: target %d, want 100", got)
	}
}
