package snapshot

import (
	"context"
	"fmt"
	"time"
)

// Commit records a complete, successful fetch of a source: docs become
// its current documents. Every document must be in the store.
func (s *Store) Commit(ctx context.Context, sourceID string, docs []Snapshot) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if sourceID == "" {
		return fmt.Errorf("snapshot store: commit needs a source id")
	}
	snaps := make([]Snapshot, len(docs))
	for i, d := range docs {
		if !s.Has(d.SHA256) {
			return fmt.Errorf("source %s: commit: %s (sha256 %s) is not in the store", sourceID, d.Name, d.SHA256)
		}
		d.SourceID = sourceID
		snaps[i] = d
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.append(Record{Kind: KindCommit, SourceID: sourceID, RetrievedAt: s.now(), Docs: snaps})
}

// Fail records that a fetch of a source failed as a whole: its download,
// or the extraction of what it downloaded. Its current documents stay
// current; Status reports the source failing, with err, from the first
// failure after its last commit.
func (s *Store) Fail(ctx context.Context, sourceID string, err error) error {
	if err == nil {
		return fmt.Errorf("source %s: fail needs an error", sourceID)
	}
	return s.Record(ctx, Record{Kind: KindFailure, SourceID: sourceID, Outcome: OutcomeFailed, Error: err.Error()})
}

// Current returns the documents of the source's last commit, reading
// from the store, and when that commit was made. It returns an error
// wrapping ErrNoSnapshot when the source was never committed.
func (s *Store) Current(ctx context.Context, sourceID string) ([]Document, time.Time, error) {
	if err := ctx.Err(); err != nil {
		return nil, time.Time{}, err
	}
	recs, err := s.records()
	if err != nil {
		return nil, time.Time{}, err
	}
	for i := len(recs) - 1; i >= 0; i-- {
		r := recs[i]
		if r.Kind != KindCommit || r.SourceID != sourceID {
			continue
		}
		docs := make([]Document, len(r.Docs))
		for j, snap := range r.Docs {
			docs[j] = s.Document(snap)
		}
		return docs, r.RetrievedAt, nil
	}
	return nil, time.Time{}, fmt.Errorf("source %s: %w", sourceID, ErrNoSnapshot)
}

// Last returns the last successful fetch of a source's document (new or
// unchanged): its ETag and Last-Modified for a conditional GET, and the
// snapshot a 304 stands for.
func (s *Store) Last(ctx context.Context, sourceID, name string) (Record, bool) {
	if ctx.Err() != nil {
		return Record{}, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.refresh() != nil {
		return Record{}, false
	}
	return s.last(sourceID, name)
}

// last is Last with s.mu held and the index refreshed.
func (s *Store) last(sourceID, name string) (Record, bool) {
	for i := len(s.recs) - 1; i >= 0; i-- {
		if r := s.recs[i]; r.SourceID == sourceID && r.Name == name && r.ok() {
			return r, true
		}
	}
	return Record{}, false
}
