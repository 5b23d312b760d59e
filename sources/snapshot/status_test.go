package snapshot

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestStatusAndLast(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, t.TempDir())
	clock := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	s.now = func() time.Time { clock = clock.Add(time.Minute); return clock }
	a := put(t, s, "src", "a.json", `{"v":1}`)
	if err := s.Commit(ctx, "src", []Snapshot{a}); err != nil {
		t.Fatal(err)
	}
	committed := clock
	for range 2 {
		if err := s.Record(ctx, Record{SourceID: "src", Name: "a.json", Outcome: OutcomeFailed, Error: "HTTP 503"}); err != nil {
			t.Fatal(err)
		}
	}
	put(t, s, "other", "b.csv", "b")
	st, err := s.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(st) != 2 || st[0].SourceID != "other" || st[1].SourceID != "src" {
		t.Fatalf("status %+v", st)
	}
	src := st[1]
	want := SourceStatus{SourceID: "src", LastAttempt: committed.Add(2 * time.Minute), LastOutcome: OutcomeFailed,
		LastError: "HTTP 503", LastSuccess: committed, StaleSince: committed.Add(time.Minute)}
	if src != want {
		t.Errorf("status\n got %+v\nwant %+v", src, want)
	}
	if !st[0].LastSuccess.IsZero() || st[0].LastOutcome != OutcomeNew {
		t.Errorf("never committed: %+v", st[0])
	}
	last, ok := s.Last(ctx, "src", "a.json")
	if !ok || last.SHA256 != a.SHA256 || last.Snapshot() != a {
		t.Errorf("Last after failures: %+v %v", last, ok)
	}
	if recs, _ := s.List(ctx, "src"); len(recs) != 4 || recs[1].Kind != KindCommit || !strings.Contains(recs[3].Error, "503") {
		t.Errorf("list %+v", recs)
	}
}
