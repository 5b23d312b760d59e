package curated

import (
	"bytes"
	"io/fs"
	"testing"

	"github.com/cubaexports/cubaexports/sources"
	"github.com/cubaexports/cubaexports/sources/snapshot"
	"github.com/cubaexports/cubaexports/sources/sourcetest"
)

// Every embedded sheet passes the conformance suite, truncated in the
// middle of its second line (a record cut short).
func TestConformance(t *testing.T) {
	fsys := embedded()
	names, err := fs.Glob(fsys, "*.csv")
	if err != nil || len(names) < 4 {
		t.Fatalf("embedded sheets: %v %v", names, err)
	}
	for _, name := range names {
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			t.Fatal(err)
		}
		first := bytes.IndexByte(body, '\n')
		second := first + 1 + bytes.IndexByte(body[first+1:], '\n')
		t.Run(name, func(t *testing.T) {
			sourcetest.Run(t, sourcetest.Case{
				Entry:      sources.Entry{ID: "curated", Kind: Kind},
				Snapshot:   snapshot.Snapshot{Name: name},
				Body:       body,
				TruncateAt: first + 1 + (second-first)/3,
			})
		})
	}
}
