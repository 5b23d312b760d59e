package snapshot

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Objects lists every stored object once, sorted, and never an
// unfinished temporary one.
func TestObjects(t *testing.T) {
	s, err := OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var sums []string
	for _, body := range []string{"b", "a", "b"} {
		snap, err := s.Put(context.Background(), Meta{SourceID: "s", Name: body, URL: "file:///" + body}, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		sums = append(sums, snap.SHA256)
	}
	if err := os.WriteFile(filepath.Join(s.Dir(), objectsDir, tempPrefix+"x"), []byte("partial"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := s.Objects()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{min(sums[0], sums[1]), max(sums[0], sums[1])}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("objects %v, want %v", got, want)
	}
}
