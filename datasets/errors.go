package datasets

import (
	"fmt"

	"github.com/cubaexports/cubaexports/schemas"
)

// LocatedError is an error about one place of an input document: a file,
// a sheet and row, and a column. It prints as
// `curated/contract_rates.csv:41: column "currency": ...`.
type LocatedError struct {
	At     schemas.Origin
	Column string
	Err    error
}

func (e *LocatedError) Error() string {
	s := Where(e.At)
	if e.Column != "" {
		s += fmt.Sprintf(": column %q", e.Column)
	}
	return s + ": " + e.Err.Error()
}

func (e *LocatedError) Unwrap() error { return e.Err }

// Where formats an origin as file:row, or file: sheet "s" row n.
func Where(o schemas.Origin) string {
	switch {
	case o.Sheet != "" && o.Row > 0:
		return fmt.Sprintf("%s: sheet %q row %d", o.File, o.Sheet, o.Row)
	case o.Sheet != "":
		return fmt.Sprintf("%s: sheet %q", o.File, o.Sheet)
	case o.Row > 0:
		return fmt.Sprintf("%s:%d", o.File, o.Row)
	}
	return o.File
}
