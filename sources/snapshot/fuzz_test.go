package snapshot

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// FuzzIndexTail checks that whatever a crash or a stray editor left at
// the end of the index, the store opens, appends, and reads back what it
// appended as its last record.
func FuzzIndexTail(f *testing.F) {
	f.Add([]byte(`{"kind":"fetch","source_id":"src","name":"a.cs`))
	f.Add([]byte("{\"kind\":\"commit\",\"source_id\":\"src\"}\n"))
	f.Add([]byte("\n\n\x00\xff{"))
	f.Add([]byte(`{"kind":"fetch","source_id":"src","retrieved_at":"not a time"}`))
	f.Fuzz(func(t *testing.T, tail []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, indexName), tail, 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := OpenStore(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		ctx := context.Background()
		if err := s.Record(ctx, Record{SourceID: "fuzz", Name: "x", Outcome: OutcomeFailed, Error: "e"}); err != nil {
			t.Fatal(err)
		}
		s2, err := OpenStore(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer s2.Close()
		recs, err := s2.List(ctx, "fuzz")
		if err != nil || len(recs) == 0 || recs[len(recs)-1].Error != "e" {
			t.Fatalf("after tail %q: %+v %v", tail, recs, err)
		}
	})
}
