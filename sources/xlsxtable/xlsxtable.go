package xlsxtable

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/pipeline/snapshot"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources"
)

// Kind is the catalog kind of yearbook tables.
const Kind = "xlsxtable"

func init() { sources.Register(Kind, Extractor{}) }

// Extractor reads one table per .xlsx workbook by the layout map in its
// catalog entry's params.
type Extractor struct {
	limits limits // zero: the package's limits (tests lower them)
}

// Version of the extractor, stamped on rows as xlsxtable@<version>.
func (Extractor) Version() string { return "1" }

// Format is "xlsx": the fetcher rejects bodies that are not.
func (Extractor) Format(sources.Source) string { return "xlsx" }

// CheckParams decodes and checks a catalog entry's layout map, so a bad
// map fails when the catalog is loaded.
func (Extractor) CheckParams(src sources.Source) error {
	_, _, err := plans(src)
	return err
}

// plans decodes a source's params and compiles every edition.
func plans(src sources.Source) (Params, []*plan, error) {
	var p Params
	if err := sources.DecodeParams(src, &p); err != nil {
		return p, nil, err
	}
	if p.Table != schemas.RevenueName && p.Table != schemas.WorkerCountsName {
		return p, nil, fmt.Errorf("source %s: params: table %q: use revenue or worker_counts", src.ID, p.Table)
	}
	if len(p.Editions) == 0 {
		return p, nil, fmt.Errorf("source %s: params: editions is empty", src.ID)
	}
	var out []*plan
	for _, e := range p.Editions {
		c, err := compile(p.Table, e)
		if err != nil {
			return p, nil, fmt.Errorf("source %s: params: %w", src.ID, err)
		}
		out = append(out, c)
	}
	return p, out, nil
}

// Extract reads the table of one workbook. Differences from the layout map
// fail with a *DriftError (sources.ErrLayoutChanged); a document that is
// not a readable workbook, or a cell that cannot be read, fails with a
// *datasets.LocatedError.
func (x Extractor) Extract(ctx context.Context, src sources.Source, snap snapshot.Snapshot, body io.Reader) (datasets.Rows, error) {
	if err := ctx.Err(); err != nil {
		return datasets.Rows{}, err
	}
	params, ps, err := plans(src)
	if err != nil {
		return datasets.Rows{}, err
	}
	p := pick(ps, snap.Name)
	if p == nil {
		return datasets.Rows{}, &DriftError{Document: snap.Name, Edition: "(none)",
			Problems: []string{fmt.Sprintf("no edition's document glob matches %q: add an edition for it", path.Base(snap.Name))}}
	}
	w, err := openWorkbook(snap.Name, body, x.limits, p)
	if err != nil {
		return datasets.Rows{}, located(schemas.Origin{File: snap.Name}, err)
	}
	defer w.Close()
	rows, err := p.read(ctx, w, doc{src: src, snap: snap, params: params, sourceID: p.sourceID(src)})
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
