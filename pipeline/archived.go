package pipeline

import (
	"context"
	"fmt"
	"time"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/pipeline/archive"
	"github.com/cubaexports/cubaexports/pipeline/citations"
	"github.com/cubaexports/cubaexports/pipeline/release"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// archiveKind is the kind provenance.json records for the archive
// manifest a release was built from: a rebuild reads the same one.
const archiveKind = "archive"

// The doc_check outcomes (vocabulary doc_check).
const (
	docFound        = "found"
	docNotFound     = "not_found"
	docNotCheckable = "not_checkable"
	docNotArchived  = "not_archived"
	docExtracted    = "extracted"
)

// applyArchive publishes what the archive manifest the resolver gives
// says of each sources row (link status, archived copy, Wayback capture)
// and records the manifest among the inputs. Without a manifest every
// row is not_tried. A row whose kind already stamped its own document's
// snapshot keeps it.
func (b *builder) applyArchive(ctx context.Context) error {
	m, doc, ok, err := b.in.resolver.manifest(ctx)
	if err != nil {
		return fmt.Errorf("archive manifest: %w", err)
	}
	if ok {
		b.archive = m
		b.Inputs = append(b.Inputs, release.InputFile{SourceID: archive.ManifestSource, Kind: archiveKind, Name: doc.Name,
			URL: doc.URL, SHA256: doc.SHA256, Bytes: doc.Size, RetrievedAt: doc.RetrievedAt})
	}
	for i := range b.Rows.Sources {
		setArchived(&b.Rows.Sources[i], m.Of(b.Rows.Sources[i].SourceID))
	}
	return nil
}

// setArchived sets the archive columns of s from its records (url's is
// the one the row describes).
func setArchived(s *schemas.Source, recs []archive.Record) {
	s.LinkStatus = archive.StatusNotTried
	for _, r := range recs {
		if r.Role != archive.RoleURL || r.URL != s.URL {
			continue
		}
		s.LinkStatus, s.FinalURL, s.WaybackURL = r.LinkStatus, r.FinalURL, r.WaybackURL
		if t, err := time.Parse("20060102150405", r.WaybackTimestamp); err == nil {
			s.WaybackAt = &t
		}
		if r.Archived() && s.SnapshotSHA256 == "" {
			s.SnapshotSHA256, s.MediaType, s.ArchivedFrom = r.SHA256, r.MediaType, r.ArchivedFrom
			s.RetrievedAt = r.ArchivedAt
		}
	}
}

// archivedDocuments are the stored copies the manifest m lists for
// sourceID (url's, then original_url's): what the citation check
// searches when no catalog entry holds the document.
func archivedDocuments(store *snapshot.Store, m *archive.Manifest, sourceID string) []snapshot.Document {
	var docs []snapshot.Document
	for _, r := range m.Of(sourceID) {
		if r.Archived() && store.Has(r.SHA256) {
			docs = append(docs, store.Document(r.Snapshot()))
		}
	}
	return docs
}

// stampDocChecks sets doc_check (and doc_chars) on every fact row: a
// row a kind extracted from its own document is extracted; a row citing
// a document is found, not_found or not_checkable when the citation
// check searched a copy of it, else not_archived.
func (b *builder) stampDocChecks(cites func(extractor string) bool) {
	byRow := map[schemas.Origin]docOutcome{}
	searched := map[string]bool{}
	if rep := b.Citations; rep != nil {
		for id, docs := range rep.Documents {
			searched[id] = len(docs) > 0
		}
		for _, c := range rep.Checked {
			byRow[c.At] = checkOutcome(c)
		}
	}
	datasets.EditProvenance(&b.Rows, func(p *schemas.Provenance) {
		switch o, ok := byRow[p.At]; {
		case !cites(p.Extractor):
			p.DocCheck = docExtracted
		case ok && p.At != (schemas.Origin{}):
			p.DocCheck, p.DocChars = o.check, o.chars
		case searched[p.SourceID]:
			p.DocCheck = docNotCheckable // no figure stated (withheld, not available)
		default:
			p.DocCheck = docNotArchived
		}
	})
}

// docOutcome is a checked row's doc_check and doc_chars.
type docOutcome struct{ check, chars string }

func checkOutcome(c citations.Check) docOutcome {
	switch {
	case c.Uncheckable != "":
		return docOutcome{docNotCheckable, ""}
	case c.Found:
		return docOutcome{docFound, fmt.Sprintf("%d-%d", c.Start, c.End)}
	}
	return docOutcome{docNotFound, ""}
}
