package xlsxtable

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// obs is one figure the layout maps: a cell, its year and its series.
type obs struct {
	row, col int
	year     int
	series   *series
	raw      string
	v        value
}

func (o obs) ref() string {
	ref, _ := excelize.CoordinatesToCellName(o.col, o.row)
	return ref
}

// maxProblems bounds a drift report.
const maxProblems = 40

var yearRE = regexp.MustCompile(`^(?:1[89]|2[0-9])[0-9]{2}$`)

// yearOf reads a year header or year label: "2022", "2022 (p)", "2022 1/".
func yearOf(s string) (int, bool) {
	f := foldLabel(s)
	if !yearRE.MatchString(f) {
		return 0, false
	}
	y, _ := strconv.Atoi(f)
	return y, true
}

// headerLabel joins a column's distinct header texts top-down ("Años / 2022").
func (g *grid) headerLabel(col int) []string {
	var texts []string
	for _, row := range g.header {
		t := cellOf(row, col)
		if t != "" && (len(texts) == 0 || texts[len(texts)-1] != t) {
			texts = append(texts, t)
		}
	}
	return texts
}

func (g *grid) width() int {
	w := 0
	for _, r := range g.header {
		w = max(w, len(r))
	}
	return w
}

func (p *plan) ignored(folded string) bool {
	for _, re := range p.ignore {
		if re.MatchString(folded) {
			return true
		}
	}
	return false
}

func (p *plan) match(folded string) int {
	for i, s := range p.series {
		if s.matches(folded) {
			return i
		}
	}
	return -1
}

// checkAbove checks the title above the header and the units (above the
// header, or in a header cell: checkUnits).
func (p *plan) checkAbove(g *grid, d *drift) {
	var texts []string
	title := p.TitleText == ""
	for _, c := range g.above {
		texts = append(texts, c.text)
		title = title || strings.Contains(fold(c.text), fold(p.TitleText))
	}
	if !title {
		d.missingLabel("a title containing", strconv.Quote(p.TitleText), texts)
	}
	p.checkUnits(g, d)
}

// headerMissing reports a header that was not found, and where the
// header's pattern matches in other columns (a shifted column).
func (p *plan) headerMissing(g *grid, d *drift) {
	if p.Header.Row > 0 {
		d.add("expected the header at row %d: the sheet has %d rows", p.Header.Row, g.lastRow)
		return
	}
	msg := fmt.Sprintf("expected the header: a row whose column %s matches %q within the first %d rows: not found",
		p.LabelColumn, p.Header.Match, maxHeaderSearch)
	for _, c := range g.above {
		if p.header.MatchString(foldLabel(c.text)) {
			msg += fmt.Sprintf(" (found %q in cell %s: did the label column move?)", c.text, c.ref)
			break
		}
	}
	d.add("%s", msg)
}

// cellValue reads cell col of row r as a figure of year and series s,
// reporting a cell that is neither a number nor a missing-value symbol.
func (p *plan) cellValue(r sheetRow, col, year int, s *series, d *drift) (obs, bool) {
	o := obs{row: r.n, col: col, year: year, series: s, raw: r.cell(col)}
	v, err := p.parseValue(o.raw)
	if err != nil {
		d.add("cell %s: %v in locale %s, nor a missing-value symbol", o.ref(), err, p.loc)
		return o, false
	}
	o.v = v
	return o, v.status != "skip"
}

func colName(c int) string {
	n, _ := excelize.ColumnNumberToName(c)
	return n
}

// headerColumns sorts the header's columns into year or series columns
// (years=columns: years; years=rows: series) and ignored ones.
func (p *plan) headerColumns(g *grid, d *drift, found []int) (cols []column, known map[int]bool) {
	known = map[int]bool{p.labelCol: true}
	years := map[int]int{}
	what := map[bool]string{true: "year", false: "series"}[p.Years == "columns"]
	for c := 1; c <= g.width(); c++ {
		texts := g.headerLabel(c)
		if c == p.labelCol || len(texts) == 0 {
			continue
		}
		label := joinTexts(texts)
		if p.Years == "columns" {
			if y, ok := lastYear(texts); ok {
				if prev, dup := years[y]; dup {
					d.add("header: year %d in columns %s and %s", y, colName(prev), colName(c))
				}
				years[y], known[c] = c, true
				cols = append(cols, column{col: c, year: y, series: -1})
				continue
			}
		} else if si := p.match(foldLabel(label)); si >= 0 {
			found[si]++
			known[c] = true
			cols = append(cols, column{col: c, series: si})
			continue
		}
		if p.ignored(foldLabel(label)) {
			known[c] = true
			continue
		}
		d.add("header column %s: %q is not mapped (neither a %s nor ignored)", colName(c), label, what)
	}
	if len(cols) == 0 {
		d.add("header at row %d: no %s columns", g.headerRow, what)
	}
	return cols, known
}

func joinTexts(texts []string) string {
	return strings.Join(texts, " / ")
}

func lastYear(texts []string) (int, bool) {
	for i := len(texts) - 1; i >= 0; i-- {
		if y, ok := yearOf(texts[i]); ok {
			return y, true
		}
	}
	return 0, false
}
