package snapshot

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

const (
	indexName  = "index.jsonl"
	objectsDir = "objects"
	tempPrefix = ".tmp-"
	// staleTemp is how old an unfinished temporary object must be before
	// OpenStore removes it (younger ones may belong to a running fetch).
	staleTemp = 24 * time.Hour
)

// ErrNoSnapshot means a source was never fetched completely: it has no
// commit in the store.
var ErrNoSnapshot = errors.New("no stored snapshot")

// Store is a content-addressed store of documents' bytes with an
// append-only index of every fetch attempt and commit. See the package
// documentation for its layout and guarantees.
type Store struct {
	dir string
	now func() time.Time

	mu      sync.Mutex
	idx     *os.File
	recs    []Record // every readable index line, in order
	off     int64    // bytes of the index read into recs
	pending int64    // bytes after off that end in no newline (a torn or growing line)
}

// OpenStore opens (creating if needed) the store in the data directory
// dir. Close it when done.
func OpenStore(dir string) (*Store, error) {
	if err := os.MkdirAll(filepath.Join(dir, objectsDir), 0o755); err != nil {
		return nil, fmt.Errorf("snapshot store: %w", err)
	}
	f, err := os.OpenFile(filepath.Join(dir, indexName), os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("snapshot store: %w", err)
	}
	s := &Store{dir: dir, now: time.Now, idx: f}
	s.mu.Lock()
	err = s.refresh()
	s.mu.Unlock()
	if err != nil {
		f.Close()
		return nil, err
	}
	s.removeStaleTemps()
	return s, nil
}

// Exists reports whether dir holds a store (its index), so that commands
// that only read can leave a missing store uncreated.
func Exists(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, indexName))
	return err == nil
}

// Close closes the index file.
func (s *Store) Close() error { return s.idx.Close() }

// Dir is the store's data directory.
func (s *Store) Dir() string { return s.dir }

// ObjectPath is where the object with the given SHA-256 lives.
func (s *Store) ObjectPath(sha256 string) string {
	if len(sha256) < 2 {
		return filepath.Join(s.dir, objectsDir, sha256)
	}
	return filepath.Join(s.dir, objectsDir, sha256[:2], sha256)
}

// Has reports whether the object with the given SHA-256 is in the store.
func (s *Store) Has(sha256 string) bool {
	if !validSHA(sha256) {
		return false
	}
	_, err := os.Stat(s.ObjectPath(sha256))
	return err == nil
}

// Open returns the stored bytes of a snapshot.
func (s *Store) Open(ctx context.Context, snap Snapshot) (io.ReadCloser, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !validSHA(snap.SHA256) {
		return nil, fmt.Errorf("source %s: %s: invalid sha256 %q", snap.SourceID, snap.Name, snap.SHA256)
	}
	f, err := os.Open(s.ObjectPath(snap.SHA256))
	if err != nil {
		return nil, fmt.Errorf("source %s: %s: %w", snap.SourceID, snap.Name, err)
	}
	return f, nil
}

// Document returns snap with an opener reading its bytes from the store.
func (s *Store) Document(snap Snapshot) Document {
	return NewDocument(snap, func() (io.ReadCloser, error) { return s.Open(context.Background(), snap) })
}

// removeStaleTemps deletes temporary objects left by a crash long ago.
func (s *Store) removeStaleTemps() {
	_, _ = RemoveTemps(s.dir, s.now().Add(-staleTemp))
}

func validSHA(s string) bool {
	if len(s) != 64 || strings.ToLower(s) != s {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}

// Objects returns the SHA-256 of every object in the store, sorted
// (unfinished temporary objects aside): what `snapshots verify` and the
// tests of "a run that stores nothing" count.
func (s *Store) Objects() ([]string, error) {
	var out []string
	err := filepath.WalkDir(filepath.Join(s.dir, objectsDir), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && validSHA(d.Name()) {
			out = append(out, d.Name())
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("snapshot store: %w", err)
	}
	slices.Sort(out)
	return out, nil
}
