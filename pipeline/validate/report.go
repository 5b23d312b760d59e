package validate

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
)

// ErrBlocked is wrapped by the error of a report with errors.
var ErrBlocked = errors.New("validation blocked the release")

// Severity of a finding.
type Severity string

// Severities.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Finding is one problem found in one place.
type Finding struct {
	Severity Severity
	Table    string
	At       schemas.Origin
	Column   string
	Value    string
	Rule     string
	Msg      string
}

func (f Finding) String() string {
	var b strings.Builder
	b.WriteString(datasets.Where(f.At))
	if f.At.File == "" {
		b.WriteString("table " + f.Table)
	}
	if f.Column != "" {
		fmt.Fprintf(&b, ": column %q", f.Column)
	}
	if f.Value != "" {
		fmt.Fprintf(&b, ": value %q", f.Value)
	}
	fmt.Fprintf(&b, ": %s (rule %s)", f.Msg, f.Rule)
	return b.String()
}

// Report is every finding of a validation run.
type Report struct {
	Findings []Finding
	seen     map[findingKey]bool
}

type findingKey struct {
	table, col, val, rule string
	at                    schemas.Origin
}

// add records a finding, unless the same place, column, value and rule
// already has one (normalization and validation may both catch a value).
func (r *Report) add(sev Severity, table string, at schemas.Origin, col, val, rule, msg string, args ...any) {
	k := findingKey{table, col, val, rule, at}
	if r.seen == nil {
		r.seen = map[findingKey]bool{}
	}
	if r.seen[k] {
		return
	}
	r.seen[k] = true
	r.Findings = append(r.Findings, Finding{Severity: sev, Table: table, At: at, Column: col, Value: val,
		Rule: rule, Msg: fmt.Sprintf(msg, args...)})
}

// Errors returns the findings of severity Error.
func (r *Report) Errors() []Finding { return r.of(Error) }

// Warnings returns the findings of severity Warning.
func (r *Report) Warnings() []Finding { return r.of(Warning) }

func (r *Report) of(s Severity) []Finding {
	var fs []Finding
	for _, f := range r.Findings {
		if f.Severity == s {
			fs = append(fs, f)
		}
	}
	return fs
}

// Sort orders findings by file, sheet, row, column and rule, so reports
// are stable.
func (r *Report) Sort() {
	slices.SortStableFunc(r.Findings, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.At.File, b.At.File), cmp.Compare(a.At.Sheet, b.At.Sheet),
			cmp.Compare(a.At.Row, b.At.Row), cmp.Compare(a.Table, b.Table),
			cmp.Compare(a.Column, b.Column), cmp.Compare(a.Rule, b.Rule))
	})
}

// Err returns nil when there are no errors, and otherwise an error
// wrapping ErrBlocked that lists every error finding.
func (r *Report) Err() error {
	errs := r.Errors()
	if len(errs) == 0 {
		return nil
	}
	lines := make([]string, len(errs))
	for i, f := range errs {
		lines[i] = f.String()
	}
	n := "1 error"
	if len(errs) > 1 {
		n = fmt.Sprintf("%d errors", len(errs))
	}
	return fmt.Errorf("%w: %s:\n%s", ErrBlocked, n, strings.Join(lines, "\n"))
}

// AddError adds an error finding found outside Check (by extraction or
// normalization), so that one report lists every problem.
func (r *Report) AddError(table string, at schemas.Origin, col, val, rule, msg string) {
	r.add(Error, table, at, col, val, rule, "%s", msg)
}

// AddWarning adds a warning found outside Check (such as a cited figure
// its stored document does not state): it is reported, it does not block.
func (r *Report) AddWarning(table string, at schemas.Origin, col, val, rule, msg string) {
	r.add(Warning, table, at, col, val, rule, "%s", msg)
}

// Merge adds the findings of o to r.
func (r *Report) Merge(o *Report) {
	for _, f := range o.Findings {
		r.add(f.Severity, f.Table, f.At, f.Column, f.Value, f.Rule, "%s", f.Msg)
	}
}
