package site

import (
	"bytes"
	"cmp"
	"fmt"
	"image/color"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/cubaexports/cubaexports/schemas"
)

// chart is one rendered chart of a version.
type chart struct {
	File    string // file name in the version's charts/ directory
	Title   string // what the chart shows, also its alt text
	Caption string // how to read it: which rows are drawn, which are not
	SVG     []byte
}

// Chart size: wide enough for a desktop column; CSS scales it down on a phone.
const (
	chartWidth  = 10 * vg.Inch
	chartHeight = 4.5 * vg.Inch
)

// officialTypes are the observation types drawn as filled points: figures
// published by a statistics office, an official or a government document.
var officialTypes = map[string]bool{"official_statistic": true, "official_statement": true, "official_document": true}

// charts renders the version's charts; a chart without data is left out.
func charts(v *version) ([]chart, error) {
	var out []chart
	for _, f := range []func(*version) (*chart, error){revenueChart, ratesChart, workersChart, macroChart} {
		c, err := f(v)
		if err != nil {
			return nil, err
		}
		if c != nil {
			out = append(out, *c)
		}
	}
	return out, nil
}

// point is one figure on a chart.
type point struct {
	x, y     float64
	official bool
}

// revenueChart plots worldwide revenue in US dollars by year, one colour
// per concept, official figures filled and other figures hollow.
func revenueChart(v *version) (*chart, error) {
	t := v.table("revenue")
	if t == nil {
		return nil, nil
	}
	year, partner, usd, concept, typ := t.col("year"), t.col("partner_country"), t.col("value_usd"), t.col("concept"), t.col("observation_type")
	start, end, agg := t.col("period_start"), t.col("period_end"), t.col("aggregation")
	if min(year, partner, usd, concept, typ) < 0 {
		return nil, nil
	}
	series := map[string][]point{}
	for _, r := range t.Records {
		y, ok1 := number(r[year])
		val, ok2 := number(r[usd])
		if !ok1 || !ok2 || val <= 0 || r[partner] != "WLD" || !oneYear(r, start, end, agg) {
			continue
		}
		series[r[concept]] = append(series[r[concept]], point{x: y, y: val / 1e9, official: officialTypes[r[typ]]})
	}
	if len(series) == 0 {
		return nil, nil
	}
	p := newPlot("Service-export revenue, worldwide, by year and concept", "year", "billion US$ (log scale)")
	p.Y.Scale = plot.LogScale{}
	p.Y.Tick.Marker = plot.LogTicks{Prec: -1}
	addSeries(p, series, true)
	svg, err := render(p)
	if err != nil {
		return nil, fmt.Errorf("revenue chart: %w", err)
	}
	return &chart{File: "revenue.svg", Title: "Service-export revenue by year and concept (billion US$)",
		Caption: "Every revenue row that is a flow over one calendar year and all partners together (WLD) that has a value in US dollars (value_usd); " +
			"one colour per concept, on a log scale so that small and large concepts both show; filled points are official figures (statistics, statements, government documents), " +
			"hollow points are estimates, claims and other figures. Disagreeing figures for one year are all drawn.",
		SVG: svg}, nil
}

// oneYear reports whether a revenue record is a figure for one calendar
// year: a flow whose period lies in one year; in a release before periods
// (no aggregation column), a row with no period_start.
func oneYear(r []string, start, end, agg int) bool {
	if agg < 0 || end < 0 || start < 0 {
		return start < 0 || r[start] == ""
	}
	return r[agg] == "flow" && schemas.WithinYear(r[start], r[end])
}

// ratesChart plots contract rates per host country: usd_per_worker_month
// where the release has it, otherwise the amounts published in US dollars
// per month, host-pays filled and worker-receives hollow.
func ratesChart(v *version) (*chart, error) {
	t := v.table("contract_rates")
	if t == nil {
		return nil, nil
	}
	host, measure, amount, currency, per, usdpm := t.col("host_country"), t.col("measure"), t.col("amount"), t.col("currency"), t.col("per"), t.col("usd_per_worker_month")
	if min(host, measure, amount, currency, per) < 0 {
		return nil, nil
	}
	pick := func(r []string) (float64, bool) {
		if r[currency] != "USD" || r[per] != "month" {
			return 0, false
		}
		return number(r[amount])
	}
	title := "Contract amounts per month published in US$, by host country"
	caption := "The release has no usd_per_worker_month values yet, so this chart draws only the contract-rate rows " +
		"published in US dollars per month (amount, currency USD, per month): filled points are what the host pays, " +
		"hollow points what the worker receives. Rows in other currencies or periods are not drawn; an amount may " +
		"cover one worker or a group (see the workers column)."
	if usdpm >= 0 && slices.ContainsFunc(t.Records, func(r []string) bool { _, ok := number(r[usdpm]); return ok }) {
		pick = func(r []string) (float64, bool) { return number(r[usdpm]) }
		title = "Contract rates in US$ per worker per month, by host country"
		caption = "Every contract-rate row with a value in usd_per_worker_month (derived from the published amount; " +
			"see usd_method): filled points are what the host pays, hollow points what the worker receives."
	}
	type obs struct {
		host string
		val  float64
		pays bool
	}
	var rows []obs
	for _, r := range t.Records {
		m := r[measure]
		if m != "host_pays" && m != "worker_receives" || r[host] == "WLD" {
			continue
		}
		if val, ok := pick(r); ok {
			rows = append(rows, obs{r[host], val, m == "host_pays"})
		}
	}
	if len(rows) == 0 {
		return nil, nil
	}
	var hosts []string
	for _, r := range rows {
		if !slices.Contains(hosts, r.host) {
			hosts = append(hosts, r.host)
		}
	}
	slices.Sort(hosts)
	slices.Reverse(hosts) // first host at the top
	p := newPlot(title, "US$ per month", "")
	var pays, gets plotter.XYs
	for _, r := range rows {
		xy := plotter.XY{X: r.val, Y: float64(slices.Index(hosts, r.host))}
		if r.pays {
			pays = append(pays, xy)
		} else {
			gets = append(gets, xy)
		}
	}
	for i, s := range []struct {
		name string
		xys  plotter.XYs
	}{{"host pays", pays}, {"worker receives", gets}} {
		if len(s.xys) == 0 {
			continue
		}
		sc, err := plotter.NewScatter(s.xys)
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle = glyph(colour(i), i == 0)
		p.Add(sc)
		p.legend.Add(s.name, sc)
	}
	p.NominalY(hosts...)
	h := max(chartHeight, vg.Length(len(hosts))*0.22*vg.Inch+1.2*vg.Inch)
	svg, err := renderSize(p, chartWidth, h)
	if err != nil {
		return nil, fmt.Errorf("contract rates chart: %w", err)
	}
	return &chart{File: "contract_rates.svg", Title: title, Caption: caption, SVG: svg}, nil
}

// workersChart plots the stock of workers over time in the six host
// countries with the largest published counts.
func workersChart(v *version) (*chart, error) {
	t := v.table("worker_counts")
	if t == nil {
		return nil, nil
	}
	host, year, count, kind, typ := t.col("host_country"), t.col("year"), t.col("count"), t.col("count_kind"), t.col("observation_type")
	if min(host, year, count, kind, typ) < 0 {
		return nil, nil
	}
	series := map[string][]point{}
	largest := map[string]float64{}
	for _, r := range t.Records {
		y, ok1 := number(r[year])
		n, ok2 := number(r[count])
		if !ok1 || !ok2 || r[host] == "WLD" || r[kind] != "stock" {
			continue
		}
		series[r[host]] = append(series[r[host]], point{x: y, y: n, official: officialTypes[r[typ]]})
		largest[r[host]] = max(largest[r[host]], n)
	}
	if len(series) == 0 {
		return nil, nil
	}
	hosts := make([]string, 0, len(largest))
	for h := range largest {
		hosts = append(hosts, h)
	}
	slices.SortFunc(hosts, func(a, b string) int { return cmp.Or(cmp.Compare(largest[b], largest[a]), strings.Compare(a, b)) })
	const top = 6
	for _, h := range hosts[min(top, len(hosts)):] {
		delete(series, h)
	}
	p := newPlot(fmt.Sprintf("Workers present (stock) in the %d host countries with the largest counts", min(top, len(hosts))), "year", "workers")
	addSeries(p, series, true)
	svg, err := render(p)
	if err != nil {
		return nil, fmt.Errorf("worker counts chart: %w", err)
	}
	return &chart{File: "worker_counts.svg", Title: "Workers present by host country and year (largest hosts)",
		Caption: "Worker-count rows of kind stock (workers present at a date) with a single count, for the host countries " +
			"whose largest published count is highest; arrivals, cumulative and agreed numbers are not drawn. " +
			"Filled points are official figures, hollow points estimates, claims and other figures.",
		SVG: svg}, nil
}

// figure is a plot and its legend, drawn to the right of the plot.
type figure struct {
	*plot.Plot
	legend plot.Legend
}

// legendWidth is the width of the legend column.
const legendWidth = 2.9 * vg.Inch

// palette holds ten colours that stay apart from each other.
var palette = []color.Color{
	color.RGBA{0x1f, 0x77, 0xb4, 0xff}, color.RGBA{0xff, 0x7f, 0x0e, 0xff}, color.RGBA{0x2c, 0xa0, 0x2c, 0xff},
	color.RGBA{0xd6, 0x27, 0x28, 0xff}, color.RGBA{0x94, 0x67, 0xbd, 0xff}, color.RGBA{0x8c, 0x56, 0x4b, 0xff},
	color.RGBA{0xe3, 0x77, 0xc2, 0xff}, color.RGBA{0x7f, 0x7f, 0x7f, 0xff}, color.RGBA{0xbc, 0xbd, 0x22, 0xff},
	color.RGBA{0x17, 0xbe, 0xcf, 0xff},
}

func colour(i int) color.Color { return palette[i%len(palette)] }

// newPlot is a plot with sans-serif text and an empty legend.
func newPlot(title, x, y string) *figure {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = x
	p.Y.Label.Text = y
	sans := func(f *font.Font) { f.Typeface = "Liberation"; f.Variant = "Sans" }
	for _, f := range []*font.Font{&p.Title.TextStyle.Font, &p.X.Label.TextStyle.Font, &p.Y.Label.TextStyle.Font,
		&p.X.Tick.Label.Font, &p.Y.Tick.Label.Font, &p.Legend.TextStyle.Font} {
		sans(f)
	}
	p.Title.TextStyle.Font.Size = vg.Points(13)
	p.Add(plotter.NewGrid())
	l := plot.NewLegend()
	sans(&l.TextStyle.Font)
	l.TextStyle.Font.Size = vg.Points(10)
	l.Top, l.Left = true, true
	l.Padding = vg.Points(4)
	return &figure{Plot: p, legend: l}
}

// addSeries draws one colour per series (in key order) and, with
// official set, a legend of filled (official) and hollow (other) points.
func addSeries(p *figure, series map[string][]point, official bool) {
	keys := make([]string, 0, len(series))
	for k := range series {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for i, k := range keys {
		pts := slices.Clone(series[k])
		slices.SortFunc(pts, func(a, b point) int { return cmp.Or(cmp.Compare(a.x, b.x), cmp.Compare(a.y, b.y)) })
		var filled, hollow plotter.XYs
		for _, pt := range pts {
			if pt.official {
				filled = append(filled, plotter.XY{X: pt.x, Y: pt.y})
			} else {
				hollow = append(hollow, plotter.XY{X: pt.x, Y: pt.y})
			}
		}
		c := colour(i)
		var thumb plot.Thumbnailer
		for j, xys := range []plotter.XYs{filled, hollow} {
			if len(xys) == 0 {
				continue
			}
			sc, _ := plotter.NewScatter(xys) // NaN-free by construction
			sc.GlyphStyle = glyph(c, j == 0)
			p.Add(sc)
			if thumb == nil {
				thumb = sc
			}
		}
		p.legend.Add(k, thumb)
	}
	if official {
		f, _ := plotter.NewScatter(plotter.XYs{})
		f.GlyphStyle = glyph(color.Black, true)
		h, _ := plotter.NewScatter(plotter.XYs{})
		h.GlyphStyle = glyph(color.Black, false)
		p.legend.Add("official figure", f)
		p.legend.Add("estimate, claim or other", h)
	}
}

// glyph is a filled or hollow circle.
func glyph(c color.Color, filled bool) draw.GlyphStyle {
	g := draw.GlyphStyle{Color: c, Radius: vg.Points(3.5), Shape: draw.RingGlyph{}}
	if filled {
		g.Shape = draw.CircleGlyph{}
	}
	return g
}

func render(p *figure) ([]byte, error) { return renderSize(p, chartWidth, chartHeight) }

// renderSize renders p as SVG. The SVG is scalable (a viewBox, no fixed
// size) so a page can fit it to a phone's width.
func renderSize(p *figure, w, h vg.Length) ([]byte, error) {
	c := vgsvg.NewWith(vgsvg.UseWH(w, h))
	dc := draw.New(c)
	p.Draw(draw.Crop(dc, 0, -legendWidth, 0, 0))
	p.legend.Draw(draw.Crop(dc, w-legendWidth+vg.Points(8), 0, 0, -vg.Points(24)))
	var b bytes.Buffer
	if _, err := c.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
