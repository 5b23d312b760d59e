package citations

import (
	"context"
	"fmt"
	"slices"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources/report"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// Row identifies a curated row: its table, obs_id and sheet row.
type Row struct {
	Table, ObsID string
	At           schemas.Origin
}

// SetPages sets the page column of every fact row that pages holds.
func SetPages(rows *datasets.Rows, pages map[Row]int64) {
	setPages(rows.Revenue, schemas.RevenueName, pages, func(x *schemas.Revenue) (*schemas.Provenance, string) { return &x.Provenance, x.ObsID })
	setPages(rows.ContractRates, schemas.ContractRatesName, pages, func(x *schemas.ContractRate) (*schemas.Provenance, string) { return &x.Provenance, x.ObsID })
	setPages(rows.WorkerCounts, schemas.WorkerCountsName, pages, func(x *schemas.WorkerCount) (*schemas.Provenance, string) { return &x.Provenance, x.ObsID })
}

// setPages sets the page column of the rows of table that pages holds: one
// pass reading every row, then a write of the rows found only (after the
// pass, so no row is written while the table is being read).
func setPages[T any](rows datasets.Columns[T], table string, pages map[Row]int64, prov func(*T) (*schemas.Provenance, string)) {
	type found struct {
		i int
		r T
	}
	var set []found
	var row T // one variable for every row: prov does not move each to the heap
	for i, r := range rows.All() {
		row = r
		p, obsID := prov(&row)
		if n, ok := pages[Row{table, obsID, p.At}]; ok {
			p.Page = new(n)
			set = append(set, found{i, row})
		}
	}
	for _, f := range set {
		rows.Set(f.i, f.r)
	}
}

// Pages maps every row found in a paged document to its page.
func Pages(ctx context.Context, rep *Report) (map[Row]int64, error) {
	paged := map[string]bool{} // by source_id and document name
	pages := map[Row]int64{}
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
			pages[Row{c.Table, c.ObsID, c.At}] = int64(c.Page)
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
