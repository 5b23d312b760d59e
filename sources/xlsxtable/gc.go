package xlsxtable

import (
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// Streaming a large sheet allocates kilobytes per row in excelize's XML
// decoding while keeping only a few megabytes alive. With the default
// GOGC=100 the heap goal is then a few megabytes too, so the collector
// runs hundreds of times per large sheet and takes a large share of the
// extraction's CPU time (the measurements are in docs/yearbook-layouts.md,
// "Speed and memory"). While a sheet larger than the excelize spill size
// streams, the collector's percent is raised so the heap may grow by
// about gcHeadroom bytes of garbage between cycles, and it is put back
// when the last such extraction ends.

const (
	// gcHeadroom is the garbage the heap may gather between two cycles
	// while a large sheet streams; it is what peak memory grows by.
	gcHeadroom = 48 << 20
	// gcMaxPercent caps the raised percent (for a nearly empty heap).
	gcMaxPercent = 1000
)

// gcTuner counts the extractions streaming a large sheet and keeps the
// percent to restore; process-wide because the collector's setting is.
type gcTuner struct {
	mu     sync.Mutex
	active int
	prev   int
	live   func() uint64 // the live heap; nil: liveHeap (tests set it)
}

var streamGC gcTuner

// raise lifts the collector's percent, when that is higher than the one in
// force, to let the heap grow by about gcHeadroom over the live heap, and
// returns the function that undoes it. A percent below 0 (GOGC=off) or
// above the computed one is left alone.
func (t *gcTuner) raise() (restore func()) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.active == 0 {
		cur := gcPercent()
		live := liveHeap
		if t.live != nil {
			live = t.live
		}
		want := gcPercentFor(live())
		if cur < 0 || want <= cur {
			return func() {}
		}
		t.prev = debug.SetGCPercent(want)
	}
	t.active++
	var once sync.Once
	return func() {
		once.Do(func() {
			t.mu.Lock()
			defer t.mu.Unlock()
			if t.active--; t.active == 0 {
				debug.SetGCPercent(t.prev)
			}
		})
	}
}

// gcPercentFor is the percent whose heap goal is about gcHeadroom above a
// live heap of live bytes, between 100 and gcMaxPercent.
func gcPercentFor(live uint64) int {
	if live == 0 {
		return gcMaxPercent
	}
	return int(min(max(gcHeadroom*100/live, 100), gcMaxPercent))
}

// gcPercent is the collector's percent in force (GOGC; below 0 when off).
func gcPercent() int {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 100
	}
	v := s[0].Value.Uint64()
	if v > 1<<31 {
		return -1
	}
	return int(v)
}

// liveHeap is the heap the last collection found alive (0 if unknown).
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
