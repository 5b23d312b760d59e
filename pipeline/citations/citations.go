package citations

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources/report"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// Check is the outcome of looking for one curated figure in a
// stored snapshot of the document it cites.
type Check struct {
	Table    string
	ObsID    string
	SourceID string
	At       schemas.Origin // the row of the curated sheet
	Figure   string         // the value, or "low-high" for a range
	Document string         // the snapshot searched (the first one, when several)
	Page     int            // where the figure was found; 0 when not found
	Found    bool
	// Start and End are where on the page the figure stands: characters
	// (code points) of the page's normalized text from 0, End exclusive
	// (a range: from its first bound to its last).
	Start, End int
	// Uncheckable says why the figure could not be looked for: the
	// documents cannot be read, or hold no text (a scanned PDF).
	Uncheckable string
}

// Report is what a citation check found: the rows checked, in
// table and sheet order, and per source_id the number of curated rows
// whose document has no stored snapshot (not checked).
type Report struct {
	Checked    []Check
	NoSnapshot map[string]int
	Documents  map[string][]snapshot.Document // per source_id, the snapshots searched
}

// Missing returns the checked rows whose figure was not found in a
// readable document.
func (r *Report) Missing() []Check {
	var out []Check
	for _, c := range r.Checked {
		if !c.Found && c.Uncheckable == "" {
			out = append(out, c)
		}
	}
	return out
}

// Search looks for the figure of every row of rows that cites a document
// (cites, by the extractor stamped on the row) among the numbers the claim
// finder reads on each page of the documents docsOf gives for the row's
// source_id. The rows are counted per source_id first and the documents
// looked up in id order; only rows whose source has a document are turned
// into figures to look for (a large curated input citing no stored
// document costs one pass over its rows). A range needs both bounds on one
// page. An error from docsOf ends the lookup and is returned once the ids
// before it are checked.
func Search(ctx context.Context, rows datasets.Rows, cites func(extractor string) bool,
	docsOf func(ctx context.Context, sourceID string) ([]snapshot.Document, error), log *slog.Logger) (*Report, error) {
	rep := &Report{NoSnapshot: map[string]int{}, Documents: map[string][]snapshot.Document{}}
	counts := map[string]int{}
	eachFigure(rows, cites, func(_ string, p *schemas.Provenance, _ string, _, _, _ *float64) { counts[p.SourceID]++ })
	ids := slices.Sorted(maps.Keys(counts))
	// The documents of each source_id, in id order; a store error ends the
	// lookup and is returned once the ids before it are checked.
	found := map[string][]snapshot.Document{}
	var withDocs []string
	var storeErr error
	for _, id := range ids {
		docs, err := docsOf(ctx, id)
		if err != nil {
			storeErr = err
			break
		}
		if len(docs) == 0 {
			rep.NoSnapshot[id] = counts[id]
			continue
		}
		rep.Documents[id] = docs
		found[id] = docs
		withDocs = append(withDocs, id)
	}
	bySource := map[string][]citedFigure{}
	if len(withDocs) > 0 { // else no figure has a document to be found in: no second pass over the rows
		for _, r := range citedFigures(rows, cites, func(id string) bool { return found[id] != nil }) {
			bySource[r.SourceID] = append(bySource[r.SourceID], r)
		}
	}
	finder := report.NewFinder()
	for _, id := range withDocs {
		docs := found[id]
		figs, err := documentFigures(ctx, finder, docs)
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		uncheckable := ""
		switch {
		case err != nil:
			// An unreadable document (a paywall's page in place of a
			// PDF, a damaged file) makes its figures uncheckable; the
			// other sources are still checked.
			uncheckable = fmt.Sprintf("source_id %s: %v", id, err)
			log.Warn("cited document not readable", "source_id", id, "error", err)
		case !anyText(figs):
			uncheckable = "no text in the document (a scanned PDF?)"
		}
		for _, c := range bySource[id] {
			c.Document = docs[0].Name
			c.Uncheckable = uncheckable
			for _, f := range figs {
				if start, end, ok := f.has(c.targets); ok && uncheckable == "" {
					c.Found, c.Page, c.Document, c.Start, c.End = true, f.page, f.doc, start, end
					break
				}
			}
			log.Debug("citation", "source_id", id, "row", datasets.Where(c.At), "figure", c.Figure, "found", c.Found, "page", c.Page)
			rep.Checked = append(rep.Checked, c.Check)
		}
	}
	if storeErr != nil {
		return nil, storeErr
	}
	return rep, nil
}

// pageFigures are the numbers the claim finder read on one page, each
// with where its claim stands on the page.
type pageFigures struct {
	doc    string
	page   int
	text   bool // the page has text
	values []float64
	spans  [][2]int // of each value: its claim's start and end
}

// has reports whether every target is among the page's numbers, and the
// span from the first found to the end of the last.
func (p pageFigures) has(targets []float64) (start, end int, ok bool) {
	start, end = -1, -1
	for _, t := range targets {
		i := slices.IndexFunc(p.values, func(v float64) bool { return math.Abs(v-t) <= 1e-9*math.Max(1, math.Abs(t)) })
		if i < 0 {
			return 0, 0, false
		}
		sp := p.spans[i]
		if start < 0 || sp[0] < start {
			start = sp[0]
		}
		end = max(end, sp[1])
	}
	return start, end, len(targets) > 0
}

func anyText(figs []pageFigures) bool {
	return slices.ContainsFunc(figs, func(p pageFigures) bool { return p.text })
}

func documentFigures(ctx context.Context, f *report.Finder, docs []snapshot.Document) ([]pageFigures, error) {
	var out []pageFigures
	for _, d := range docs {
		rc, err := d.Open()
		if err != nil {
			return nil, err
		}
		err = report.ReadPagesLimited(ctx, d.Name, rc, f.Limits, func(p report.Page) error {
			pf := pageFigures{doc: d.Name, page: p.N, text: strings.TrimSpace(p.Text) != ""}
			err := f.EachClaim(ctx, p, func(c report.Claim) error {
				for _, v := range []*float64{c.Value, c.Low, c.High} {
					if v != nil {
						pf.values = append(pf.values, *v)
						pf.spans = append(pf.spans, [2]int{c.Start, c.End})
					}
				}
				return nil
			})
			out = append(out, pf)
			return err
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
	Check
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
		c := citedFigure{Check: Check{Table: table, ObsID: obsID, SourceID: p.SourceID, At: p.At}}
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
