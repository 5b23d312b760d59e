package pipeline

import (
	"context"
	"slices"

	"github.com/cubaexports/cubaexports/pipeline/citations"
	"github.com/cubaexports/cubaexports/pipeline/release"
)

// citedKind is the kind provenance.json records for a snapshot the
// citation check searched (it was not extracted), under the source_id of
// the curated rows that cite it. A rebuild searches exactly these
// snapshots, so the page column comes out the same.
const citedKind = "citation"

// stampCitationPages publishes what the citation check found: every
// curated row whose figure was found in a paged document (PDF or text;
// not HTML) gets the page in its page column, and every snapshot searched
// is recorded among the inputs (kind citation) so a rebuild can search it
// again. A document that cannot be opened stamps nothing (logged).
func (b *builder) stampCitationPages(ctx context.Context) {
	rep := b.Citations
	if rep == nil {
		return
	}
	pages, err := citations.Pages(ctx, rep)
	if err != nil {
		b.log.Warn("citation pages not stamped", "error", err)
		return
	}
	ids := make([]string, 0, len(rep.Documents))
	for id := range rep.Documents {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		for _, d := range rep.Documents[id] {
			b.Inputs = append(b.Inputs, release.InputFile{SourceID: id, Kind: citedKind, Name: d.Name, URL: d.URL,
				SHA256: d.SHA256, Bytes: d.Size, RetrievedAt: d.RetrievedAt})
		}
	}
	if len(pages) == 0 {
		return
	}
	citations.SetPages(&b.Rows, pages)
}
