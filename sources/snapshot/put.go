package snapshot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// Meta describes a document being stored: what the fetch knew before
// reading the body.
type Meta struct {
	SourceID     string
	Name         string // the document's name within its source
	URL          string // as requested
	FinalURL     string // after redirects; empty = URL
	Status       int    // HTTP status; 0 for file: URLs
	ETag         string
	LastModified string
	MediaType    string
	RetrievedAt  time.Time     // when the request started; zero = now
	Duration     time.Duration // zero = since RetrievedAt, measured when the body is stored
}

// Put stores the bytes of r, hashing them while writing, and appends the
// fetch's index line. Bytes already in the store are not written twice.
// When they are the bytes of the document's last successful fetch, the
// outcome is unchanged, otherwise new; either way bytes the document had
// before keep their first retrieval time (the returned snapshot's), so
// the same bytes after a failure build the same rows. On error nothing
// is indexed.
func (s *Store) Put(ctx context.Context, m Meta, r io.Reader) (Snapshot, error) {
	if m.SourceID == "" || m.Name == "" {
		return Snapshot{}, fmt.Errorf("snapshot store: put needs a source id and a document name (got %q, %q)", m.SourceID, m.Name)
	}
	if m.RetrievedAt.IsZero() {
		m.RetrievedAt = s.now()
	}
	sum, size, err := s.write(ctx, r)
	if err != nil {
		return Snapshot{}, fmt.Errorf("source %s: storing %s from %s: %w", m.SourceID, m.Name, m.URL, err)
	}
	if m.Duration == 0 {
		m.Duration = s.now().Sub(m.RetrievedAt)
	}
	if m.FinalURL == "" {
		m.FinalURL = m.URL
	}
	rec := Record{Kind: KindFetch, SourceID: m.SourceID, Name: m.Name, URL: m.URL, FinalURL: m.FinalURL,
		Status: m.Status, ETag: m.ETag, LastModified: m.LastModified, Size: size, MediaType: m.MediaType,
		SHA256: sum, RetrievedAt: m.RetrievedAt, FirstRetrievedAt: m.RetrievedAt.UTC().Truncate(time.Second),
		DurationMS: m.Duration.Milliseconds(), Outcome: OutcomeNew}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.refresh(); err != nil {
		return Snapshot{}, err
	}
	if last, ok := s.last(m.SourceID, m.Name); ok && last.SHA256 == sum {
		rec.Outcome = OutcomeUnchanged
	}
	if first, ok := s.firstOf(m.SourceID, m.Name, sum); ok {
		// Bytes seen before for this document (also before a failure, such
		// as an error page answered with HTTP 200 in between) keep their
		// first retrieval time, so the rows built from them do not change.
		rec.FirstRetrievedAt = first
	}
	if err := s.append(rec); err != nil {
		return Snapshot{}, err
	}
	return rec.Snapshot(), nil
}

// firstOf is the first retrieval time of the bytes sum for a document,
// from the last successful fetch of the same bytes; ok is false when the
// document never had them. The caller holds s.mu.
func (s *Store) firstOf(sourceID, name, sum string) (time.Time, bool) {
	for i := len(s.recs) - 1; i >= 0; i-- {
		if r := s.recs[i]; r.SourceID == sourceID && r.Name == name && r.SHA256 == sum && r.ok() && !r.FirstRetrievedAt.IsZero() {
			return r.FirstRetrievedAt, true
		}
	}
	return time.Time{}, false
}

// write copies r into a temporary file next to the objects, fsyncs it
// and renames it to its hash (unless that object is already there).
func (s *Store) write(ctx context.Context, r io.Reader) (sum string, size int64, err error) {
	st, err := s.Stage(ctx, r)
	if err != nil {
		return "", 0, err
	}
	return st.SHA256, st.Size, st.Commit()
}

// Staged is a document's bytes written next to the store's objects,
// hashed and fsynced, but not yet an object: Commit makes it one, Discard
// removes it. A process that dies in between leaves a temporary file,
// which RemoveDeadTemps removes.
type Staged struct {
	SHA256 string
	Size   int64
	s      *Store
	tmp    string
}

// Stage copies r into a temporary file next to the objects and fsyncs
// it. Staging takes the time (the copy, the hash, the fsync), so a build
// stages its documents while it works and commits them when it succeeds.
func (s *Store) Stage(ctx context.Context, r io.Reader) (st *Staged, err error) {
	tmp, err := os.CreateTemp(filepath.Join(s.dir, objectsDir), tempPrefix+"*")
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	h := sha256.New()
	size, err := io.Copy(io.MultiWriter(tmp, h), ctxReader{ctx, r})
	if err != nil {
		return nil, err
	}
	if err = tmp.Chmod(0o444); err != nil { // objects are never written again
		return nil, err
	}
	if err = tmp.Sync(); err != nil {
		return nil, err
	}
	if err = tmp.Close(); err != nil {
		return nil, err
	}
	return &Staged{SHA256: hex.EncodeToString(h.Sum(nil)), Size: size, s: s, tmp: tmp.Name()}, nil
}

// Commit renames the staged bytes to their hash (or removes them when
// that object is already there).
func (st *Staged) Commit() error {
	final := st.s.ObjectPath(st.SHA256)
	if fi, err := os.Stat(final); err == nil && fi.Size() == st.Size {
		return os.Remove(st.tmp) // identical bytes: stored once
	}
	return st.s.rename(st.tmp, final)
}

// Discard removes the staged bytes.
func (st *Staged) Discard() error { return os.Remove(st.tmp) }

// rename moves a finished temporary object into place and fsyncs the
// directories it changed.
func (s *Store) rename(tmp, final string) error {
	dir := filepath.Dir(final)
	_, statErr := os.Stat(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.Rename(tmp, final); err != nil {
		return err
	}
	if err := syncDir(dir); err != nil {
		return err
	}
	if errors.Is(statErr, os.ErrNotExist) {
		return syncDir(filepath.Dir(dir))
	}
	return nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

// ctxReader stops reading once ctx is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// Keep stores the bytes of r as an object without indexing a fetch: the
// documents a release was built from that were not fetched (embedded or
// local files), so that the release can be rebuilt once they are gone.
// It returns their SHA-256 and size.
func (s *Store) Keep(ctx context.Context, r io.Reader) (sha256 string, size int64, err error) {
	return s.write(ctx, r)
}
