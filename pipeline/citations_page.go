package pipeline

import (
	"context"
	"fmt"
	"slices"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/pipeline/release"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources/report"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// citedKind is the kind provenance.json records for a snapshot the
// citation check searched (it was not extracted), under the source_id of
// the curated rows that cite it. A rebuild searches exactly these
// snapshots, so the page column comes out the same.
const citedKind = "citation"

// citedRow identifies a curated row: its table, obs_id and sheet row.
type citedRow struct {
	table, obsID string
	at           schemas.Origin
}

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
	pages, err := citationPages(ctx, rep)
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
	setPages(b.Rows.Revenue, schemas.RevenueName, pages, func(x *schemas.Revenue) (*schemas.Provenance, string) { return &x.Provenance, x.ObsID })
	setPages(b.Rows.ContractRates, schemas.ContractRatesName, pages, func(x *schemas.ContractRate) (*schemas.Provenance, string) { return &x.Provenance, x.ObsID })
	setPages(b.Rows.WorkerCounts, schemas.WorkerCountsName, pages, func(x *schemas.WorkerCount) (*schemas.Provenance, string) { return &x.Provenance, x.ObsID })
}

// setPages sets the page column of the rows of table that pages holds: one
// pass reading every row, then a write of the rows found only (after the
// pass, so no row is written while the table is being read).
func setPages[T any](rows datasets.Columns[T], table string, pages map[citedRow]int64, prov func(*T) (*schemas.Provenance, string)) {
	type found struct {
		i int
		r T
	}
	var set []found
	var row T // one variable for every row: prov does not move each to the heap
	for i, r := range rows.All() {
		row = r
		p, obsID := prov(&row)
		if n, ok := pages[citedRow{table, obsID, p.At}]; ok {
			p.Page = new(n)
			set = append(set, found{i, row})
		}
	}
	for _, f := range set {
		rows.Set(f.i, f.r)
	}
}

// citationPages maps every row found in a paged document to its page.
func citationPages(ctx context.Context, rep *CitationReport) (map[citedRow]int64, error) {
	paged := map[string]bool{} // by source_id and document name
	pages := map[citedRow]int64{}
	for _, c := range rep.Checked {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if !c.Found {
			continue
		}
		key := c.SourceID + "\x00" + c.Document
		ok, seen := paged[key]
		if !seen {
			i := slices.IndexFunc(rep.Documents[c.SourceID], func(d snapshot.Document) bool { return d.Name == c.Document })
			if i < 0 {
				return nil, fmt.Errorf("source_id %s: document %s is not among those searched", c.SourceID, c.Document)
			}
			var err error
			if ok, err = documentHasPages(rep.Documents[c.SourceID][i]); err != nil {
				return nil, fmt.Errorf("source_id %s: %w", c.SourceID, err)
			}
			paged[key] = ok
		}
		if ok {
			pages[citedRow{c.Table, c.ObsID, c.At}] = int64(c.Page)
		}
	}
	return pages, nil
}

func documentHasPages(d snapshot.Document) (bool, error) {
	rc, err := d.Open()
	if err != nil {
		return false, fmt.Errorf("%s: %w", d.Name, err)
	}
	defer rc.Close()
	ok, _, err := report.HasPages(rc)
	if err != nil {
		return false, fmt.Errorf("%s: %w", d.Name, err)
	}
	return ok, nil
}
