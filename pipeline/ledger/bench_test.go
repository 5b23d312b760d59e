package ledger_test

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/cubaexports/cubaexports/pipeline/ledger"
)

// BenchmarkAppend measures one record appended and synced to disk, the
// cost every job firing pays.
func BenchmarkAppend(b *testing.B) {
	l := ledger.Open(b.TempDir())
	r := rec(1)
	b.ReportAllocs()
	for b.Loop() {
		if err := l.Append(r); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRead measures reading a ledger of 10,000 firings, about two
// years of hourly fetches of one source: what status and a daemon
// start-up read.
func BenchmarkRead(b *testing.B) {
	dir := b.TempDir()
	l := ledger.Open(dir)
	var buf bytes.Buffer
	for i := range 10000 {
		line, _ := json.Marshal(rec(i % 60))
		buf.Write(append(line, '\n'))
	}
	if err := os.WriteFile(l.Path(), buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if recs, err := l.Read(); err != nil || len(recs) != 10000 {
			b.Fatal(len(recs), err)
		}
	}
}
