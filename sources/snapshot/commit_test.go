package snapshot

import (
	"context"
	"errors"
	"testing"
)

func TestCurrentAfterTwoCommits(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, t.TempDir())
	if _, _, err := s.Current(ctx, "src"); !errors.Is(err, ErrNoSnapshot) {
		t.Fatalf("never committed: %v", err)
	}
	a1, b1 := put(t, s, "src", "a.csv", "a1"), put(t, s, "src", "b.csv", "b1")
	if err := s.Commit(ctx, "src", []Snapshot{a1, b1}); err != nil {
		t.Fatal(err)
	}
	a2 := put(t, s, "src", "a.csv", "a2")
	if err := s.Commit(ctx, "src", []Snapshot{a2}); err != nil {
		t.Fatal(err)
	}
	docs, at, err := s.Current(ctx, "src")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || docs[0].SHA256 != a2.SHA256 || readAll(t, docs[0]) != "a2" {
		t.Errorf("current %+v", docs)
	}
	if recs, _ := s.List(ctx, "src"); !at.Equal(recs[len(recs)-1].RetrievedAt) {
		t.Errorf("commit time %v, want the last commit's", at)
	}
	if err := s.Commit(ctx, "src", []Snapshot{{Name: "x", SHA256: shaOf("never stored")}}); err == nil {
		t.Error("commit of a missing object accepted")
	}
}
