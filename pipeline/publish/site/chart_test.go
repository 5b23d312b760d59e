package site

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/pipeline/publish/internal/publishtest"
)

// Every chart of the site keeps its points inside its plot, its text at
// the size that reads on a phone, and its width the phone-sized viewBox.
func TestChartGeometry(t *testing.T) {
	files := renderSite(t, publishtest.Release(t), "")
	attr := func(tag, name string) float64 {
		m := regexp.MustCompile(`\b` + name + `="([-0-9.]+)"`).FindStringSubmatch(tag)
		if m == nil {
			t.Fatalf("%s has no %s", tag, name)
		}
		f, _ := strconv.ParseFloat(m[1], 64)
		return f
	}
	n := 0
	for p, f := range files {
		if !strings.HasSuffix(p, ".svg") {
			continue
		}
		n++
		svg := string(f.Data)
		if !strings.Contains(svg, `viewBox="0 0 380 `) || !strings.Contains(svg, `font-size="12"`) || strings.Contains(svg, "font-size=\"1") && strings.Count(svg, "font-size=") != 1 {
			t.Errorf("%s: want a 380-unit viewBox and one font size of 12", p)
		}
		plot := regexp.MustCompile(`<rect class="plot"[^>]*>`).FindString(svg)
		if plot == "" {
			t.Fatalf("%s has no plot", p)
		}
		x0, y0 := attr(plot, "x"), attr(plot, "y")
		x1, y1 := x0+attr(plot, "width"), y0+attr(plot, "height")
		pts := regexp.MustCompile(`<(circle|rect) class="pt"[^>]*>`).FindAllString(svg, -1)
		if len(pts) == 0 {
			t.Errorf("%s has no points", p)
		}
		for _, pt := range pts {
			var cx, cy, r float64
			if strings.HasPrefix(pt, "<circle") {
				cx, cy, r = attr(pt, "cx"), attr(pt, "cy"), attr(pt, "r")
			} else {
				r = attr(pt, "width") / 2
				cx, cy = attr(pt, "x")+r, attr(pt, "y")+r
			}
			if cx-r < x0 || cx+r > x1 || cy-r < y0 || cy+r > y1 {
				t.Errorf("%s: point %s lies outside the plot [%v,%v]x[%v,%v]", p, pt, x0, x1, y0, y1)
			}
		}
	}
	if n < 6 {
		t.Errorf("%d charts, want the 3 of the version and those of the country pages", n)
	}
}

func TestTicks(t *testing.T) {
	for _, c := range []struct {
		lo, hi float64
		years  bool
		want   string
	}{
		{0, 16667, false, "[0 5000 10000 15000 20000]"},
		{2008, 2023, true, "[2005 2010 2015 2020 2025]"},
		{2014, 2014, true, "[2014]"},
		{0, 40000, false, "[0 10000 20000 30000 40000]"},
	} {
		if got := fmtFloats(linearTicks(c.lo, c.hi, 5, c.years)); got != c.want {
			t.Errorf("linearTicks(%v, %v) = %s, want %s", c.lo, c.hi, got, c.want)
		}
	}
	if got := fmtFloats(logTicks(30, 9000)); got != "[20 50 100 200 500 1000 2000 5000 10000]" && got != "[100 1000 10000]" {
		t.Errorf("logTicks(30, 9000) = %s", got)
	}
	if got := tickText(12500, []float64{0, 2500}, false); got != "12,500" {
		t.Errorf("tickText = %s", got)
	}
}

func fmtFloats(fs []float64) string {
	var s []string
	for _, f := range fs {
		s = append(s, strconv.FormatFloat(f, 'f', -1, 64))
	}
	return "[" + strings.Join(s, " ") + "]"
}

// A page per host country and one for the world totals, linked from an
// index, each with its figures, their sources and what is not known.
func TestCountryPages(t *testing.T) {
	files := renderSite(t, publishtest.Release(t), "")
	page := pageOf(t, files)
	index := page("countries/index.html")
	bra, wld := page("countries/BRA.html"), page("countries/WLD.html")
	for _, want := range []string{`href="BRA.html">Brazil</a>`, `href="WLD.html">World`} {
		if !strings.Contains(index, want) {
			t.Errorf("index lacks %q", want)
		}
	}
	for _, want := range []string{"<h1>Brazil <small>(BRA)</small></h1>", `<section id="contract_rates">`, `<svg`,
		`href="../sources.html#`, "<th>observation_type</th>", "<th>qualifier</th>", `class="tag preferred"`} {
		if !strings.Contains(bra, want) {
			t.Errorf("BRA page lacks %q", want)
		}
	}
	if !strings.Contains(wld, `<section id="revenue">`) || !strings.Contains(wld, "What is not known") && !strings.Contains(wld, "<section id=\"worker_counts\">") {
		t.Error("world page lacks its revenue and worker counts")
	}
	// The value columns come before the source columns.
	head := regexp.MustCompile(`<thead><tr><th>mark</th>(.*?)</tr></thead>`).FindStringSubmatch(bra)
	if head == nil || strings.Index(head[1], "usd_per_worker_month") > strings.Index(head[1], "source_id") {
		t.Errorf("BRA contract rates columns: %v", head)
	}
}
