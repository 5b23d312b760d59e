package xlsxtable

import (
	"fmt"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
)

// resolveKinds settles the figures whose meaning depends on their cell's
// kind: an empty cell that holds a formula never computed is an error
// naming the cell; "1.234" stored as text in locale es is 1234.
func (p *plan) resolveKinds(w *workbook, part string, at schemas.Origin, last int, figures []obs) error {
	wanted := map[string]bool{}
	for _, o := range figures {
		if o.v.check {
			wanted[o.ref()] = true
		}
	}
	if len(wanted) == 0 {
		return nil
	}
	rc, err := w.openPart(part)
	if err != nil {
		return located(at, err)
	}
	defer rc.Close()
	kinds, err := scanKinds(rc, wanted, last)
	if err != nil {
		return located(at, fmt.Errorf("reading cell kinds: %w", err))
	}
	var errs []error
	for i := range figures {
		o := &figures[i]
		k := kinds[o.ref()]
		if !o.v.check {
			continue
		}
		cell := at
		cell.Row = o.row
		switch {
		case k.formula && !k.cached:
			errs = append(errs, &datasets.LocatedError{At: cell, Err: fmt.Errorf("cell %s: %w", o.ref(), ErrNoCache)})
		case k.text && o.v.status == "reported":
			f, err := ParseCellText(o.raw, p.loc)
			if err != nil {
				errs = append(errs, &datasets.LocatedError{At: cell, Err: fmt.Errorf("cell %s: %w", o.ref(), err)})
			}
			o.v.num = f
		}
	}
	if len(errs) > 0 {
		return joinErrs(errs)
	}
	return nil
}
