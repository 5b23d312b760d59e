package main

import "runtime/debug"

// gcPercent is the collector's target this program runs with instead of
// Go's default of 100. The fact tables are held in large buffers without
// pointers, so a collection costs little, and a lower target keeps peak
// memory closer to the live heap (the measurements are in
// docs/architecture.md, "The collector's target"). It is the program's
// policy, set once in main: no package sets the target for a whole run
// (sources/xlsxtable raises it only while a large sheet streams, then
// puts it back).
const gcPercent = 50

// setGC sets the collector's target to gcPercent unless the environment
// (getenv) sets GOGC, which wins.
func setGC(getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
}
