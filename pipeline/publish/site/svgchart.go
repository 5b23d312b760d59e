package site

import (
	"bytes"
	"fmt"
	"html"
	"math"
	"slices"
	"strconv"
	"strings"
)

// The charts are drawn as SVG straight from the data: a viewBox about as
// wide as a phone, so that text of fontSize units stays at least 11 CSS
// pixels on a 390 px screen (the stylesheet caps a chart's width on a
// desktop), the points inside a padded plot, and the legend below the
// plot, wrapping, so nothing depends on the screen's width.
const (
	svgWidth   = 380.0 // viewBox width
	fontSize   = 12.0  // text size in viewBox units
	plotHeight = 190.0 // height of a plot with a continuous y axis
	rowHeight  = 22.0  // height of one category on a nominal y axis
	glyphR     = 4.0   // radius of a point
	charWidth  = 0.6   // width of a character, in font sizes (a sans-serif estimate)
)

// xy is one figure on a chart: where it goes and what it is.
type xy struct {
	X, Y     float64
	Official bool   // an official figure: a filled circle; other figures are hollow squares
	Label    string // its row in the chart's data table (e.g. the observation type)
}

// series is a set of points of one colour.
type series struct {
	Name   string
	Points []xy
}

// chartSpec is what a chart shows. With Categories set, the y axis is
// nominal: a point's Y is the index of its category (first at the top).
type chartSpec struct {
	Title          string // the chart's accessible name
	XLabel, YLabel string // axis labels with their units
	XYears         bool   // the x axis counts years: whole-number ticks, no separators
	LogY           bool
	ZeroY          bool // a linear y axis starts at 0
	Categories     []string
	Series         []series
	Kinds          bool // add the legend of official (filled circle) vs other (hollow square)
}

// axis maps data values to a span of the viewBox.
type axis struct {
	lo, hi   float64 // data domain
	from, to float64 // viewBox span
	log      bool
}

func (a axis) at(v float64) float64 {
	lo, hi := a.lo, a.hi
	if a.log {
		v, lo, hi = math.Log10(v), math.Log10(lo), math.Log10(hi)
	}
	if hi == lo {
		return (a.from + a.to) / 2
	}
	return a.from + (v-lo)/(hi-lo)*(a.to-a.from)
}

// textWidth estimates the width of s in viewBox units.
func textWidth(s string) float64 { return float64(len([]rune(s))) * fontSize * charWidth }

// renderChart draws the spec as a standalone SVG document.
func renderChart(s chartSpec) []byte {
	var xs, ys []float64
	for _, se := range s.Series {
		for _, p := range se.Points {
			xs = append(xs, p.X)
			ys = append(ys, p.Y)
		}
	}
	if len(xs) == 0 {
		return nil
	}
	xlo, xhi := slices.Min(xs), slices.Max(xs)
	xticks := linearTicks(xlo, xhi, 5, s.XYears)
	xdom := padDomain(xlo, xhi, xticks, false)

	var ylabels []string
	var yticks []float64
	var ydom [2]float64
	h := plotHeight
	switch {
	case s.Categories != nil:
		h = rowHeight * float64(len(s.Categories))
		ydom = [2]float64{-0.5, float64(len(s.Categories)) - 0.5}
		for i, c := range s.Categories {
			yticks = append(yticks, float64(i))
			ylabels = append(ylabels, c)
		}
	case s.LogY:
		lo, hi := slices.Min(ys), slices.Max(ys)
		yticks = logTicks(lo, hi)
		ydom = [2]float64{min(lo, yticks[0]) / 1.3, max(hi, yticks[len(yticks)-1]) * 1.3}
	default:
		lo, hi := slices.Min(ys), slices.Max(ys)
		if s.ZeroY {
			lo = min(0, lo)
		}
		yticks = linearTicks(lo, hi, 5, false)
		ydom = padDomain(lo, hi, yticks, s.ZeroY)
	}
	if ylabels == nil {
		for _, t := range yticks {
			ylabels = append(ylabels, tickText(t, yticks, false))
		}
	}
	ylw := 0.0
	for _, l := range ylabels {
		ylw = max(ylw, textWidth(l))
	}
	left := 6 + fontSize + 6 + ylw + 6 // axis label, gap, tick labels, gap
	if s.YLabel == "" {
		left -= fontSize + 6
	}
	right, top := 12.0, 10.0
	yAxis := axis{lo: ydom[0], hi: ydom[1], from: top + h, to: top, log: s.LogY}
	if s.Categories != nil {
		yAxis.from, yAxis.to = top, top+h // first category at the top
	}
	xAxis := axis{lo: xdom[0], hi: xdom[1], from: left, to: svgWidth - right}

	var b bytes.Buffer
	legend, legendH := legendSVG(s, top+h+2*fontSize+fontSize+14)
	height := top + h + 2*fontSize + 14 + legendH + 8
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" width="%s" height="%s" role="img" class="chart-svg" font-family="Liberation Sans, Arial, sans-serif" font-size="%s">`+"\n",
		num(svgWidth), num(height), num(svgWidth), num(height), num(fontSize))
	fmt.Fprintf(&b, "<title>%s</title>\n", html.EscapeString(s.Title))
	fmt.Fprintf(&b, `<rect class="plot" x="%s" y="%s" width="%s" height="%s" fill="#fff" stroke="#8c959f"/>`+"\n",
		num(xAxis.from), num(top), num(xAxis.to-xAxis.from), num(h))
	// Grid and ticks.
	for i, t := range yticks {
		y := yAxis.at(t)
		fmt.Fprintf(&b, `<line x1="%s" x2="%s" y1="%s" y2="%s" stroke="#e1e4e8"/>`+"\n", num(xAxis.from), num(xAxis.to), num(y), num(y))
		fmt.Fprintf(&b, `<text x="%s" y="%s" text-anchor="end" dominant-baseline="middle">%s</text>`+"\n",
			num(xAxis.from-5), num(y), html.EscapeString(ylabels[i]))
	}
	for _, t := range xticks {
		x := xAxis.at(t)
		fmt.Fprintf(&b, `<line x1="%s" x2="%s" y1="%s" y2="%s" stroke="#e1e4e8"/>`+"\n", num(x), num(x), num(top), num(top+h))
		fmt.Fprintf(&b, `<text x="%s" y="%s" text-anchor="middle">%s</text>`+"\n", num(x), num(top+h+fontSize+4), tickText(t, xticks, s.XYears))
	}
	fmt.Fprintf(&b, `<text x="%s" y="%s" text-anchor="middle">%s</text>`+"\n",
		num((xAxis.from+xAxis.to)/2), num(top+h+2*fontSize+8), html.EscapeString(s.XLabel))
	if s.YLabel != "" {
		cy := top + h/2
		fmt.Fprintf(&b, `<text transform="translate(%s %s) rotate(-90)" text-anchor="middle">%s</text>`+"\n",
			num(6+fontSize-2), num(cy), html.EscapeString(s.YLabel))
	}
	// Points, hollow squares under filled circles.
	for pass := range 2 {
		for i, se := range s.Series {
			c := palette[i%len(palette)]
			for _, p := range se.Points {
				if p.Official != (pass == 1) {
					continue
				}
				b.WriteString(glyphSVG(xAxis.at(p.X), yAxis.at(p.Y), c, p.Official, fmt.Sprintf("%s: %s, %s", se.Name, tickText(p.X, nil, s.XYears), fmtValue(p.Y))))
			}
		}
	}
	b.WriteString(legend)
	b.WriteString("</svg>\n")
	return b.Bytes()
}

// glyphSVG is a filled circle (official) or a hollow square (other).
func glyphSVG(x, y float64, c string, official bool, title string) string {
	t := html.EscapeString(title)
	if official {
		return fmt.Sprintf(`<circle class="pt" cx="%s" cy="%s" r="%s" fill="%s" stroke="#fff" stroke-width="0.8"><title>%s</title></circle>`+"\n",
			num(x), num(y), num(glyphR), c, t)
	}
	d := glyphR * 0.85
	return fmt.Sprintf(`<rect class="pt" x="%s" y="%s" width="%s" height="%s" fill="#fff" stroke="%s" stroke-width="1.6"><title>%s</title></rect>`+"\n",
		num(x-d), num(y-d), num(2*d), num(2*d), c, t)
}

// legendSVG lays the legend out in rows from y down: a colour swatch per
// series, then the two kinds of figure. It returns the SVG and its height.
func legendSVG(s chartSpec, y float64) (string, float64) {
	type item struct {
		label string
		draw  func(x, y float64) string
	}
	var items []item
	if len(s.Series) > 1 || s.Series[0].Name != "" {
		for i, se := range s.Series {
			c := palette[i%len(palette)]
			items = append(items, item{se.Name, func(x, y float64) string {
				return fmt.Sprintf(`<rect x="%s" y="%s" width="10" height="10" fill="%s"/>`+"\n", num(x), num(y-5), c)
			}})
		}
	}
	if s.Kinds {
		items = append(items,
			item{"official figure", func(x, y float64) string { return glyphSVG(x+5, y, "#24292f", true, "official figure") }},
			item{"estimate, claim or other", func(x, y float64) string {
				return glyphSVG(x+5, y, "#24292f", false, "estimate, claim or other")
			}})
	}
	var b strings.Builder
	x, row := 8.0, 0
	for _, it := range items {
		w := 14 + textWidth(it.label) + 12
		if x+w > svgWidth-4 && x > 8 {
			x, row = 8, row+1
		}
		cy := y + float64(row)*(fontSize+8)
		b.WriteString(strings.ReplaceAll(it.draw(x, cy), `class="pt" `, ""))
		fmt.Fprintf(&b, `<text x="%s" y="%s" dominant-baseline="middle">%s</text>`+"\n", num(x+14), num(cy), html.EscapeString(it.label))
		x += w
	}
	if len(items) == 0 {
		return "", 0
	}
	return b.String(), float64(row+1) * (fontSize + 8)
}

// linearTicks are about n round ticks (steps of 1, 2 or 5 times a power
// of ten) covering [lo, hi]; years take whole steps.
func linearTicks(lo, hi float64, n int, years bool) []float64 {
	if hi == lo {
		if years {
			return []float64{lo}
		}
		lo, hi = lo-math.Abs(lo)*0.5-1, hi+math.Abs(hi)*0.5+1
		if lo < 0 && hi > 0 && lo > -1 {
			lo = 0
		}
	}
	raw := (hi - lo) / float64(n)
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	step := p
	for _, m := range []float64{1, 2, 5, 10} {
		if step = m * p; step >= raw {
			break
		}
	}
	if years {
		step = max(1, math.Round(step))
	}
	var ts []float64
	for t := math.Floor(lo/step) * step; t <= hi+step*1e-9; t += step {
		if t >= lo-step*1e-9 {
			ts = append(ts, math.Round(t/step)*step)
		}
	}
	if len(ts) == 0 || ts[0] > lo {
		ts = append([]float64{math.Floor(lo/step) * step}, ts...)
	}
	if ts[len(ts)-1] < hi {
		ts = append(ts, ts[len(ts)-1]+step)
	}
	return ts
}

// logTicks are 1, 2 and 5 times the powers of ten around [lo, hi], thinned
// to the powers alone when there are many.
func logTicks(lo, hi float64) []float64 {
	var ts []float64
	for e := math.Floor(math.Log10(lo)); e <= math.Ceil(math.Log10(hi)); e++ {
		for _, m := range []float64{1, 2, 5} {
			if t := m * math.Pow(10, e); t >= lo/2.01 && t <= hi*2.01 {
				ts = append(ts, t)
			}
		}
	}
	if len(ts) > 7 {
		ts = slices.DeleteFunc(ts, func(t float64) bool {
			m := t / math.Pow(10, math.Floor(math.Log10(t)+1e-9))
			return math.Abs(m-1) > 1e-6
		})
	}
	if len(ts) == 0 {
		ts = []float64{lo}
	}
	return ts
}

// padDomain widens [lo, hi] to take in the ticks and leave room for a
// point's glyph at both ends (not below zero when zero is the floor).
func padDomain(lo, hi float64, ticks []float64, zero bool) [2]float64 {
	lo, hi = min(lo, ticks[0]), max(hi, ticks[len(ticks)-1])
	pad := (hi - lo) * 0.06
	if pad == 0 {
		pad = 0.5
	}
	if zero && lo >= 0 {
		return [2]float64{lo - pad*0.5, hi + pad}
	}
	return [2]float64{lo - pad, hi + pad}
}

// tickText writes a tick value: years as they are, other numbers with
// thousands separators and as many decimals as the ticks' step needs.
func tickText(v float64, ticks []float64, years bool) string {
	if years {
		return strconv.FormatFloat(math.Round(v), 'f', 0, 64)
	}
	dec := 0
	if len(ticks) > 1 {
		step := math.Abs(ticks[1] - ticks[0])
		for dec < 6 && step*math.Pow10(dec) < 0.999 {
			dec++
		}
	} else if v != math.Trunc(v) {
		dec = max(0, min(6, 2-int(math.Floor(math.Log10(math.Abs(v))))))
	}
	return group(strconv.FormatFloat(v, 'f', dec, 64))
}

// fmtValue writes a figure for a point's tooltip and the data tables.
func fmtValue(v float64) string {
	if math.Abs(v) >= 100 || v == math.Trunc(v) {
		return group(strconv.FormatFloat(math.Round(v), 'f', 0, 64))
	}
	return group(strconv.FormatFloat(v, 'f', -1, 64))
}

// group adds thousands separators to a decimal number.
func group(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, dot := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if dot {
		return sign + b.String() + "." + frac
	}
	return sign + b.String()
}

// num writes a viewBox coordinate with at most two decimals.
func num(v float64) string { return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64) }
