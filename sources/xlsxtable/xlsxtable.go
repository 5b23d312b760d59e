package xlsxtable

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// Kind is the catalog kind of yearbook tables.
const Kind = "xlsxtable"

// The xlsxtable kind: every document is an .xlsx workbook, read by the
// layout map of the entry's params. Its locators are cells, which move
// when the publisher inserts a row or a year column, so a row's obs_id is
// derived from what the figure is (source, the series' fields, the year),
// never from its cell; two figures the map gives the same identity are a
// layout error (see interp.sameFigure).
func init() {
	sources.Register(sources.Kind{Name: Kind, Version: "1", Format: "xlsx", PositionalLocators: true, Open: open})
}

// open compiles a catalog entry's layout map once, when the catalog
// loads, so a bad map fails before any run.
func open(src sources.Entry) (sources.Reader, error) {
	b, err := compileEntry(src)
	if err != nil {
		return sources.Reader{}, err
	}
	return sources.Reader{Extractor: b}, nil
}

// book is an xlsxtable catalog entry with its layout map compiled: one
// plan per edition.
type book struct {
	src    sources.Entry
	params Params
	plans  []*plan
	limits limits // zero: the package's limits (tests lower them)
}

// compileEntry decodes an entry's params and compiles every edition.
func compileEntry(src sources.Entry) (*book, error) {
	var p Params
	if err := sources.DecodeParams(src, &p); err != nil {
		return nil, err
	}
	if p.Table != schemas.RevenueName && p.Table != schemas.WorkerCountsName {
		return nil, fmt.Errorf("source %s: params: table %q: use revenue or worker_counts", src.ID, p.Table)
	}
	if len(p.Editions) == 0 {
		return nil, fmt.Errorf("source %s: params: editions is empty", src.ID)
	}
	b := &book{src: src, params: p}
	for _, e := range p.Editions {
		c, err := compile(p.Table, e)
		if err != nil {
			return nil, fmt.Errorf("source %s: params: %w", src.ID, err)
		}
		b.plans = append(b.plans, c)
	}
	return b, nil
}

// Extract reads the table of one workbook. Differences from the layout map
// fail with a *DriftError (sources.ErrLayoutChanged); a document that is
// not a readable workbook, or a cell that cannot be read, fails with a
// *datasets.LocatedError.
func (b *book) Extract(ctx context.Context, snap snapshot.Snapshot, body io.Reader) (datasets.Rows, error) {
	if err := ctx.Err(); err != nil {
		return datasets.Rows{}, err
	}
	p := pick(b.plans, snap.Name)
	if p == nil {
		return datasets.Rows{}, &DriftError{Document: snap.Name, Edition: "(none)",
			Problems: []string{fmt.Sprintf("no edition's document glob matches %q: add an edition for it", path.Base(snap.Name))}}
	}
	w, err := openWorkbook(snap.Name, body, b.limits, p)
	if err != nil {
		return datasets.Rows{}, located(schemas.Origin{File: snap.Name}, err)
	}
	defer w.Close()
	rows, err := p.read(ctx, w, doc{src: b.src, snap: snap, params: b.params, sourceID: p.sourceID(b.src)})
	if err != nil {
		return datasets.Rows{}, err
	}
	return rows, ctx.Err()
}

func pick(ps []*plan, name string) *plan {
	for _, p := range ps {
		if ok, _ := path.Match(p.Document, path.Base(name)); p.Document == "" || ok {
			return p
		}
	}
	return nil
}

// read extracts the table of an opened workbook.
func (p *plan) read(ctx context.Context, w *workbook, d doc) (datasets.Rows, error) {
	sheet, err := w.sheetName(p)
	if err != nil {
		return datasets.Rows{}, &DriftError{Document: d.snap.Name, Edition: p.Name, Problems: []string{err.Error()}}
	}
	d.sheet = sheet
	at := schemas.Origin{File: d.snap.Name, Sheet: sheet}
	part, err := w.sheetPart(sheet)
	if err != nil {
		return datasets.Rows{}, located(at, err)
	}
	merges, err := w.merges(part)
	if err != nil {
		return datasets.Rows{}, located(at, err)
	}
	if w.partSize(part) > w.spill {
		defer streamGC.raise()()
	}
	var dr drift
	in := p.newInterp(&dr)
	g, err := readGrid(ctx, w, p, sheet, merges, in)
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return datasets.Rows{}, err
		}
		return datasets.Rows{}, located(at, err)
	}
	figures := in.finish(g)
	if err := dr.err(d.snap.Name, sheet, p.Name); err != nil {
		return datasets.Rows{}, err
	}
	if err := p.resolveKinds(w, part, at, g.lastRow, figures); err != nil {
		return datasets.Rows{}, err
	}
	return p.emit(d, figures)
}

// located makes err an error of the document at a place.
func located(at schemas.Origin, err error) error {
	var le *datasets.LocatedError
	if errors.As(err, &le) {
		return err
	}
	return &datasets.LocatedError{At: at, Err: err}
}

func joinErrs(errs []error) error {
	if len(errs) == 1 {
		return errs[0]
	}
	return errors.Join(errs...)
}
