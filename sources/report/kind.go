package report

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// Kind is the catalog kind of reports.
const Kind = "report"

// The report kind: the format of an entry's document is its params'
// (empty: the fetcher accepts any body and the kind tells it from the
// bytes).
func init() { sources.Register(sources.Kind{Name: Kind, Version: "1", Open: open}) }

// open checks an entry's params and compiles its patterns once, when the
// catalog loads.
func open(src sources.Entry) (sources.Reader, error) {
	p, err := params(src)
	if err != nil {
		return sources.Reader{}, err
	}
	r := &reportEntry{src: src, params: p}
	return sources.Reader{Extractor: r, Format: p.Format, SourceID: p.SourceID}, nil
}

// reportEntry takes the declared figures of one report (PDF, HTML or
// text) by the compiled patterns of its catalog entry's params.
type reportEntry struct {
	src    sources.Entry
	params Params
}

// FigureError reports that declared figures were not found exactly once
// in a document: the document changed, or the pattern is wrong. It wraps
// sources.ErrLayoutChanged, so the run ends with exit code 4 and the
// previous data is kept.
type FigureError struct {
	Document string   // the document's file name
	Source   string   // the catalog id
	Problems []string // one line per figure
}

func (e *FigureError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: source %s: %v: declared figures do not match the document (update params in sources/catalog.yaml, see docs/reports.md):",
		e.Document, e.Source, sources.ErrLayoutChanged)
	for _, p := range e.Problems {
		b.WriteString("\n  - ")
		b.WriteString(p)
	}
	return b.String()
}

// Unwrap returns sources.ErrLayoutChanged.
func (e *FigureError) Unwrap() error { return sources.ErrLayoutChanged }

// match is where a figure's pattern matched: a page, character offsets
// of the whole match, and the text of its groups.
type match struct {
	page, start, end int
	groups           map[string]string
}

// Extract reads the document page by page and locates every declared
// figure. A figure found on no page, or more than once, fails the
// document with a *FigureError; an unreadable document fails with a
// *datasets.LocatedError naming it.
func (r *reportEntry) Extract(ctx context.Context, snap snapshot.Snapshot, body io.Reader) (datasets.Rows, error) {
	if err := ctx.Err(); err != nil {
		return datasets.Rows{}, err
	}
	src, p := r.src, r.params
	name := snap.Name
	if name == "" {
		name = src.ID
	}
	paged, body, err := HasPages(body)
	if err != nil {
		return datasets.Rows{}, &datasets.LocatedError{At: schemas.Origin{File: name}, Err: err}
	}
	found := make([][]match, len(p.Figures))
	err = ReadPages(ctx, name, body, func(pg Page) error {
		for i, f := range p.Figures {
			locs := f.re.FindAllStringSubmatchIndex(pg.Text, 3)
			for _, loc := range locs {
				m := match{page: pg.N, start: utf8.RuneCountInString(pg.Text[:loc[0]]),
					end: utf8.RuneCountInString(pg.Text[:loc[1]]), groups: map[string]string{}}
				for g, n := range f.re.SubexpNames() {
					if n != "" && loc[2*g] >= 0 {
						m.groups[n] = pg.Text[loc[2*g]:loc[2*g+1]]
					}
				}
				found[i] = append(found[i], m)
			}
		}
		return nil
	})
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return datasets.Rows{}, err
		}
		return datasets.Rows{}, &datasets.LocatedError{At: schemas.Origin{File: name}, Err: err}
	}
	var problems []string
	var out datasets.Rows
	d := docInfo{src: src, snap: snap, params: p, name: name, paged: paged}
	for i, f := range p.Figures {
		switch ms := found[i]; len(ms) {
		case 0:
			problems = append(problems, fmt.Sprintf("figure %q: pattern %s matches nowhere in the document", f.Name, f.Pattern))
			continue
		case 1:
		default:
			var where []string
			for _, m := range ms {
				where = append(where, fmt.Sprintf("page %d chars %d-%d", m.page, m.start, m.end))
			}
			problems = append(problems, fmt.Sprintf("figure %q: pattern matches %d times (%s); make it match once", f.Name, len(ms), strings.Join(where, ", ")))
			continue
		}
		if err := d.emit(&out, f, found[i][0]); err != nil {
			problems = append(problems, fmt.Sprintf("figure %q: %v", f.Name, err))
		}
	}
	if len(problems) > 0 {
		return datasets.Rows{}, &FigureError{Document: name, Source: src.ID, Problems: problems}
	}
	out.Sources = []schemas.Source{d.sourceRow()}
	return out, ctx.Err()
}

// docInfo is what every row of one document shares.
type docInfo struct {
	src    sources.Entry
	snap   snapshot.Snapshot
	params Params
	name   string
	paged  bool // the document has pages (not HTML): rows get the page column
}

func (d docInfo) sourceID() string { return cmp.Or(d.params.SourceID, d.src.ID) }

// Locator formats a figure's place: "page=3, chars=120-164", characters
// of the page's normalized text counted from 0, end exclusive.
func Locator(page, start, end int) string {
	return fmt.Sprintf("page=%d, chars=%d-%d", page, start, end)
}

// numbers reads the value, or low and high, of a match.
func numbers(f Figure, m match) (value, low, high *float64, err error) {
	read := func(group string) (*float64, error) {
		s, ok := m.groups[group]
		if !ok {
			return nil, nil
		}
		v, err := ParseFigure(s)
		if err != nil {
			return nil, fmt.Errorf("group %s %q: %w", group, s, err)
		}
		v *= f.Multiplier
		return &v, nil
	}
	if value, err = read("value"); err != nil {
		return
	}
	if low, err = read("low"); err != nil {
		return
	}
	high, err = read("high")
	return
}

// ParseFigure reads the first number of s with the claim finder's rules
// and applies a scale word after it: "4.882.234.500" is 4882234500,
// "US$ 8 billion" 8e9, "1,5 millones" 1.5e6.
func ParseFigure(s string) (float64, error) {
	loc := numberRE.FindStringIndex(s)
	if loc == nil {
		return 0, errors.New("holds no number")
	}
	v, _, ok := parseNumber(s[loc[0]:loc[1]])
	if !ok {
		return 0, fmt.Errorf("%q is not a number", s[loc[0]:loc[1]])
	}
	if m := scaleRE.FindStringSubmatch(s[loc[1]:]); m != nil && len(m[1]) > 1 {
		v *= scales[strings.ToLower(m[1])]
	}
	return v, nil
}

func (d docInfo) emit(out *datasets.Rows, f Figure, m match) error {
	value, low, high, err := numbers(f, m)
	if err != nil {
		return err
	}
	r := f.Row
	q := r.Qualifier
	if q == "" {
		q = "exact"
		if low != nil {
			q = "range"
		}
	}
	prov := schemas.Provenance{SourceID: d.sourceID(), Locator: Locator(m.page, m.start, m.end), At: schemas.Origin{File: d.name}}
	if d.paged {
		prov.Page = new(int64(m.page))
	}
	note := r.Note
	if note == "" {
		note = fmt.Sprintf("read from the text of page %d by the pattern of figure %s", m.page, f.Name)
	}
	start, end := cmp.Or(r.PeriodStart, strconv.Itoa(r.Year)), cmp.Or(r.PeriodEnd, strconv.Itoa(r.Year))
	switch f.Table {
	case schemas.RevenueName:
		out.Revenue.Append(schemas.Revenue{Year: int64(r.Year), PeriodStart: start, PeriodEnd: end, Aggregation: cmp.Or(r.Aggregation, "flow"),
			Concept: r.Concept, PartnerCountry: cmp.Or(r.PartnerCountry, "WLD"), Value: value, ValueLow: low, ValueHigh: high,
			Qualifier: q, Currency: r.Currency, ObservationType: r.ObservationType, Status: "reported", Edition: r.Edition,
			Note: note, Provenance: prov})
	case schemas.ContractRatesName:
		agg := cmp.Or(r.Aggregation, schemas.PerAggregation[r.Per], "rate")
		out.ContractRates.Append(schemas.ContractRate{HostCountry: r.HostCountry, Profession: r.Profession,
			ProfessionLabel: r.ProfessionLabel, Subgroup: r.Subgroup, Year: int64(r.Year), PeriodStart: start, PeriodEnd: end,
			Aggregation: agg, Measure: r.Measure, Component: cmp.Or(r.Component, "total"), Basis: r.Basis, Amount: value,
			AmountLow: low, AmountHigh: high, Qualifier: q, Currency: r.Currency, Per: r.Per, Workers: r.Workers,
			PaymentRoute: r.PaymentRoute, ObservationType: r.ObservationType, Status: "reported", Note: note, Provenance: prov})
	case schemas.WorkerCountsName:
		n, lo, hi, err := whole(value), whole(low), whole(high), error(nil)
		for _, x := range []*float64{value, low, high} {
			if x != nil && (*x != math.Trunc(*x) || math.Abs(*x) > 1<<53) {
				err = fmt.Errorf("%s is not a whole number of persons", strings.TrimRight(fmt.Sprintf("%f", *x), "0"))
			}
		}
		if err != nil {
			return err
		}
		out.WorkerCounts.Append(schemas.WorkerCount{HostCountry: cmp.Or(r.HostCountry, "WLD"), Year: int64(r.Year),
			PeriodStart: start, PeriodEnd: end, Aggregation: cmp.Or(r.Aggregation, schemas.CountKindAggregation[r.CountKind]),
			Sector: r.Sector, Role: r.Role, Subgroup: r.Subgroup, Count: n, CountLow: lo, CountHigh: hi, Qualifier: q, CountKind: r.CountKind,
			ObservationType: r.ObservationType, Status: "reported", Note: note, Provenance: prov})
	}
	return nil
}

// HasPages reports whether the document in body has pages of its own: a
// PDF, or text (pages split at form feeds); HTML is read as one page of
// text, which is not a page of the document. It returns a reader of the
// whole document: body rewound when it can seek (ReadPages then reads a
// PDF in place), else body behind a buffer holding its first bytes.
func HasPages(body io.Reader) (bool, io.Reader, error) {
	var head []byte
	if rs, ok := body.(io.ReadSeeker); ok {
		buf := make([]byte, sniffLen)
		n, err := io.ReadFull(rs, buf)
		if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
			return false, nil, err
		}
		if _, err := rs.Seek(0, io.SeekStart); err != nil {
			return false, nil, err
		}
		head = buf[:n]
	} else {
		br := bufio.NewReaderSize(body, sniffLen)
		h, err := br.Peek(sniffLen)
		if err != nil && err != io.EOF {
			return false, nil, err
		}
		head, body = h, br
	}
	return DetectFormat(head) != FormatHTML, body, nil
}

// sniffLen is how many first bytes HasPages reads, as ReadPages does.
const sniffLen = 512

func whole(x *float64) *int64 {
	if x == nil {
		return nil
	}
	n := int64(*x)
	return &n
}

// sourceRow is the sources row of the document, from the catalog entry.
func (d docInfo) sourceRow() schemas.Source {
	s := schemas.Source{SourceID: d.sourceID(), Title: d.src.Title, Publisher: d.params.Publisher,
		PublisherType: d.params.PublisherType, URL: cmp.Or(d.snap.URL, d.src.URL), Language: d.params.Language,
		Published: d.params.Published, Cites: d.params.Cites, License: d.src.License, SnapshotSHA256: d.snap.SHA256,
		At: schemas.Origin{File: d.name}}
	if !d.snap.RetrievedAt.IsZero() {
		t := d.snap.RetrievedAt.UTC()
		s.RetrievedAt = &t
	}
	return s
}
