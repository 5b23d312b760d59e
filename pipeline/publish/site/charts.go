package site

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/cubaexports/cubaexports/schemas"
)

// chart is one rendered chart: its SVG, what it shows and its data as a
// table, the text alternative a screen reader (or a copy-and-paste) uses.
type chart struct {
	File    string // file name in the version's charts/ directory
	Title   string // what the chart shows, also its accessible name
	Caption string // how to read it: which rows are drawn, which are not
	SVG     []byte
	Data    dataTable
}

// dataTable is the data a chart draws, one row per point.
type dataTable struct {
	Header []string
	Rows   [][]string
}

// palette holds ten colours that stay apart from each other (and from
// the dark grey of the legend's kinds of figure).
var palette = []string{"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"}

// officialTypes are the observation types drawn as filled circles: figures
// published by a statistics office, an official or a government document.
var officialTypes = map[string]bool{"official_statistic": true, "official_statement": true, "official_document": true}

// officialNote says how a chart tells official figures from the others.
const officialNote = "Filled circles are official figures (statistics, statements, government documents), hollow squares estimates, claims and other figures."

// plotted is one figure a chart draws, with the row it comes from.
type plotted struct {
	series string
	x, y   float64
	typ    string // observation_type
	source string // source_id
}

// build turns figures into a chart: one series per name (sorted), the
// points sorted, and the data table in the same order.
func build(file, title, caption string, spec chartSpec, figs []plotted, xName, yName string) *chart {
	if len(figs) == 0 {
		return nil
	}
	slices.SortFunc(figs, func(a, b plotted) int {
		return cmp.Or(strings.Compare(a.series, b.series), cmp.Compare(a.x, b.x), cmp.Compare(a.y, b.y), strings.Compare(a.source, b.source))
	})
	data := dataTable{Header: []string{"series", xName, yName, "observation_type", "source_id"}}
	for _, f := range figs {
		if n := len(spec.Series); n == 0 || spec.Series[n-1].Name != f.series {
			spec.Series = append(spec.Series, series{Name: f.series})
		}
		s := &spec.Series[len(spec.Series)-1]
		s.Points = append(s.Points, xy{X: f.x, Y: f.y, Official: officialTypes[f.typ], Label: f.typ})
		x := fmtValue(f.x)
		if spec.XYears {
			x = tickText(f.x, nil, true)
		}
		if spec.Categories != nil {
			x, f.y = spec.Categories[int(f.y)], f.x
			data.Header[1], data.Header[2] = yName, xName
		}
		data.Rows = append(data.Rows, []string{f.series, x, fmtValue(f.y), f.typ, f.source})
	}
	spec.Title, spec.Kinds = title, true
	return &chart{File: file, Title: title, Caption: caption, SVG: renderChart(spec), Data: data}
}

// charts renders the version's charts of all hosts; a chart without data
// is left out.
func charts(v *version) []chart {
	var out []chart
	for _, c := range []*chart{revenueChart(v, "WLD"), ratesChart(v), workersChart(v), macroChart(v)} {
		if c != nil {
			out = append(out, *c)
		}
	}
	return out
}

// cells reads named columns of a table's rows; a missing column reads "".
type cells struct {
	t   *table
	idx map[string]int
}

func cellsOf(t *table, names ...string) cells {
	c := cells{t: t, idx: map[string]int{}}
	for _, n := range names {
		c.idx[n] = t.col(n)
	}
	return c
}

func (c cells) get(r []string, name string) string {
	if i, ok := c.idx[name]; ok && i >= 0 {
		return r[i]
	}
	if i := c.t.col(name); i >= 0 {
		return r[i]
	}
	return ""
}

// annual tells whether a fact row is a figure for one calendar year, the
// series a chart over years can draw: its period lies within one year and
// it is not a multi-year total or average (a release before the period
// columns: no period_start of its own).
func annual(c cells, r []string) bool {
	agg := c.get(r, "aggregation")
	if agg == "" {
		return c.get(r, "period_start") == ""
	}
	return agg != "cumulative" && agg != "annual_average" && schemas.WithinYear(c.get(r, "period_start"), c.get(r, "period_end"))
}

// revenueChart plots revenue from the partner (WLD: all partners
// together) in US dollars by year, one colour per concept, on a log scale.
func revenueChart(v *version, partner string) *chart {
	t := v.table("revenue")
	if t == nil || t.col("value_usd") < 0 {
		return nil
	}
	c := cellsOf(t, "year", "partner_country", "value_usd", "concept", "observation_type", "source_id")
	var figs []plotted
	for _, r := range t.Records {
		y, ok1 := number(c.get(r, "year"))
		val, ok2 := number(c.get(r, "value_usd"))
		if !ok1 || !ok2 || val <= 0 || c.get(r, "partner_country") != partner || !annual(c, r) {
			continue
		}
		figs = append(figs, plotted{c.get(r, "concept"), y, val / 1e6, c.get(r, "observation_type"), c.get(r, "source_id")})
	}
	who := "all host countries together (WLD)"
	if partner != "WLD" {
		who = "this host country (partner_country " + partner + ")"
	}
	return build("revenue.svg", "Service-export revenue by year and concept (million US$, log scale)",
		"Every revenue row that is a flow within one calendar year from "+who+" with a value in US dollars (value_usd), "+
			"one colour per concept, on a log scale so that small and large concepts both show. Figures for several years "+
			"together are not drawn. Disagreeing figures for one year are all drawn. "+officialNote,
		chartSpec{XLabel: "year", YLabel: "million US$ (log scale)", XYears: true, LogY: true}, figs, "year", "million_usd")
}

// ratesChart plots contract rates per host country in US dollars per
// worker per month, one colour per measure.
func ratesChart(v *version) *chart {
	t := v.table("contract_rates")
	if t == nil || t.col("usd_per_worker_month") < 0 {
		return nil
	}
	c := cellsOf(t, "host_country", "measure", "usd_per_worker_month", "observation_type", "source_id")
	var figs []plotted
	var hosts []string
	for _, r := range t.Records {
		m, h := c.get(r, "measure"), c.get(r, "host_country")
		val, ok := number(c.get(r, "usd_per_worker_month"))
		if !ok || m != "host_pays" && m != "worker_receives" || h == "WLD" {
			continue
		}
		if !slices.Contains(hosts, h) {
			hosts = append(hosts, h)
		}
		figs = append(figs, plotted{strings.ReplaceAll(m, "_", " "), val, 0, c.get(r, "observation_type"), h + "\x00" + c.get(r, "source_id")})
	}
	slices.Sort(hosts)
	for i := range figs {
		h, src, _ := strings.Cut(figs[i].source, "\x00")
		figs[i].y, figs[i].source = float64(slices.Index(hosts, h)), src
	}
	return build("contract_rates.svg", "Contract rates in US$ per worker per month, by host country",
		"Every contract-rate row of a host country with a value in usd_per_worker_month (derived from the published amount; "+
			"see usd_method), what the host pays and what the worker receives, in any year. "+officialNote,
		chartSpec{XLabel: "US$ per worker per month", ZeroY: true, Categories: hosts}, figs, "usd_per_worker_month", "host_country")
}

// workersChart plots the stock of workers over time in the six host
// countries with the largest published counts.
func workersChart(v *version) *chart {
	t := v.table("worker_counts")
	if t == nil {
		return nil
	}
	c := cellsOf(t, "host_country", "year", "count", "count_kind", "observation_type", "source_id")
	largest := map[string]float64{}
	var figs []plotted
	for _, r := range t.Records {
		y, ok1 := number(c.get(r, "year"))
		n, ok2 := number(c.get(r, "count"))
		h := c.get(r, "host_country")
		if !ok1 || !ok2 || h == "WLD" || c.get(r, "count_kind") != "stock" {
			continue
		}
		figs = append(figs, plotted{h, y, n, c.get(r, "observation_type"), c.get(r, "source_id")})
		largest[h] = max(largest[h], n)
	}
	hosts := make([]string, 0, len(largest))
	for h := range largest {
		hosts = append(hosts, h)
	}
	slices.SortFunc(hosts, func(a, b string) int { return cmp.Or(cmp.Compare(largest[b], largest[a]), strings.Compare(a, b)) })
	const top = 6
	figs = slices.DeleteFunc(figs, func(f plotted) bool { return slices.Index(hosts, f.series) >= top })
	return build("worker_counts.svg", fmt.Sprintf("Workers present (stock) by year in the %d host countries with the largest counts", min(top, len(hosts))),
		"Worker-count rows of kind stock (workers present at a date) with a single count, for the host countries "+
			"whose largest published count is highest; arrivals, cumulative and agreed numbers are not drawn. "+officialNote,
		chartSpec{XLabel: "year", YLabel: "workers", XYears: true, ZeroY: true}, figs, "year", "workers")
}
