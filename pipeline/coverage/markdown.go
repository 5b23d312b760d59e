package coverage

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/cubaexports/cubaexports/schemas"
)

// factTables are the tables the report describes, in release order.
var factTables = []string{schemas.RevenueName, schemas.ContractRatesName, schemas.WorkerCountsName}

// Markdown writes the report as the Markdown section docs/data.md holds:
// the host countries with their tables and years, revenue by concept and
// year, and figures by observation type. It writes nothing that depends
// on the version or the build date, so the section changes only when the
// data does.
func (r *Report) Markdown(w io.Writer) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "Fact rows: %s.\n\n", r.rowCounts())
	fmt.Fprintf(b, "**Host countries** (codes other than `WLD`, all hosts, and `CUB`): %d with a figure; "+
		"%d with a worker count or a contract rate: %d with a worker count, %d with a contract rate, %d with both.\n\n",
		len(r.Hosts), r.WithCountOrRate(), r.WithCount(), r.WithRate(), r.WithBoth())
	r.hostTable(b)
	r.revenueTable(b)
	r.typeTable(b)
	return b.Flush()
}

func (r *Report) rowCounts() string {
	var parts []string
	for _, t := range factTables {
		parts = append(parts, fmt.Sprintf("`%s` %d", t, r.Rows[t]))
	}
	return strings.Join(parts, ", ")
}

func (r *Report) hostTable(b *bufio.Writer) {
	fmt.Fprintln(b, "| host | country | worker counts | their years | contract rates | their years | revenue | its years |")
	fmt.Fprintln(b, "|---|---|--:|---|--:|---|--:|---|")
	for _, h := range r.Hosts {
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", h.Code, h.Name,
			count(h.Counts), Years(h.CountYears), count(h.Rates), Years(h.RateYears), count(h.Revenue), Years(h.RevenueYears))
	}
	fmt.Fprintln(b)
}

func (r *Report) revenueTable(b *bufio.Writer) {
	var first, last int64
	for _, s := range r.Revenue {
		for y := range s.Years {
			if first == 0 || y < first {
				first = y
			}
			last = max(last, y)
		}
	}
	fmt.Fprintln(b, "Revenue figures a source gave for one calendar year, by year and concept (withheld figures, plans, and totals over several years or part of a year are left out):")
	fmt.Fprintln(b)
	fmt.Fprint(b, "| year |")
	for _, s := range r.Revenue {
		fmt.Fprintf(b, " %s |", s.Concept)
	}
	fmt.Fprint(b, "\n|--:|")
	fmt.Fprint(b, strings.Repeat("--:|", len(r.Revenue)))
	fmt.Fprintln(b)
	for y := first; first > 0 && y <= last; y++ {
		fmt.Fprintf(b, "| %d |", y)
		for _, s := range r.Revenue {
			fmt.Fprintf(b, " %s |", count(s.Years[y]))
		}
		fmt.Fprintln(b)
	}
	fmt.Fprintln(b)
}

func (r *Report) typeTable(b *bufio.Writer) {
	fmt.Fprintln(b, "Figures by observation type:")
	fmt.Fprintln(b)
	fmt.Fprintf(b, "| observation type | %s |\n|---|--:|--:|--:|\n", strings.Join(factTables, " | "))
	for _, t := range r.ObsTypes {
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", t.Type, count(t.Revenue), count(t.Rates), count(t.WorkerCounts))
	}
}

// count writes zero as an empty cell, so gaps stand out.
func count(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// Years writes sorted years with runs of consecutive years as ranges:
// 2005–2008, 2013.
func Years(ys []int64) string {
	ys = slices.Compact(slices.Sorted(slices.Values(ys)))
	var parts []string
	for i := 0; i < len(ys); {
		j := i
		for j+1 < len(ys) && ys[j+1] == ys[j]+1 {
			j++
		}
		if j == i {
			parts = append(parts, strconv.FormatInt(ys[i], 10))
		} else {
			parts = append(parts, fmt.Sprintf("%d–%d", ys[i], ys[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}
