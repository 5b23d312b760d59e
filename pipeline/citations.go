package pipeline

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources"
	"github.com/cubaexports/cubaexports/sources/report"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// CitationCheck is the outcome of looking for one curated figure in a
// stored snapshot of the document it cites.
type CitationCheck struct {
	Table    string
	ObsID    string
	SourceID string
	At       schemas.Origin // the row of the curated sheet
	Figure   string         // the value, or "low-high" for a range
	Document string         // the snapshot searched (the first one, when several)
	Page     int            // where the figure was found; 0 when not found
	Found    bool
}

// CitationReport is what VerifyCitations found: the rows checked, in
// table and sheet order, and per source_id the number of curated rows
// whose document has no stored snapshot (not checked).
type CitationReport struct {
	Checked    []CitationCheck
	NoSnapshot map[string]int
	Documents  map[string][]snapshot.Document // per source_id, the snapshots searched
}

// Missing returns the checked rows whose figure was not found.
func (r *CitationReport) Missing() []CitationCheck {
	var out []CitationCheck
	for _, c := range r.Checked {
		if !c.Found {
			out = append(out, c)
		}
	}
	return out
}

// VerifyCitations reads the curated observations (the catalog's entries
// whose kind cites documents, offline, nothing written) and, for every row whose
// source_id has a stored snapshot, looks for its figure in the
// document's text: among the figures the claim finder reads on each page
// (so "US$ 6.4 billion" matches 6400000000 and "4.882.234.500 dólares"
// matches 4882234500). A range needs both bounds on one page. The
// snapshot of a source_id is the current one of the catalog source with
// that id, or of the entry (a report) whose rows carry it.
func VerifyCitations(ctx context.Context, cfg Config) (*CitationReport, error) {
	cat, err := EffectiveCatalog(cfg)
	if err != nil {
		return nil, err
	}
	curated := &sources.Catalog{}
	for _, s := range cat.Entries {
		if r := s.Reader(); r != nil && r.Kind.CitesDocuments && !s.Disabled {
			curated.Entries = append(curated.Entries, s)
		}
	}
	bcfg := cfg
	bcfg.DryRun, bcfg.Offline = true, true
	store := newLazyStore(cfg)
	defer store.close()
	res := &live{cfg: bcfg, store: store}
	b, err := build(ctx, bcfg, buildInput{catalog: curated, resolver: res, store: store})
	if b == nil {
		return nil, err
	}
	if err != nil {
		cfg.logger().Warn("curated rows have validation errors; checking their citations anyway", "error", err)
	}
	return checkCitations(ctx, cfg, cat, b.Rows, b.Kinds, res)
}

// checkCitations looks for the figure of every row of rows that cites a
// document (extracted by a kind in kinds that cites documents) and whose
// source_id has a stored snapshot (see VerifyCitations), found by res. The rows are
// counted per source_id first and the documents resolved; only rows whose
// source has a document are turned into citedFigures (a large curated
// input citing no stored document costs one pass over its rows).
func checkCitations(ctx context.Context, cfg Config, cat *sources.Catalog, all datasets.Rows, kinds map[string]*sources.Kind,
	res resolver) (*CitationReport, error) {
	holders := map[string][]string{} // source_id -> catalog ids whose snapshots hold it
	for _, s := range cat.Entries {
		if r := s.Reader(); r != nil && r.SourceID != s.ID {
			holders[r.SourceID] = append(holders[r.SourceID], s.ID)
		}
	}
	cites := citing(kinds)
	rep := &CitationReport{NoSnapshot: map[string]int{}, Documents: map[string][]snapshot.Document{}}
	counts := map[string]int{}
	eachFigure(all, cites, func(_ string, p *schemas.Provenance, _ string, _, _, _ *float64) { counts[p.SourceID]++ })
	ids := slices.Sorted(maps.Keys(counts))
	// The documents of each source_id, in id order; a store error ends the
	// lookup and is returned once the ids before it are checked.
	docsOf := map[string][]snapshot.Document{}
	var withDocs []string
	var storeErr error
	for _, id := range ids {
		docs, err := res.cited(ctx, id, holders[id])
		if err != nil {
			storeErr = err
			break
		}
		if len(docs) == 0 {
			rep.NoSnapshot[id] = counts[id]
			continue
		}
		rep.Documents[id] = docs
		docsOf[id] = docs
		withDocs = append(withDocs, id)
	}
	bySource := map[string][]citedFigure{}
	for _, r := range citedFigures(all, cites, func(id string) bool { return docsOf[id] != nil }) {
		bySource[r.SourceID] = append(bySource[r.SourceID], r)
	}
	finder := report.NewFinder()
	for _, id := range withDocs {
		docs := docsOf[id]
		figs, err := documentFigures(ctx, finder, docs)
		if err != nil {
			return nil, fmt.Errorf("source_id %s: %w", id, err)
		}
		for _, c := range bySource[id] {
			c.Document = docs[0].Name
			for _, f := range figs {
				if f.has(c.targets) {
					c.Found, c.Page, c.Document = true, f.page, f.doc
					break
				}
			}
			cfg.logger().Debug("citation", "source_id", id, "row", datasets.Where(c.At), "figure", c.Figure, "found", c.Found, "page", c.Page)
			rep.Checked = append(rep.Checked, c.CitationCheck)
		}
	}
	if storeErr != nil {
		return nil, storeErr
	}
	return rep, nil
}

// currentDocuments returns the current snapshot of the first of the
// catalog ids that has one; none when store is nil or no id has one.
func currentDocuments(ctx context.Context, store *snapshot.Store, cids []string) ([]snapshot.Document, error) {
	if store == nil {
		return nil, nil
	}
	for _, cid := range cids {
		d, _, err := store.Current(ctx, cid)
		if err == nil {
			return d, nil
		}
		if !errors.Is(err, snapshot.ErrNoSnapshot) {
			return nil, err
		}
	}
	return nil, nil
}

// pageFigures are the numbers the claim finder read on one page.
type pageFigures struct {
	doc    string
	page   int
	values []float64
}

func (p pageFigures) has(targets []float64) bool {
	for _, t := range targets {
		ok := false
		for _, v := range p.values {
			if math.Abs(v-t) <= 1e-9*math.Max(1, math.Abs(t)) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return len(targets) > 0
}

func documentFigures(ctx context.Context, f *report.Finder, docs []snapshot.Document) ([]pageFigures, error) {
	var out []pageFigures
	for _, d := range docs {
		rc, err := d.Open()
		if err != nil {
			return nil, err
		}
		err = report.ReadPages(ctx, d.Name, rc, func(p report.Page) error {
			pf := pageFigures{doc: d.Name, page: p.N}
			for _, c := range f.FindClaims(p) {
				for _, v := range []*float64{c.Value, c.Low, c.High} {
					if v != nil {
						pf.values = append(pf.values, *v)
					}
				}
			}
			out = append(out, pf)
			return nil
		})
		rc.Close()
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// citedFigure is a curated row with the numbers to look for.
type citedFigure struct {
	CitationCheck
	targets []float64
}

// citedFigures lists the rows that cite a document (cites), state a
// figure and whose source_id wanted accepts.
func citedFigures(rows datasets.Rows, cites func(extractor string) bool, wanted func(sourceID string) bool) []citedFigure {
	var out []citedFigure
	eachFigure(rows, cites, func(table string, p *schemas.Provenance, obsID string, v, lo, hi *float64) {
		if !wanted(p.SourceID) {
			return
		}
		c := citedFigure{CitationCheck: CitationCheck{Table: table, ObsID: obsID, SourceID: p.SourceID, At: p.At}}
		if v != nil {
			c.targets = []float64{*v}
			c.Figure = strconv.FormatFloat(*v, 'f', -1, 64)
		} else {
			c.targets = []float64{*lo, *hi}
			c.Figure = strconv.FormatFloat(*lo, 'f', -1, 64) + "-" + strconv.FormatFloat(*hi, 'f', -1, 64)
		}
		out = append(out, c)
	})
	return out
}

// citing says, by the extractor name stamped on a row, whether the row
// cites a document (its kind's CitesDocuments: a curated sheet's rows).
func citing(kinds map[string]*sources.Kind) func(extractor string) bool {
	return func(extractor string) bool {
		k := kinds[extractor]
		return k != nil && k.CitesDocuments
	}
}

// eachFigure calls fn with every row that cites a document (cites) and
// states a figure (a value, or both bounds of a range), in table and
// sheet order; withheld or unavailable figures have nothing to find and
// are skipped. fn gets a copy of the row's provenance, valid until it
// returns: what it changes is not stored.
func eachFigure(rows datasets.Rows, cites func(extractor string) bool, fn func(table string, p *schemas.Provenance, obsID string, v, lo, hi *float64)) {
	// cites is asked again only when the extractor changes.
	last, lastCites := "", false
	add := func(table string, p *schemas.Provenance, obsID string, v, lo, hi *float64) {
		if p.Extractor != last {
			last, lastCites = p.Extractor, cites(p.Extractor)
		}
		if !lastCites || p.SourceID == "" {
			return
		}
		if v != nil || (lo != nil && hi != nil) {
			fn(table, p, obsID, v, lo, hi)
		}
	}
	f64 := func(n *int64) *float64 {
		if n == nil {
			return nil
		}
		v := float64(*n)
		return &v
	}
	var p schemas.Provenance // one variable for every row: fn does not move each row to the heap
	for _, r := range rows.Revenue.All() {
		p = r.Provenance
		add(schemas.RevenueName, &p, r.ObsID, r.Value, r.ValueLow, r.ValueHigh)
	}
	for _, r := range rows.ContractRates.All() {
		p = r.Provenance
		add(schemas.ContractRatesName, &p, r.ObsID, r.Amount, r.AmountLow, r.AmountHigh)
	}
	for _, r := range rows.WorkerCounts.All() {
		p = r.Provenance
		add(schemas.WorkerCountsName, &p, r.ObsID, f64(r.Count), f64(r.CountLow), f64(r.CountHigh))
	}
}

// checkCitations confirms the curated figures against the stored
// snapshots of the documents they cite: a figure the document does not
// state is a warning (it does not block the release: the claim finder can
// miss a figure written in words); the pages found are logged and kept in
// b.Citations. A document that cannot be read is logged, not fatal.
func (b *builder) checkCitations(ctx context.Context, cfg Config, cat *sources.Catalog) {
	log := b.log
	rep, err := checkCitations(ctx, cfg, cat, b.Rows, b.Kinds, b.in.resolver)
	if err != nil {
		log.Warn("citations not checked", "error", err)
		return
	}
	b.Citations = rep
	found := 0
	for _, c := range rep.Checked {
		if c.Found {
			found++
			log.Info("citation found", "obs_id", c.ObsID, "source_id", c.SourceID, "document", c.Document, "page", c.Page)
			continue
		}
		b.Report.AddWarning(c.Table, c.At, "source_id", c.SourceID, "citation_not_found",
			fmt.Sprintf("figure %s not found in the stored document %s", c.Figure, c.Document))
	}
	if len(rep.Checked) > 0 {
		log.Info("citations checked", "checked", len(rep.Checked), "found", found, "not_found", len(rep.Checked)-found)
	}
}
