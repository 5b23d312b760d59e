package snapshot

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// Kind is what an index line records.
type Kind string

// The kinds of index lines.
const (
	KindFetch  Kind = "fetch"  // one attempt to fetch one document
	KindCommit Kind = "commit" // a complete successful fetch of a source
	// KindFailure: a fetch of a source failed as a whole (a download, an
	// error answered with HTTP 200, a document that does not extract or
	// whose layout drifted); nothing was committed. Error says why.
	KindFailure Kind = "failure"
)

// Outcome is what a fetch attempt gave.
type Outcome string

// The outcomes of a fetch attempt.
const (
	OutcomeNew       Outcome = "new"       // bytes not seen before for this document
	OutcomeUnchanged Outcome = "unchanged" // a 304, or the same bytes as the last fetch
	OutcomeFailed    Outcome = "failed"    // nothing stored; Error says why
)

// Record is one line of the index.
type Record struct {
	Kind         Kind   `json:"kind"`
	SourceID     string `json:"source_id"`
	Name         string `json:"name,omitempty"`
	URL          string `json:"url,omitempty"`
	FinalURL     string `json:"final_url,omitempty"` // after redirects
	Status       int    `json:"status,omitempty"`    // HTTP status; 0 for file: URLs
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	Size         int64  `json:"size,omitempty"`
	MediaType    string `json:"media_type,omitempty"`
	SHA256       string `json:"sha256,omitempty"`
	// RetrievedAt is when the attempt started (or the commit was made).
	RetrievedAt time.Time `json:"retrieved_at"`
	// FirstRetrievedAt is when these bytes were first retrieved for this
	// document: the snapshot's retrieval time, unchanged by later fetches
	// of the same bytes so that provenance (and releases) stay the same.
	FirstRetrievedAt time.Time  `json:"first_retrieved_at,omitzero"`
	DurationMS       int64      `json:"duration_ms,omitempty"`
	Outcome          Outcome    `json:"outcome,omitempty"`
	Error            string     `json:"error,omitempty"`
	Docs             []Snapshot `json:"docs,omitempty"` // a commit's documents
}

// Snapshot is the snapshot a successful fetch record describes.
func (r Record) Snapshot() Snapshot {
	return Snapshot{SourceID: r.SourceID, Name: r.Name, URL: r.URL, SHA256: r.SHA256, Size: r.Size,
		MediaType: r.MediaType, RetrievedAt: r.FirstRetrievedAt}
}

// ok reports whether r is a successful fetch of a document.
func (r Record) ok() bool {
	return r.Kind == KindFetch && (r.Outcome == OutcomeNew || r.Outcome == OutcomeUnchanged) && r.SHA256 != ""
}

// Record appends a line for a fetch attempt that stored nothing (a 304, a
// failure). Kind defaults to fetch and RetrievedAt to now.
func (s *Store) Record(ctx context.Context, rec Record) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if rec.SourceID == "" {
		return fmt.Errorf("snapshot index: a record needs a source id")
	}
	if rec.Kind == "" {
		rec.Kind = KindFetch
	}
	if rec.RetrievedAt.IsZero() {
		rec.RetrievedAt = s.now()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.append(rec)
}

// append writes rec as one line and fsyncs the index. A torn last line
// is first terminated so it stays one unreadable line of its own. The
// caller holds s.mu.
func (s *Store) append(rec Record) error {
	rec.RetrievedAt = rec.RetrievedAt.UTC()
	line, err := json.Marshal(rec)
	if err != nil {
		return fmt.Errorf("snapshot index: %w", err)
	}
	if err := s.refresh(); err != nil {
		return err
	}
	line = append(line, '\n')
	if s.pending > 0 {
		line = append([]byte{'\n'}, line...)
	}
	if _, err := s.idx.Write(line); err != nil {
		return fmt.Errorf("snapshot index: %w", err)
	}
	if err := s.idx.Sync(); err != nil {
		return fmt.Errorf("snapshot index: %w", err)
	}
	return s.refresh()
}

// refresh reads the index lines appended since the last read (by this
// store or another process). Unreadable lines are skipped; an
// unterminated last line is left for later. The caller holds s.mu.
func (s *Store) refresh() error {
	fi, err := s.idx.Stat()
	if err != nil {
		return fmt.Errorf("snapshot index: %w", err)
	}
	if fi.Size() < s.off { // truncated or replaced: read it all again
		s.recs, s.off = nil, 0
	}
	if fi.Size() == s.off {
		s.pending = 0
		return nil
	}
	buf := make([]byte, fi.Size()-s.off)
	if _, err := s.idx.ReadAt(buf, s.off); err != nil {
		return fmt.Errorf("snapshot index: %w", err)
	}
	end := bytes.LastIndexByte(buf, '\n') + 1
	for _, line := range bytes.Split(buf[:end], []byte{'\n'}) {
		var rec Record
		if len(line) == 0 || json.Unmarshal(line, &rec) != nil || rec.Kind == "" || rec.SourceID == "" {
			continue
		}
		s.recs = append(s.recs, rec)
	}
	s.off += int64(end)
	s.pending = int64(len(buf) - end)
	return nil
}

// records is a snapshot of the index read so far, refreshed first.
func (s *Store) records() ([]Record, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.refresh(); err != nil {
		return nil, err
	}
	return s.recs[:len(s.recs):len(s.recs)], nil
}
