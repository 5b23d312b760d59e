package site

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/cubaexports/cubaexports/sources/normalize"
)

// world is the code of the figures for all host countries together.
const world = "WLD"

// countryChart says how a fact table is drawn on a country page: the
// value column over the years, one series per what seriesOf gives. A
// table without an entry here (a table added later) is shown as a table
// only.
type countryChart struct {
	value, yLabel string
	scale         float64 // the value is divided by it
	log           bool
	seriesOf      func(c cells, r []string) string
}

// countryCharts declares the chart of each fact table on a country page.
var countryCharts = map[string]countryChart{
	"revenue": {value: "value_usd", yLabel: "million US$ (log scale)", scale: 1e6, log: true,
		seriesOf: func(c cells, r []string) string { return c.get(r, "concept") }},
	"contract_rates": {value: "usd_per_worker_month", yLabel: "US$ per worker per month", scale: 1,
		seriesOf: func(c cells, r []string) string { return strings.ReplaceAll(c.get(r, "measure"), "_", " ") }},
	"worker_counts": {value: "count", yLabel: "workers", scale: 1,
		seriesOf: func(c cells, r []string) string { return c.get(r, "count_kind") + ", " + c.get(r, "role") }},
	"host_estimates": {value: "implied_revenue_usd", yLabel: "million US$ per year", scale: 1e6,
		seriesOf: func(cells, []string) string { return "implied gross payment (derived)" }},
}

// cell is one cell of a country page's table, with a link when it names a source.
type cell struct{ Text, Href string }

// figureRow is one row of a country page's table.
type figureRow struct {
	Cells               []cell
	Preferred, Conflict bool
	Official, NotKnown  bool
}

// countrySection is one fact table's figures for a country.
type countrySection struct {
	Table, Title, Description string
	Chart                     *chartRef
	Header                    []string
	Rows                      []figureRow
	Conflicts, NotKnown       int
	Years                     string
}

// countrySummary is a country's line in the index of countries.
type countrySummary struct {
	Code, Name string
	Rows       map[string]int // rows per table
	Years      string
}

// countryName is a host's English name, or its code.
func countryName(code string) string {
	if code == world {
		return "World (all host countries together)"
	}
	if n, ok := normalize.CountryName(code); ok {
		return n
	}
	return code
}

// countries renders a page per host country of the latest version, one for
// the world totals, and their index.
func (g *gen) countries(v *version) error {
	byCode := map[string]map[string][][]string{} // code, table, rows
	var tables []*table
	for _, t := range v.Tables {
		cc := t.countryColumn()
		if cc == "" || t.col("year") < 0 {
			continue
		}
		tables = append(tables, t)
		i := t.col(cc)
		for _, r := range t.sortedRecords() {
			if byCode[r[i]] == nil {
				byCode[r[i]] = map[string][][]string{}
			}
			byCode[r[i]][t.Name] = append(byCode[r[i]][t.Name], r)
		}
	}
	codes := make([]string, 0, len(byCode))
	for c := range byCode {
		codes = append(codes, c)
	}
	slices.SortFunc(codes, func(a, b string) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), strings.Compare(countryName(a), countryName(b)))
	})
	var index []countrySummary
	for _, code := range codes {
		s := countrySummary{Code: code, Name: countryName(code), Rows: map[string]int{}}
		var sections []countrySection
		var missing []string
		lo, hi := 0.0, 0.0
		for _, t := range tables {
			rows := byCode[code][t.Name]
			s.Rows[t.Name] = len(rows)
			if len(rows) == 0 {
				missing = append(missing, fmt.Sprintf("No %s (%s) are held for %s.", strings.ToLower(t.Title), t.Name, s.Name))
				continue
			}
			sec, err := g.section(v, t, code, rows)
			if err != nil {
				return err
			}
			for _, r := range rows {
				if y, ok := number(r[t.col("year")]); ok {
					if lo == 0 || y < lo {
						lo = y
					}
					hi = max(hi, y)
				}
			}
			sections = append(sections, sec)
		}
		if lo > 0 {
			s.Years = fmt.Sprintf("%.0f–%.0f", lo, hi)
		}
		if code == world {
			sec, ok, err := g.economySection(v)
			if err != nil {
				return err
			}
			if ok {
				sections = append(sections, sec)
			}
		}
		index = append(index, s)
		p := g.page(s.Name+", "+v.Citation.Title, "../", v)
		err := g.render("countries/"+code+".html", "country.html", struct {
			page
			V        *version
			Country  countrySummary
			Sections []countrySection
			Missing  []string
		}{p, v, s, sections, missing})
		if err != nil {
			return err
		}
	}
	g.hosts = index
	var names []string
	for _, t := range tables {
		names = append(names, t.Name)
	}
	return g.render("countries/index.html", "countries.html", struct {
		page
		V         *version
		Countries []countrySummary
		Tables    []string
	}{g.page("Host countries, "+v.Citation.Title, "../", v), v, index, names})
}

// economySection is the world page's section on Cuba's economy around
// the figures: the derived shares of service-export revenue in GDP and in
// exports (macro_shares, every row) under the chart of those shares and
// the World Bank's exports share, split at the declared breaks.
func (g *gen) economySection(v *version) (countrySection, bool, error) {
	t := v.table("macro_shares")
	if t == nil || len(t.Records) == 0 || t.col("year") < 0 {
		return countrySection{}, false, nil
	}
	sec, err := g.section(v, t, world, t.sortedRecords())
	if err != nil {
		return countrySection{}, false, err
	}
	if ch := macroChart(v); ch != nil {
		path := "charts/" + world + "-macro_shares.svg"
		g.add("countries/"+path, ch.SVG)
		r := ch.ref(path)
		sec.Chart = &r
	}
	return sec, true, nil
}

// rank puts the world totals before the countries.
func rank(code string) int {
	if code == world {
		return 0
	}
	return 1
}

// section is table t's rows of one country: its chart, its rows with the
// preferred and conflicting figures marked, and what is withheld.
func (g *gen) section(v *version, t *table, code string, rows [][]string) (countrySection, error) {
	sec := countrySection{Table: t.Name, Title: t.Title, Description: t.Description}
	idx := t.shownColumns(t.countryColumn())
	for _, i := range idx {
		sec.Header = append(sec.Header, t.Header[i])
	}
	c := cellsOf(t)
	// Figures of one quantity (same vocabulary terms and period) that
	// disagree are conflicts: they are sorted next to each other.
	key := t.quantityKey()
	groups := map[string][]string{}
	first := t.firstNumber()
	for _, r := range rows {
		k := pickKey(r, key)
		if first >= 0 && r[first] != "" && !slices.Contains(groups[k], r[first]) {
			groups[k] = append(groups[k], r[first])
		}
	}
	rows = slices.Clone(rows)
	slices.SortStableFunc(rows, func(a, b []string) int { return strings.Compare(pickKey(a, key), pickKey(b, key)) })
	for _, r := range rows {
		fr := figureRow{Preferred: c.get(r, "preferred") == "true", Official: officialTypes[c.get(r, "observation_type")],
			Conflict: len(groups[pickKey(r, key)]) > 1}
		st := c.get(r, "status")
		fr.NotKnown = st != "" && st != "reported"
		for k, i := range idx {
			ce := cell{Text: r[i]}
			if sec.Header[k] == "source_id" && r[i] != "" {
				ce.Href = "../sources.html#" + r[i]
			}
			fr.Cells = append(fr.Cells, ce)
		}
		if fr.Conflict {
			sec.Conflicts++
		}
		if fr.NotKnown {
			sec.NotKnown++
		}
		sec.Rows = append(sec.Rows, fr)
	}
	if spec, ok := countryCharts[t.Name]; ok && t.col(spec.value) >= 0 {
		if ch := countrySeriesChart(t, code, spec, rows); ch != nil {
			path := "charts/" + code + "-" + t.Name + ".svg"
			g.add("countries/"+path, ch.SVG)
			r := ch.ref(path)
			sec.Chart = &r
		}
	}
	return sec, nil
}

// countrySeriesChart draws a table's value over the years for one
// country: every row for one calendar year with a value.
func countrySeriesChart(t *table, code string, spec countryChart, rows [][]string) *chart {
	c := cellsOf(t, "year", spec.value, "observation_type", "source_id")
	var figs []plotted
	for _, r := range rows {
		y, ok1 := number(c.get(r, "year"))
		val, ok2 := number(c.get(r, spec.value))
		if !ok1 || !ok2 || !annual(c, r) || spec.log && val <= 0 {
			continue
		}
		figs = append(figs, plotted{spec.seriesOf(c, r), y, val / spec.scale, c.get(r, "observation_type"), c.get(r, "source_id")})
	}
	title := fmt.Sprintf("%s of %s by year: %s", t.Title, countryName(code), spec.value)
	return build(code+"-"+t.Name+".svg", title,
		fmt.Sprintf("Every %s row of %s for one calendar year (no period_start) with a value in %s. ", t.Name, code, spec.value)+officialNote,
		chartSpec{XLabel: "year", YLabel: spec.yLabel, XYears: true, LogY: spec.log, ZeroY: !spec.log}, figs, "year", spec.value)
}

// quantityKey is the columns that together name one quantity: the lead
// columns and every vocabulary column that is not a qualifier of the value.
func (t *table) quantityKey() []int {
	var key []int
	for _, f := range t.Fields {
		isEnum := f.Constraints != nil && len(f.Constraints.Enum) > 0
		if slices.Contains(leadColumns, f.Name) || isEnum && !slices.Contains(qualColumns, f.Name) {
			key = append(key, t.col(f.Name))
		}
	}
	return key
}

// firstNumber is the index of the first number column that is not the year.
func (t *table) firstNumber() int {
	for _, f := range t.Fields {
		if (f.Type == "number" || f.Type == "integer") && !slices.Contains(leadColumns, f.Name) {
			return t.col(f.Name)
		}
	}
	return -1
}

func pickKey(r []string, idx []int) string { return strings.Join(pick(r, idx), "\x00") }
