package validate

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
)

// Values that make no sense block the release, each finding naming the
// place, the column and what was expected (issue 22, item 3: NaN, Inf,
// 1e308, control characters, U+202E and a 10 MB note passed; a
// javascript: URL passed, item 7).
func TestValuesMakeSense(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(r *datasets.Rows)
		where string
		msg   string
	}{
		{"NaN revenue", revenue(0, func(x *schemas.Revenue) { x.Value = f64(math.NaN()) }),
			`curated.csv:2: column "value": value "NaN"`, "not a finite decimal number"},
		{"Inf amount", rate(0, func(x *schemas.ContractRate) { x.Amount = f64(math.Inf(1)) }),
			`curated.csv:3: column "amount"`, "not a finite decimal number"},
		{"1e308 revenue", revenue(0, func(x *schemas.Revenue) { x.Value = f64(1e308) }),
			`curated.csv:2: column "value": value "1e+308"`, "out of bounds: 1e+308 is outside 0 to 1e+13"},
		{"count too large", count(0, func(x *schemas.WorkerCount) { x.Count = i64(1 << 40) }),
			`curated.csv:5: column "count": value "1099511627776"`, "out of bounds"},
		{"NUL in a locator", revenue(0, func(x *schemas.Revenue) { x.Locator = "p. 3\x00" }),
			`curated.csv:2: column "locator"`, "control character U+0000"},
		{"newline outside a note", revenue(0, func(x *schemas.Revenue) { x.Edition = "AEC\n2022" }),
			`curated.csv:2: column "edition"`, "control character U+000A"},
		{"right-to-left override", rate(0, func(x *schemas.ContractRate) { x.Note = "see \u202Eevil" }),
			`curated.csv:3: column "note"`, "bidirectional control U+202E"},
		{"invalid UTF-8", count(0, func(x *schemas.WorkerCount) { x.Note = "caf\xe9" }),
			`curated.csv:5: column "note"`, "not valid UTF-8"},
		{"10 MB note", revenue(0, func(x *schemas.Revenue) { x.Note = strings.Repeat("n", 10<<20) }),
			`curated.csv:2: column "note"`, "10485760 characters, more than 10000"},
		{"javascript URL", func(r *datasets.Rows) { r.Sources[0].URL = "javascript:alert(1)" },
			`sources.csv:2: column "url"`, "expected an http:// or https:// URL"},
		{"data URL", func(r *datasets.Rows) { r.Sources[0].URL = "data:text/html,x" },
			`sources.csv:2: column "url"`, "expected an http:// or https:// URL"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows := valid()
			tc.edit(&rows)
			datasets.AssignIDs(&rows)
			r := check(rows)
			if !errors.Is(r.Err(), ErrBlocked) {
				t.Fatalf("no error; findings %v", r.Findings)
			}
			for _, f := range r.Errors() {
				if s := f.String(); strings.HasPrefix(s, tc.where) && strings.Contains(s, tc.msg) {
					return
				}
			}
			t.Errorf("no finding at %s with %q in:\n%v", tc.where, tc.msg, r.Err())
		})
	}
}

// A note may hold line breaks and tabs; an https URL passes.
func TestValuesAllowed(t *testing.T) {
	rows := valid()
	edit(rows.Revenue, 0, func(x *schemas.Revenue) { x.Note = "line one\n\tline two" })
	rows.Sources[0].URL = "https://example.org/report.pdf"
	datasets.AssignIDs(&rows)
	if err := check(rows).Err(); err != nil {
		t.Fatal(err)
	}
}
