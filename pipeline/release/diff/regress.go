package diff

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/cubaexports/cubaexports/schemas"
)

// ErrRegression is wrapped by the error release.Write returns when the new
// release regresses against the previous one and no reason to accept it
// was given.
var ErrRegression = errors.New("regression against the previous release")

// Thresholds of the regression gate.
const (
	blockRowLoss   = 0.10 // a table losing more than this share of its rows blocks
	blockValueMove = 0.50 // a value moving by more than this share blocks
	warnValueMove  = 0.10 // a value moving by more than this share is a warning
)

// valueColumns are the numeric value columns the gate watches.
var valueColumns = map[string]bool{
	"value": true, "value_low": true, "value_high": true,
	"amount": true, "amount_low": true, "amount_high": true,
	"count": true, "count_low": true, "count_high": true,
}

// Finding is one regression against the previous release: Blocking ones
// stop the release unless accepted, the others are warnings in the
// changelog.
type Finding struct {
	Blocking bool   `json:"blocking"`
	Table    string `json:"table"`
	Key      string `json:"key,omitempty"` // the row, for a value move
	Message  string `json:"message"`
}

// String is "table key: message".
func (f Finding) String() string {
	if f.Key == "" {
		return f.Table + ": " + f.Message
	}
	return f.Table + " " + f.Key + ": " + f.Message
}

// RegressionError lists the blocking findings against Previous.
type RegressionError struct {
	Previous string
	Findings []Finding
}

// Error lists every blocking finding.
func (e *RegressionError) Error() string {
	msgs := make([]string, len(e.Findings))
	for i, f := range e.Findings {
		msgs[i] = f.String()
	}
	return fmt.Sprintf("release: %s against %s %s the release (accept with a reason, --accept-regressions): %s",
		plural(len(msgs), "regression"), e.Previous, verb(len(msgs), "blocks", "block"), strings.Join(msgs, "; "))
}

// Unwrap returns ErrRegression.
func (e *RegressionError) Unwrap() error { return ErrRegression }

// Regressions applies the gate to d: a table that loses more than 10% of
// its rows (rows removed, by key), a source all of whose rows are gone,
// or a value that moves by more than 50% blocks; any other row loss and a
// value move of more than 10% is a warning. Values are those of the
// valueColumns of changed rows whose preferred is true (on either side);
// in a table with no preferred row yet, of every changed row.
func (d *Diff) Regressions() []Finding {
	fs := []Finding{}
	old, cur := map[string]int{}, map[string]int{}
	for _, t := range d.Tables {
		fs = append(fs, rowLoss(t)...)
		fs = append(fs, valueMoves(t)...)
		for s, n := range t.oldBySource {
			old[s] += n
		}
		for s, n := range t.newBySource {
			cur[s] += n
		}
	}
	for _, s := range slices.Sorted(maps.Keys(old)) {
		if old[s] > 0 && cur[s] == 0 {
			fs = append(fs, Finding{Blocking: true, Table: schemas.SourcesName, Key: s,
				Message: fmt.Sprintf("every one of its %s is gone", plural(old[s], "row"))})
		}
	}
	return fs
}

func rowLoss(t TableDiff) []Finding {
	n := len(t.Removed)
	if n == 0 || t.OldRows == 0 {
		return nil
	}
	share := float64(n) / float64(t.OldRows)
	return []Finding{{Blocking: share > blockRowLoss, Table: t.Table,
		Message: fmt.Sprintf("lost %d of its %s (%s)", n, plural(t.OldRows, "row"), percent(share))}}
}

func valueMoves(t TableDiff) []Finding {
	var fs []Finding
	for _, rc := range t.Changed {
		if t.anyPreferred && !rc.preferred {
			continue
		}
		for _, c := range rc.Cells {
			move, ok := relMove(c)
			if !valueColumns[c.Column] || !ok || move <= warnValueMove {
				continue
			}
			fs = append(fs, Finding{Blocking: move > blockValueMove, Table: t.Table, Key: rc.Key,
				Message: fmt.Sprintf("%s moved by %s (%s → %s)", c.Column, percent(move), c.Old, c.New)})
		}
	}
	return fs
}

// relMove is |new-old|/|old| for two numbers; +Inf from zero to non-zero.
// A cell that is null on either side does not move.
func relMove(c Cell) (float64, bool) {
	o, err1 := strconv.ParseFloat(c.Old, 64)
	n, err2 := strconv.ParseFloat(c.New, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	if o == 0 {
		if n == 0 {
			return 0, true
		}
		return math.Inf(1), true
	}
	return math.Abs(n-o) / math.Abs(o), true
}

func percent(share float64) string {
	if math.IsInf(share, 1) {
		return "∞% (from zero)"
	}
	return strconv.FormatFloat(share*100, 'f', 0, 64) + "%"
}

func verb(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Blocking returns the findings that block a release.
func Blocking(fs []Finding) []Finding {
	var b []Finding
	for _, f := range fs {
		if f.Blocking {
			b = append(b, f)
		}
	}
	return b
}
