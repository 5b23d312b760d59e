package pipeline

import (
	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/pipeline/snapshot"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources"
)

// stamp writes the engine's provenance on every fact row extracted from
// snap: the snapshot's hash and retrieval time and the extractor. A row
// whose kind left source_id empty gets the catalog source's id, unless the
// kind's rows cite documents themselves.
func stamp(rows *datasets.Rows, src sources.Source, snap snapshot.Snapshot, e sources.Extractor) {
	extractor := sources.ExtractorName(src.Kind, e)
	c, citing := e.(sources.Citing)
	citing = citing && c.CitesDocuments()
	set := func(p *schemas.Provenance) {
		if p.SourceID == "" && !citing {
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
