package xlsxtable

import (
	"cmp"
	"errors"
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources/normalize"
)

// plan is an edition's layout checked and compiled, with defaults applied.
type plan struct {
	Edition
	table      string
	labelCol   int // 1-based
	header     *regexp.Regexp
	headerRows int
	loc        normalize.Locale
	unitsKey   string
	unitsRE    *regexp.Regexp // units_pattern, compiled
	unitsText  string         // the units in English for notes
	missing    map[string]string
	end        []string
	series     []series
	ignore     []*regexp.Regexp
}

// series is a compiled Series: its folded label or pattern and its fields.
type series struct {
	label   string
	pattern *regexp.Regexp
	fixed   Fixed
}

func (s series) String() string {
	if s.pattern != nil {
		return "pattern " + s.pattern.String()
	}
	return fmt.Sprintf("%q", s.label)
}

func (s series) matches(folded string) bool {
	if s.pattern != nil {
		return s.pattern.MatchString(folded)
	}
	return s.label == folded
}

// defaultMissing are the symbols ONEI tables use for figures they do not give.
var defaultMissing = map[string]string{
	"-": "nil", "—": "nil", "–": "nil",
	"…": "not_available", "...": "not_available", "..": "not_available",
	"": "not_available",
}

// compile checks an edition of a table's layout map.
func compile(table string, e Edition) (*plan, error) {
	p := &plan{Edition: e, table: table, headerRows: max(e.Header.Rows, 1), end: []string{"fuente", "nota"}}
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	if e.Name == "" {
		bad("edition is empty")
	}
	if e.Document != "" {
		if _, err := path.Match(e.Document, ""); err != nil {
			bad("document %q is not a glob: %v", e.Document, err)
		}
	}
	if (e.Sheet == "") == (e.SheetIndex == 0) || e.SheetIndex < 0 {
		bad("give exactly one of sheet (a name) and sheet_index (from 1)")
	}
	if (e.Header.Row == 0) == (e.Header.Match == "") || e.Header.Row < 0 || e.Header.Rows < 0 {
		bad("header: give exactly one of row (from 1) and match (a pattern over the folded label-column cell)")
	}
	var err error
	if e.Header.Match != "" {
		if p.header, err = regexp.Compile(e.Header.Match); err != nil {
			bad("header match: %v", err)
		}
	}
	if e.Years != "columns" && e.Years != "rows" {
		bad("years %q: use columns or rows", e.Years)
	}
	if p.labelCol, err = excelize.ColumnNameToNumber(e.LabelColumn); err != nil {
		bad("label_column %q is not a column letter", e.LabelColumn)
	}
	p.compileUnits(bad)
	p.compileLocale(bad)
	p.compileMissing(bad)
	for _, s := range e.End {
		p.end = append(p.end, fold(s))
	}
	if e.MaxRows == 0 {
		p.MaxRows = 10000
	} else if e.MaxRows < 0 {
		bad("max_rows must be positive")
	}
	for _, pat := range e.Ignore {
		re, err := regexp.Compile(pat)
		if err != nil {
			bad("ignore %q: %v", pat, err)
		}
		p.ignore = append(p.ignore, re)
	}
	p.compileSeries(bad)
	if len(errs) > 0 {
		return nil, fmt.Errorf("edition %q: %w", e.Name, errors.Join(errs...))
	}
	return p, nil
}

func (p *plan) compileLocale(bad func(string, ...any)) {
	switch p.Locale {
	case "", "onei":
		p.loc = normalize.LocaleONEI
	case "es":
		p.loc = normalize.LocaleES
	case "en":
		p.loc = normalize.LocaleEN
	default:
		bad("locale %q: use onei, es or en", p.Locale)
	}
}

func (p *plan) compileMissing(bad func(string, ...any)) {
	p.missing = map[string]string{}
	for k, v := range defaultMissing {
		p.missing[k] = v
	}
	for k, v := range p.Missing {
		switch v {
		case "nil", "not_available", "withheld", "skip":
			p.missing[strings.TrimSpace(k)] = v
		default:
			bad("missing %q: %q is not nil, not_available, withheld or skip", k, v)
		}
	}
}

func (p *plan) compileUnits(bad func(string, ...any)) {
	p.unitsKey = unitsKey(p.Units)
	if p.UnitsPattern != "" {
		re, err := regexp.Compile(p.UnitsPattern)
		if err != nil {
			bad("units_pattern: %v", err)
		} else if re.NumSubexp() > 1 {
			bad("units_pattern %q: give at most one group (the units)", p.UnitsPattern)
		}
		p.unitsRE = re
	}
	if p.unitsKey == "" {
		bad("units is empty: give the units line as printed (e.g. \"Miles de pesos\")")
		return
	}
	u, known := knownUnits[p.unitsKey]
	p.unitsText = p.Units
	if known {
		p.unitsText = u.english
	}
	switch {
	case p.Multiplier < 0:
		bad("multiplier must be positive")
	case p.Multiplier == 0 && !known:
		bad("units %q is not a known units line (%s): give its multiplier", p.Units, knownUnitsList())
	case p.Multiplier == 0:
		p.Multiplier = u.multiplier
	}
}

func (p *plan) compileSeries(bad func(string, ...any)) {
	if len(p.Series) == 0 {
		bad("series is empty: map at least one label")
	}
	for i, s := range p.Series {
		c := series{fixed: p.Fixed.over(s.Fixed)}
		switch {
		case (s.Label == "") == (s.Pattern == ""):
			bad("series %d: give exactly one of label and pattern", i+1)
		case s.Label != "":
			c.label = foldLabel(s.Label)
		default:
			re, err := regexp.Compile(s.Pattern)
			if err != nil {
				bad("series %d: pattern: %v", i+1, err)
			}
			c.pattern = re
		}
		if err := checkFixed(p.table, c.fixed); err != nil {
			bad("series %d (%s): %v", i+1, c, err)
		}
		p.series = append(p.series, c)
	}
}

// checkFixed checks a series' fields against the table's vocabularies.
func checkFixed(table string, f Fixed) error {
	var errs []error
	term := func(vocab, code string) {
		if code == "" {
			errs = append(errs, fmt.Errorf("%s is missing", vocab))
			return
		}
		v, _ := schemas.VocabByName(vocab)
		if _, ok := v.Term(code); !ok {
			errs = append(errs, fmt.Errorf("%s %q is not in the %s vocabulary", vocab, code, vocab))
		}
	}
	term("observation_type", cmp.Or(f.ObservationType, "official_statistic"))
	switch table {
	case schemas.RevenueName:
		term("concept", f.Concept)
		if len(f.Currency) != 3 {
			errs = append(errs, fmt.Errorf("currency %q is not an ISO 4217 code", f.Currency))
		}
	case schemas.WorkerCountsName:
		term("sector", f.Sector)
		term("role", f.Role)
		term("count_kind", f.CountKind)
	}
	return errors.Join(errs...)
}
