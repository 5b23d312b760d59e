package ledger

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// FileName is the ledger's name in the data directory.
const FileName = "runs.jsonl"

// Job names.
const (
	JobFetch   = "fetch"
	JobRelease = "release"
)

// Outcomes of a firing.
const (
	OK      = "ok"      // the job did its work (a release job that found nothing new is ok too)
	Failed  = "failed"  // the job returned an error; Error says which
	Panic   = "panic"   // the job panicked; Error holds the value, and the daemon kept running
	Skipped = "skipped" // the previous firing of the same job was still running
	// Interrupted: the daemon was stopping (SIGTERM) and cancelled the
	// job; not a failure, so it is neither alerted on nor notified.
	Interrupted = "interrupted"
)

// Record is one job firing.
type Record struct {
	// ID is "<job>[:<source>]@<scheduled time>", the same for the same
	// firing, so a duplicate trigger can be recognised.
	ID      string    `json:"id"`
	Job     string    `json:"job"`
	Source  string    `json:"source,omitempty"`
	Trigger string    `json:"trigger,omitempty"` // "cron", "catch-up", "after fetch"
	Start   time.Time `json:"start"`
	End     time.Time `json:"end"`
	Outcome string    `json:"outcome"`
	Bytes   int64     `json:"bytes,omitempty"`
	// NewSnapshot is true when a fetch stored documents that differ from
	// the source's previous current ones.
	NewSnapshot bool `json:"new_snapshot,omitempty"`
	// Version is the release written by a release job, empty when none.
	Version string `json:"version,omitempty"`
	Note    string `json:"note,omitempty"`
	Error   string `json:"error,omitempty"`
}

// Duration is End - Start.
func (r Record) Duration() time.Duration { return r.End.Sub(r.Start) }

// Ledger appends to one runs.jsonl; safe for concurrent use.
type Ledger struct {
	path string
	mu   sync.Mutex
}

// Open returns the ledger in dataDir; the file is created on first append.
func Open(dataDir string) *Ledger { return &Ledger{path: filepath.Join(dataDir, FileName)} }

// Path is the ledger file.
func (l *Ledger) Path() string { return l.path }

// Append writes r as one line and syncs the file. A torn last line left
// by a crash is ended first, so it cannot swallow r.
func (l *Ledger) Append(r Record) error {
	line, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("ledger: %w", err)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(l.path), 0o755); err != nil {
		return fmt.Errorf("ledger: %w", err)
	}
	f, err := os.OpenFile(l.path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("ledger: %w", err)
	}
	defer f.Close()
	if torn(f) {
		line = append([]byte("\n"), line...)
	}
	if _, err := f.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("ledger %s: %w", l.path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("ledger %s: %w", l.path, err)
	}
	return nil
}

// torn reports a file whose last byte is not a newline.
func torn(f *os.File) bool {
	fi, err := f.Stat()
	if err != nil || fi.Size() == 0 {
		return false
	}
	b := make([]byte, 1)
	if _, err := f.ReadAt(b, fi.Size()-1); err != nil {
		return false
	}
	return b[0] != '\n'
}

// Read returns every record, oldest first; a missing file is an empty
// ledger.
func (l *Ledger) Read() ([]Record, error) {
	f, err := os.Open(l.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("ledger: %w", err)
	}
	defer f.Close()
	recs, err := Decode(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", l.path, err)
	}
	return recs, nil
}

// Decode reads ledger lines. A line that is not a record is an error
// naming its line number, except the last line of a file not ending in a
// newline: a write torn by a crash, which is skipped.
func Decode(r io.Reader) ([]Record, error) {
	br := bufio.NewReader(r)
	var recs []Record
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return recs, err
		}
		complete := bytes.HasSuffix(line, []byte("\n"))
		if t := bytes.TrimSpace(line); len(t) > 0 {
			var rec Record
			if jerr := json.Unmarshal(t, &rec); jerr != nil || rec.Job == "" {
				if !complete {
					return recs, nil
				}
				if jerr == nil {
					jerr = errors.New("no job")
				}
				return recs, fmt.Errorf("line %d: not a run record: %w", n, jerr)
			}
			recs = append(recs, rec)
		}
		if err != nil {
			return recs, nil
		}
	}
}
