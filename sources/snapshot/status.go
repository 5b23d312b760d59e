package snapshot

import (
	"context"
	"sort"
	"time"
)

// SourceStatus is the fetch health of one source, for `cubaexports status`.
type SourceStatus struct {
	SourceID    string
	LastAttempt time.Time // the last index line of the source, of any kind
	LastOutcome Outcome   // of the last fetch attempt
	LastError   string    // of the last fetch attempt, when it failed
	LastSuccess time.Time // the last commit; zero if never committed
	// StaleSince is the first failed attempt after the last commit: since
	// then the source's current documents may be out of date. Zero when
	// no attempt failed after the last commit.
	StaleSince time.Time
	// Failing: the source's last fetch failed (a failure line, or a failed
	// download, after its last commit).
	Failing bool
	// RecoveredFrom is set when the last commit ended a run of failures:
	// the first of them (the StaleSince before the commit). It is zero
	// again after the next commit, so a recovery is reported once.
	RecoveredFrom time.Time
}

// List returns the index lines of a source (every source when sourceID
// is empty), oldest first, for `cubaexports snapshots [SOURCE]`.
func (s *Store) List(ctx context.Context, sourceID string) ([]Record, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	recs, err := s.records()
	if err != nil {
		return nil, err
	}
	var out []Record
	for _, r := range recs {
		if sourceID == "" || r.SourceID == sourceID {
			out = append(out, r)
		}
	}
	return out, nil
}

// Status returns the fetch health of every source in the index, sorted
// by source id.
func (s *Store) Status(ctx context.Context) ([]SourceStatus, error) {
	recs, err := s.List(ctx, "")
	if err != nil {
		return nil, err
	}
	by := map[string]*SourceStatus{}
	var ids []string
	for _, r := range recs {
		st := by[r.SourceID]
		if st == nil {
			st = &SourceStatus{SourceID: r.SourceID}
			by[r.SourceID] = st
			ids = append(ids, r.SourceID)
		}
		st.add(r)
	}
	sort.Strings(ids)
	out := make([]SourceStatus, len(ids))
	for i, id := range ids {
		out[i] = *by[id]
	}
	return out, nil
}

// add folds one index line (in index order) into the status.
func (st *SourceStatus) add(r Record) {
	if r.RetrievedAt.After(st.LastAttempt) {
		st.LastAttempt = r.RetrievedAt
	}
	switch {
	case r.Kind == KindCommit:
		st.RecoveredFrom = st.StaleSince
		st.LastSuccess, st.StaleSince, st.Failing = r.RetrievedAt, time.Time{}, false
	case r.Outcome == OutcomeFailed:
		st.LastOutcome, st.LastError, st.Failing = r.Outcome, r.Error, true
		if st.StaleSince.IsZero() {
			st.StaleSince = r.RetrievedAt
		}
	default:
		st.LastOutcome, st.LastError = r.Outcome, ""
	}
}
