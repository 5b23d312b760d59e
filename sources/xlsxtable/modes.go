package xlsxtable

import "strconv"

// column is a header column of the table: a year, or a series.
type column struct {
	col, year int
	series    int
}

// maxLabels bounds the labels kept to suggest the nearest one.
const maxLabels = 2000

// interp reads a table's body row by row as the sheet streams by, keeping
// only the mapped figures, and collects every difference from the layout
// map in d.
type interp struct {
	p      *plan
	d      *drift
	cols   []column
	known  map[int]bool // columns the header accounts for
	found  []int        // rows (or columns) matched per series
	labels []string     // labels seen, for the nearest-label hint
	years  map[int]int  // years=rows: year -> row
	out    []obs
}

func (p *plan) newInterp(d *drift) *interp {
	return &interp{p: p, d: d, found: make([]int, len(p.series)), years: map[int]int{}}
}

// header takes the table's header once its rows are read.
func (in *interp) header(g *grid) {
	p := in.p
	in.cols, in.known = p.headerColumns(g, in.d, in.found)
	if p.Years == "rows" {
		var labels []string
		for c := 1; c <= g.width(); c++ {
			if c != p.labelCol {
				labels = append(labels, joinTexts(g.headerLabel(c)))
			}
		}
		p.checkFound(in.found, "column", labels, in.d)
	}
}

// row takes one body row.
func (in *interp) row(r sheetRow) {
	if in.known == nil {
		return // no header: reported by finish
	}
	in.p.strayCells(r, in.known, in.d)
	if in.p.Years == "rows" {
		in.yearRow(r)
	} else {
		in.seriesRow(r)
	}
}

// finish checks what only the whole table can say and returns the figures.
func (in *interp) finish(g *grid) []obs {
	p := in.p
	p.checkAbove(g, in.d)
	if g.headerRow == 0 {
		p.headerMissing(g, in.d)
		return nil
	}
	if p.Years == "columns" {
		p.checkFound(in.found, "row", in.labels, in.d)
	}
	for _, o := range in.out {
		if p.EditionYear > 0 && o.year > p.EditionYear {
			in.d.add("cell %s: data year %d is after the edition year %d: is this a later edition?", o.ref(), o.year, p.EditionYear)
			break
		}
	}
	in.sameFigure()
	return in.out
}

// sameFigure reports figures that would be one observation: the same
// series fields and year (within one document the source and edition are
// the same), which happens when a pattern matches two rows or two series
// map to the same fields. Their obs_ids would collide, since ids leave
// the cell out; the map must tell them apart (distinct fields, or ignore
// one), never a suffix.
func (in *interp) sameFigure() {
	seen := make(map[figureKey]obs, len(in.out))
	for _, o := range in.out {
		k := figureKey{o.series.fixed.identity(), o.year}
		if first, dup := seen[k]; dup {
			in.d.add("cells %s and %s are the same figure (%s, year %d): two figures cannot share an id; map them to different fields or ignore one",
				first.ref(), o.ref(), identityText(first, o), o.year)
			continue
		}
		seen[k] = o
	}
}

// figureKey is what identifies a figure within one document.
type figureKey struct {
	fields Fixed
	year   int
}

// identityText names the series of two colliding figures.
func identityText(a, b obs) string {
	if a.series == b.series {
		return "both matched by series " + a.series.String()
	}
	return "series " + a.series.String() + " and " + b.series.String() + " map to the same fields"
}

// seriesRow reads a row of a table with years across the columns.
func (in *interp) seriesRow(r sheetRow) {
	p := in.p
	raw := r.cell(p.labelCol)
	f := foldLabel(raw)
	if f == "" {
		in.d.add("row %d has figures but no label in column %s", r.n, p.LabelColumn)
		return
	}
	if len(in.labels) < maxLabels {
		in.labels = append(in.labels, raw)
	}
	si := p.match(f)
	if si < 0 && !p.ignored(f) {
		in.d.add("unmapped row %d: %q (in neither series nor ignore; nearest mapped: %s)", r.n, raw, p.nearestSeries(f))
		return
	}
	var s *series
	if si >= 0 {
		s = &p.series[si]
		in.found[si]++
	}
	for _, c := range in.cols {
		if o, ok := p.cellValue(r, c.col, c.year, s, in.d); ok && s != nil {
			in.out = append(in.out, o)
		}
	}
}

// yearRow reads a row of a table with years down the rows.
func (in *interp) yearRow(r sheetRow) {
	p := in.p
	raw := r.cell(p.labelCol)
	y, ok := yearOf(raw)
	if !ok {
		if !p.ignored(foldLabel(raw)) {
			in.d.add("row %d: %q in column %s is not a year (nor ignored)", r.n, raw, p.LabelColumn)
		}
		return
	}
	if prev, dup := in.years[y]; dup {
		in.d.add("year %d in rows %d and %d", y, prev, r.n)
	}
	in.years[y] = r.n
	for _, c := range in.cols {
		if o, ok := p.cellValue(r, c.col, y, &p.series[c.series], in.d); ok {
			in.out = append(in.out, o)
		}
	}
}

// strayCells reports figures in columns the header does not account for.
func (p *plan) strayCells(r sheetRow, known map[int]bool, d *drift) {
	for i, c := range r.cells {
		if c != "" && !known[i+1] {
			d.add("cell %s%d holds %q under no mapped header", colName(i+1), r.n, c)
		}
	}
}

// checkFound reports series the table lacks, or labels found twice.
func (p *plan) checkFound(found []int, what string, labels []string, d *drift) {
	for i, s := range p.series {
		switch {
		case found[i] == 0:
			d.missingLabel(what, s.String(), labels)
		case found[i] > 1 && s.pattern == nil:
			d.add("%s %s appears %s times: make the label unique with a pattern", what, s, strconv.Itoa(found[i]))
		}
	}
}

func (p *plan) nearestSeries(f string) string {
	var labels []string
	for _, s := range p.series {
		if s.pattern == nil {
			labels = append(labels, s.label)
		}
	}
	if n := nearest(f, labels); n != "" {
		return strconv.Quote(n)
	}
	return "none"
}
