package validate

import (
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"time"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
)

// Codes knows the standard code lists (ISO 3166-1 alpha-3 plus WLD, ISO
// 4217) that external vocabularies name.
type Codes interface {
	Known(vocab, code string) bool
}

// Options are the parameters of a validation run.
type Options struct {
	Codes       Codes
	CurrentYear int // the latest plausible data year (plans may name it)
}

// Bounds of plausible values.
const (
	FirstYear             = 1959
	MaxUSDPerWorkerMonth  = 1_000_000
	MaxCountries          = 250
	MaxPercent            = 100
	provenanceRuleMessage = "every fact row must say where it comes from"
)

// Check validates every table of rows and returns the report, sorted.
func Check(rows *datasets.Rows, opt Options) *Report {
	if opt.CurrentYear == 0 {
		opt.CurrentYear = time.Now().UTC().Year()
	}
	r := &Report{}
	c := checker{r: r, opt: opt, patterns: map[string]*regexp.Regexp{}}
	// values reads every number and text cell and shares nothing with the
	// other checks but the rows, which no check writes: it runs beside
	// them, and its findings are added last, as if it had run after them
	// (a table's own rule on a value speaks first: Report keeps the first
	// finding of a cell and rule).
	vr := &Report{}
	valued := make(chan struct{})
	go func() {
		defer close(valued)
		v := checker{r: vr, opt: opt, patterns: map[string]*regexp.Regexp{}}
		v.values(rows)
	}()
	for _, t := range rows.Tables() {
		c.columns(t)
	}
	c.citable(rows.Sources)
	c.facts(rows)
	c.keys(rows)
	c.foreignKeys(rows)
	<-valued
	r.Merge(vr)
	// Sort orders by place, table, column and rule, and no two checks above
	// report the same table, column and rule: their order does not show.
	r.Sort()
	return r
}

type checker struct {
	r        *Report
	opt      Options
	patterns map[string]*regexp.Regexp
	known    map[string]bool // source_id of every document (see citable)
	used     map[string]bool // source_id cited by some row so far
}

func (c *checker) re(p string) *regexp.Regexp {
	if c.patterns[p] == nil {
		c.patterns[p] = regexp.MustCompile(p)
	}
	return c.patterns[p]
}

// columns checks every column of every row against its declaration:
// required, vocabulary or code list, pattern, and year bounds. It reads
// each column directly (datasets.CellsOf), decides once per distinct text
// whether it passes (textOK), and runs cell, which reports, only on the
// rows that may not pass.
func (c *checker) columns(t datasets.Table) {
	st := t.Schema()
	cols := make([]datasets.Cells, len(st.Columns))
	for j, col := range st.Columns {
		var ok bool
		if cols[j], ok = datasets.CellsOf(t, col.Name); !ok {
			panic("validate: table " + st.Name + " has no column " + col.Name) // datasets stores every declared column
		}
	}
	suspect := map[int]bool{} // rows to run cell on
	for j, col := range st.Columns {
		x := cols[j]
		switch col.Type {
		case schemas.String:
			verdict := make([]uint8, x.Codes()) // 0 not decided, 1 passes, 2 may not
			for i := range x.Len() {
				k := x.Code(i)
				if verdict[k] == 0 {
					verdict[k] = 2
					if c.textOK(col, x.Value(k)) {
						verdict[k] = 1
					}
				}
				if verdict[k] == 2 {
					suspect[i] = true
				}
			}
		case schemas.Integer:
			if col.Unit == "year" {
				for i := range x.Len() {
					if y := x.Int(i); !x.Null(i) && (y < FirstYear || y > int64(c.opt.CurrentYear)) {
						suspect[i] = true
					}
				}
			}
		case schemas.Timestamp:
			for i := range x.Len() {
				if x.Time(i).IsZero() {
					suspect[i] = true
				}
			}
		}
	}
	for _, i := range slices.Sorted(maps.Keys(suspect)) {
		row := datasets.Row(t, i)
		at := originOf(row)
		for _, col := range st.Columns {
			c.cell(st, col, row, at)
		}
	}
}

// originOf is the origin a row records, if its type has one.
func originOf(row reflect.Value) schemas.Origin {
	if f := row.FieldByName("At"); f.IsValid() && f.Type() == reflect.TypeFor[schemas.Origin]() {
		return f.Interface().(schemas.Origin)
	}
	return schemas.Origin{}
}

// textOK reports whether text v in column col passes every check of
// cell: when it does, cell reports nothing for it.
func (c *checker) textOK(col schemas.Column, v string) bool {
	if v == "" {
		return col.Nullable
	}
	if col.Vocab != "" {
		voc, _ := schemas.VocabByName(col.Vocab)
		if voc.External == "" {
			if voc.Check(v) != nil {
				return false
			}
		} else if !c.re(voc.Pattern).MatchString(v) || (c.opt.Codes != nil && !c.opt.Codes.Known(voc.Name, v)) {
			return false
		}
	}
	return col.Pattern == "" || c.re(col.Pattern).MatchString(v)
}

func (c *checker) cell(st *schemas.Table, col schemas.Column, row reflect.Value, at schemas.Origin) {
	f := col.Field(row)
	if f.Kind() == reflect.Pointer {
		if f.IsNil() {
			return
		}
		f = f.Elem()
	}
	switch col.Type {
	case schemas.String:
		v := f.String()
		if c.textOK(col, v) {
			return
		}
		if v == "" {
			if !col.Nullable {
				msg := "a value is required"
				if col.Role == schemas.Stamp || col.Name == "source_id" || col.Name == "locator" {
					msg += "; " + provenanceRuleMessage
				}
				c.r.add(Error, st.Name, at, col.Name, "", "required", "%s", msg)
			}
			return
		}
		c.vocab(st, col, v, at)
		if col.Pattern != "" && !c.re(col.Pattern).MatchString(v) {
			c.r.add(Error, st.Name, at, col.Name, v, "pattern", "expected an ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD (in a workbook, format the column as text)")
		}
	case schemas.Integer:
		if col.Unit == "year" {
			c.year(st.Name, col.Name, f.Int(), at)
		}
	case schemas.Timestamp:
		if f.Addr().Interface().(*time.Time).IsZero() {
			c.r.add(Error, st.Name, at, col.Name, "", "required", "a time is required; %s", provenanceRuleMessage)
		}
	}
}

func (c *checker) vocab(st *schemas.Table, col schemas.Column, v string, at schemas.Origin) {
	if col.Vocab == "" {
		return
	}
	voc, _ := schemas.VocabByName(col.Vocab)
	if voc.External == "" {
		if err := voc.Check(v); err != nil {
			c.r.add(Error, st.Name, at, col.Name, v, "vocabulary", "not a code of vocabulary %s (allowed: %v)", voc.Name, voc.Codes())
		}
		return
	}
	if !c.re(voc.Pattern).MatchString(v) || (c.opt.Codes != nil && !c.opt.Codes.Known(voc.Name, v)) {
		c.r.add(Error, st.Name, at, col.Name, v, "vocabulary", "not a code of %s", voc.External)
	}
}

func (c *checker) year(table, col string, y int64, at schemas.Origin) {
	if y < FirstYear || y > int64(c.opt.CurrentYear) {
		c.r.add(Error, table, at, col, strconv.FormatInt(y, 10), "range", "expected a year from %d to %d", FirstYear, c.opt.CurrentYear)
	}
}

// forEachRow calls fn with every row of t as an addressable struct value
// (valid during the call) and its origin. A fact table's rows are copied
// out of their columns a batch at a time (datasets.Each), not all at once.
func forEachRow(t datasets.Table, fn func(reflect.Value, schemas.Origin)) {
	var at reflect.StructField
	ok := false
	datasets.Each(t, func(_ int, row reflect.Value) error {
		if !ok { // once per table, not per row
			at, ok = row.Type().FieldByName("At")
			ok = ok && at.Type == reflect.TypeFor[schemas.Origin]()
			if !ok {
				at.Index = nil
			}
			ok = true
		}
		var o schemas.Origin
		if at.Index != nil {
			o = *row.FieldByIndex(at.Index).Addr().Interface().(*schemas.Origin)
		}
		fn(row, o)
		return nil
	})
}

func fmtf(p *float64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(*p, 'f', -1, 64)
}

func fmti(p *int64) string {
	if p == nil {
		return ""
	}
	return fmt.Sprint(*p)
}
