package xlsxtable

import (
	"fmt"
	"strings"

	"github.com/cubaexports/cubaexports/sources"
)

// DriftError reports that a document no longer matches its layout map:
// what the map expected and what the sheet holds. It wraps
// sources.ErrLayoutChanged, so the run ends with exit code 4.
type DriftError struct {
	Document string   // the document's file name
	Sheet    string   // the sheet read, if found
	Edition  string   // the edition of the layout map applied
	Problems []string // one line per difference
}

// Error lists the differences, one per line.
func (e *DriftError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s", e.Document)
	if e.Sheet != "" {
		fmt.Fprintf(&b, ": sheet %q", e.Sheet)
	}
	fmt.Fprintf(&b, ": %v: the layout map of edition %q does not fit (update its params where the entry is declared, as cubaexports sources shows; see docs/yearbook-layouts.md):",
		sources.ErrLayoutChanged, e.Edition)
	for _, p := range e.Problems {
		b.WriteString("\n  - ")
		b.WriteString(p)
	}
	return b.String()
}

// Unwrap returns sources.ErrLayoutChanged.
func (e *DriftError) Unwrap() error { return sources.ErrLayoutChanged }

// drift collects differences between a layout map and a sheet.
type drift struct {
	problems []string
	more     int // problems past maxProblems, counted only
}

func (d *drift) add(format string, a ...any) {
	if len(d.problems) >= maxProblems {
		d.more++
		return
	}
	d.problems = append(d.problems, fmt.Sprintf(format, a...))
}

// missingLabel reports an expected label with the nearest one found.
func (d *drift) missingLabel(what, want string, found []string) {
	msg := fmt.Sprintf("expected %s %s: not found", what, want)
	if n := nearest(strings.Trim(want, `"`), found); n != "" {
		msg += fmt.Sprintf(" (nearest: %q)", n)
	}
	d.add("%s", msg)
}

func (d *drift) err(doc, sheet, edition string) error {
	if len(d.problems) == 0 {
		return nil
	}
	probs := d.problems
	if d.more > 0 {
		probs = append(probs, fmt.Sprintf("... and %d more", d.more))
	}
	return &DriftError{Document: doc, Sheet: sheet, Edition: edition, Problems: probs}
}
