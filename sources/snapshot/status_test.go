package snapshot

import (
	"context"
	"errors"
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
		LastError: "HTTP 503", LastSuccess: committed, StaleSince: committed.Add(time.Minute), Failing: true}
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

// A fetch that stored an error page (HTTP 200) and failed as a whole is
// reported failing, with its error and since when, until the next commit;
// the commit after it reports the recovery once; the old bytes fetched
// again keep their first retrieval time.
func TestFailureRecoveryAndFirstRetrieval(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, t.TempDir())
	clock := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	s.now = func() time.Time { clock = clock.Add(time.Minute); return clock }
	good := put(t, s, "wb", "page-1.json", `[{"page":1},[]]`)
	if err := s.Commit(ctx, "wb", []Snapshot{good}); err != nil {
		t.Fatal(err)
	}
	bad := put(t, s, "wb", "page-1.json", `[{"message":[{"id":"120"}]}]`)
	if bad.RetrievedAt.Equal(good.RetrievedAt) {
		t.Fatal("an error page got the good page's retrieval time")
	}
	if err := s.Fail(ctx, "wb", errors.New("the World Bank API answered with an error")); err != nil {
		t.Fatal(err)
	}
	failedAt := clock
	st := status(t, s, "wb")
	if !st.Failing || !st.StaleSince.Equal(failedAt) || !strings.Contains(st.LastError, "World Bank") ||
		st.LastOutcome != OutcomeFailed || !st.RecoveredFrom.IsZero() {
		t.Errorf("after the failure: %+v", st)
	}
	again := put(t, s, "wb", "page-1.json", `[{"page":1},[]]`)
	if again != good {
		t.Errorf("the old bytes again: %+v, want the first snapshot %+v", again, good)
	}
	if err := s.Commit(ctx, "wb", []Snapshot{again}); err != nil {
		t.Fatal(err)
	}
	st = status(t, s, "wb")
	if st.Failing || !st.StaleSince.IsZero() || !st.RecoveredFrom.Equal(failedAt) {
		t.Errorf("after the recovery: %+v", st)
	}
	if err := s.Commit(ctx, "wb", []Snapshot{again}); err != nil {
		t.Fatal(err)
	}
	if st = status(t, s, "wb"); !st.RecoveredFrom.IsZero() {
		t.Errorf("the recovery reported twice: %+v", st)
	}
}

func status(t *testing.T, s *Store, id string) SourceStatus {
	t.Helper()
	sts, err := s.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range sts {
		if st.SourceID == id {
			return st
		}
	}
	t.Fatalf("no status of %s", id)
	return SourceStatus{}
}
