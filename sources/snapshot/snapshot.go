package snapshot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"time"
)

// Snapshot is one retrieved document.
type Snapshot struct {
	SourceID    string    `json:"source_id"`
	Name        string    `json:"name"` // the document's file name within its source, e.g. "revenue.csv"
	URL         string    `json:"url"`
	SHA256      string    `json:"sha256"`
	Size        int64     `json:"size"`
	MediaType   string    `json:"media_type,omitempty"`
	RetrievedAt time.Time `json:"retrieved_at"`
}

// Document is a snapshot together with a way to read its bytes.
type Document struct {
	Snapshot
	open func() (io.ReadCloser, error)
}

// Open returns the document's bytes.
func (d Document) Open() (io.ReadCloser, error) { return d.open() }

// NewDocument makes a document from a snapshot and an opener of its bytes.
func NewDocument(s Snapshot, open func() (io.ReadCloser, error)) Document {
	return Document{Snapshot: s, open: open}
}

// FromFS lists the regular files of fsys named in names (or, when names is
// empty, every regular file directly in dir, sorted by name), hashing each
// one. retrieved gives each file's retrieval time.
func FromFS(ctx context.Context, fsys fs.FS, dir, sourceID, urlPrefix string, retrieved func(fs.FileInfo) time.Time) ([]Document, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("source %s: %w", sourceID, err)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	var docs []Document
	for _, e := range entries {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if !e.Type().IsRegular() || e.Name()[0] == '.' {
			continue
		}
		p := path.Join(dir, e.Name())
		info, err := e.Info()
		if err != nil {
			return nil, fmt.Errorf("source %s: %w", sourceID, err)
		}
		d, err := FileDocument(fsys, p, sourceID, urlPrefix+e.Name(), retrieved(info))
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// FileDocument hashes the file p of fsys and returns it as a document.
func FileDocument(fsys fs.FS, p, sourceID, url string, retrievedAt time.Time) (Document, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return Document{}, fmt.Errorf("source %s: %w", sourceID, err)
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return Document{}, fmt.Errorf("source %s: reading %s: %w", sourceID, p, err)
	}
	s := Snapshot{SourceID: sourceID, Name: path.Base(p), URL: url, SHA256: hex.EncodeToString(h.Sum(nil)),
		Size: n, MediaType: MediaType(p), RetrievedAt: retrievedAt.UTC().Truncate(time.Second)}
	return NewDocument(s, func() (io.ReadCloser, error) { return fsys.Open(p) }), nil
}

// MediaType guesses a document's media type from its file name.
func MediaType(name string) string {
	switch path.Ext(name) {
	case ".csv":
		return "text/csv"
	case ".xlsx":
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case ".json":
		return "application/json"
	case ".pdf":
		return "application/pdf"
	case ".html", ".htm":
		return "text/html"
	}
	return "application/octet-stream"
}
