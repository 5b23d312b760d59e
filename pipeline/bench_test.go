package pipeline

import (
	"context"
	"testing"
)

// BenchmarkBuildEmbedded measures a whole build of the embedded curated
// data: gather, extract, stamp, normalize, derive, validate (no release).
func BenchmarkBuildEmbedded(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(context.Background(), Config{Date: date, Offline: true, DataDir: b.TempDir()}); err != nil {
			b.Fatal(err)
		}
	}
}
