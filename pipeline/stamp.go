package pipeline

import (
	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// stampProvenance writes the engine's provenance on every fact row extracted from
// snap: the snapshot's hash and retrieval time and the extractor
// (kind@version). A row whose kind left source_id empty gets the catalog
// entry's id, unless the kind's rows cite documents themselves.
func stampProvenance(rows *datasets.Rows, src sources.Entry, snap snapshot.Snapshot, k *sources.Kind) {
	extractor := k.ExtractorName()
	set := func(p *schemas.Provenance) {
		if p.SourceID == "" && !k.CitesDocuments {
			p.SourceID = src.ID
		}
		p.SnapshotSHA256 = snap.SHA256
		p.RetrievedAt = snap.RetrievedAt
		p.Extractor = extractor
	}
	datasets.EditProvenance(rows, set)
	// A kind describing its own catalog source in the sources table gets
	// the document's snapshot and retrieval time.
	for i := range rows.Sources {
		if x := &rows.Sources[i]; x.SourceID == src.ID && x.SnapshotSHA256 == "" {
			x.SnapshotSHA256 = snap.SHA256
			at := snap.RetrievedAt
			x.RetrievedAt = &at
		}
	}
}
