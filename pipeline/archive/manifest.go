package archive

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// The link statuses of a document (the sources table's link_status,
// vocabulary link_status in schemas/vocab_terms.go; a test holds the two
// equal).
const (
	StatusOK         = "ok"         // the URL answered 200 with the document
	StatusRedirected = "redirected" // it answered 200 after redirects to another URL
	StatusGone       = "gone"       // 404, 410, or a soft 404
	StatusBlocked    = "blocked"    // robots.txt disallows it, or 401, 403, 451
	StatusFailed     = "failed"     // a server error, a timeout or a network error
	StatusNotTried   = "not_tried"  // never archived
)

// Where an archived copy came from.
const (
	FromPublisher = "publisher"
	FromWayback   = "wayback"
)

// Roles of a document within its sources row.
const (
	RoleURL      = "url"          // where the figures were read
	RoleOriginal = "original_url" // the original publisher's copy of a mirrored document
)

// ManifestSource and ManifestName are where the manifest lives in the
// snapshot store: its current document is the latest manifest.
const (
	ManifestSource = "archive"
	ManifestName   = "manifest.json"
)

// Record is what archiving one document found.
type Record struct {
	SourceID   string `json:"source_id"`
	Role       string `json:"role"` // RoleURL or RoleOriginal
	URL        string `json:"url"`
	FinalURL   string `json:"final_url,omitempty"` // after redirects, when it differs
	Redirects  []Hop  `json:"redirects,omitempty"` // every hop, the first included, when there was a redirect
	LinkStatus string `json:"link_status"`
	HTTPStatus int    `json:"http_status,omitempty"` // the last hop's status
	// Soft404 says why a 200 was judged a page saying "not found" (status
	// gone); Live is then the SHA-256 of that page (stored, not the copy).
	Soft404 string `json:"soft_404,omitempty"`
	Live    string `json:"live_sha256,omitempty"`
	// The archived copy: its bytes are the store's object SHA256.
	SHA256       string     `json:"sha256,omitempty"`
	Size         int64      `json:"size,omitempty"`
	MediaType    string     `json:"media_type,omitempty"`
	ArchivedAt   *time.Time `json:"archived_at,omitempty"` // first retrieval of these bytes
	ArchivedFrom string     `json:"archived_from,omitempty"`
	// The Wayback Machine's capture nearest the document's date.
	WaybackURL       string `json:"wayback_url,omitempty"`
	WaybackTimestamp string `json:"wayback_timestamp,omitempty"`
	// HTTPSURL is the https URL of the same path the publisher redirects
	// an http URL to: a suggestion for the curated sheet, never applied.
	HTTPSURL string `json:"https_url,omitempty"`
	Error    string `json:"error,omitempty"`
}

// Archived reports whether the record has a stored copy.
func (r Record) Archived() bool { return r.SHA256 != "" }

// Snapshot is the stored copy as a snapshot of the store's archive
// namespace for the record's source.
func (r Record) Snapshot() snapshot.Snapshot {
	var at time.Time
	if r.ArchivedAt != nil {
		at = *r.ArchivedAt
	}
	name := r.Role
	if r.ArchivedFrom == FromWayback {
		name += ".wayback"
	}
	return snapshot.Snapshot{SourceID: StoreSource(r.SourceID), Name: name, URL: r.URL, SHA256: r.SHA256,
		Size: r.Size, MediaType: r.MediaType, RetrievedAt: at}
}

// StoreSource is the store's source id of a cited document's copies,
// apart from the catalog's entries.
func StoreSource(sourceID string) string { return "archive:" + sourceID }

// Manifest is one archive run's records, sorted by source_id and role.
type Manifest struct {
	Records []Record `json:"records"`
}

// Of returns the records of sourceID, url first.
func (m *Manifest) Of(sourceID string) []Record {
	if m == nil {
		return nil
	}
	i, _ := slices.BinarySearchFunc(m.Records, sourceID, func(r Record, id string) int { return cmp.Compare(r.SourceID, id) })
	var out []Record
	for ; i < len(m.Records) && m.Records[i].SourceID == sourceID; i++ {
		out = append(out, m.Records[i])
	}
	return out
}

// sort orders the records by source_id, then url before original_url.
func (m *Manifest) sort() {
	slices.SortFunc(m.Records, func(a, b Record) int {
		return cmp.Or(cmp.Compare(a.SourceID, b.SourceID), cmp.Compare(roleRank(a.Role), roleRank(b.Role)))
	})
}

func roleRank(r string) int {
	if r == RoleURL {
		return 0
	}
	return 1
}

// Encode is the manifest's bytes: indented JSON, records sorted, so the
// same findings give the same bytes (and the store keeps them once).
func (m *Manifest) Encode() ([]byte, error) {
	m.sort()
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// Decode reads a manifest.
func Decode(r io.Reader) (*Manifest, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var m Manifest
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("archive manifest: %w", err)
	}
	m.sort()
	return &m, nil
}

// Latest returns the store's latest manifest and its document; ok is
// false when archive never ran.
func Latest(ctx context.Context, store *snapshot.Store) (*Manifest, snapshot.Document, bool, error) {
	docs, _, err := store.Current(ctx, ManifestSource)
	if errors.Is(err, snapshot.ErrNoSnapshot) || (err == nil && len(docs) == 0) {
		return nil, snapshot.Document{}, false, nil
	}
	if err != nil {
		return nil, snapshot.Document{}, false, err
	}
	m, err := Read(docs[0])
	if err != nil {
		return nil, snapshot.Document{}, false, err
	}
	return m, docs[0], true, nil
}

// Read decodes the manifest document d.
func Read(d snapshot.Document) (*Manifest, error) {
	rc, err := d.Open()
	if err != nil {
		return nil, fmt.Errorf("archive manifest %s: %w", d.SHA256, err)
	}
	defer rc.Close()
	return Decode(rc)
}

// save stores m as the latest manifest unless its bytes are the latest
// one's: then nothing is written. It reports whether it wrote.
func save(ctx context.Context, store *snapshot.Store, m *Manifest, at time.Time) (bool, error) {
	b, err := m.Encode()
	if err != nil {
		return false, err
	}
	if _, prev, ok, err := Latest(ctx, store); err != nil {
		return false, err
	} else if ok && prev.SHA256 == sha256Hex(b) {
		return false, nil
	}
	snap, err := store.Put(ctx, snapshot.Meta{SourceID: ManifestSource, Name: ManifestName, URL: "archive:" + ManifestName,
		MediaType: "application/json", RetrievedAt: at}, bytes.NewReader(b))
	if err != nil {
		return false, err
	}
	return true, store.Commit(ctx, ManifestSource, []snapshot.Snapshot{snap})
}
