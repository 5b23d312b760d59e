package csvtable

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources"
)

// ErrValue is wrapped by errors about a cell that is not a usable figure.
var ErrValue = errors.New("not a usable figure")

var bom = []byte("\xef\xbb\xbf")

// reader turns the records of one document into rows.
type reader struct {
	p     *Params
	src   sources.Entry
	file  string
	col   map[string]int // column name -> index
	byKey map[string]string
	seen  map[string]int // currency|year or year|month -> line first seen
	rows  datasets.Rows
}

// read reads a whole document: an optional byte order mark, the header
// (which must equal params.header), then one record per line.
func read(ctx context.Context, p *Params, src sources.Entry, name string, body io.Reader) (datasets.Rows, error) {
	br := bufio.NewReaderSize(body, 64<<10)
	if b, _ := br.Peek(len(bom)); bytes.Equal(b, bom) {
		_, _ = br.Discard(len(bom))
	}
	r := &reader{p: p, src: src, file: path.Base(name), col: map[string]int{}, byKey: map[string]string{}, seen: map[string]int{}}
	for cur, k := range p.Currencies {
		r.byKey[k] = cur
	}
	cr := csv.NewReader(br)
	cr.ReuseRecord = true
	header := true
	err := datasets.EachCSVRecord(ctx, cr, r.file, func(rec []string, line int) error {
		if header {
			header = false
			return r.header(rec, line)
		}
		return r.record(rec, line)
	})
	if err != nil {
		return datasets.Rows{}, err
	}
	if header {
		return datasets.Rows{}, &datasets.LocatedError{At: r.at(1), Err: fmt.Errorf("%w: the document is empty, want the header %q", sources.ErrLayoutChanged, p.Header)}
	}
	return r.rows, nil
}

func (r *reader) at(line int) schemas.Origin { return schemas.Origin{File: r.file, Row: line} }

func (r *reader) header(rec []string, line int) error {
	if !slices.Equal(rec, r.p.Header) {
		return &datasets.LocatedError{At: r.at(line), Err: fmt.Errorf("%w: header %q, want %q", sources.ErrLayoutChanged, rec, r.p.Header)}
	}
	for i, c := range rec {
		r.col[c] = i
	}
	return nil
}

// cell is the value of a named column.
func (r *reader) cell(rec []string, col string) string { return rec[r.col[col]] }

func (r *reader) record(rec []string, line int) error {
	for col, want := range r.p.Filters {
		if r.cell(rec, col) != want {
			return nil
		}
	}
	cur := ""
	if r.p.Table == schemas.FXRatesName {
		var ok bool
		if cur, ok = r.byKey[r.cell(rec, r.p.Key)]; !ok {
			return nil
		}
	}
	rawDate := r.cell(rec, r.p.Date)
	d, err := time.Parse(r.p.DateFormat, strings.TrimSpace(rawDate))
	if err != nil {
		return &datasets.LocatedError{At: r.at(line), Column: r.p.Date, Err: fmt.Errorf("date %q is not in the layout %s", rawDate, r.p.DateFormat)}
	}
	year := int64(d.Year())
	if year < r.p.From || year > r.p.To {
		return nil
	}
	raw := strings.TrimSpace(r.cell(rec, r.p.Value))
	if raw == "" {
		return nil // nothing published for this date
	}
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil || !schemas.FiniteDecimal(raw) || math.IsNaN(v) || math.IsInf(v, 0) || v <= 0 {
		return &datasets.LocatedError{At: r.at(line), Column: r.p.Value, Err: fmt.Errorf("%w: %q is not a finite decimal number above zero", ErrValue, raw)}
	}
	loc := fmt.Sprintf("csv=line %d, column %s", line, r.p.Value)
	key := fmt.Sprintf("%s|%d", cur, year)
	if r.p.Table == schemas.CPIName {
		key = fmt.Sprintf("%d|%d", year, d.Month())
	}
	if first, dup := r.seen[key]; dup {
		return &datasets.LocatedError{At: r.at(line), Column: r.p.Date, Err: fmt.Errorf("%s %q repeats the date of line %d", r.p.Date, rawDate, first)}
	}
	r.seen[key] = line
	if r.p.Table == schemas.CPIName {
		r.rows.CPI = append(r.rows.CPI, schemas.CPI{Year: year, Month: int64(d.Month()), Index: v,
			SourceID: r.src.ID, Locator: loc, At: r.at(line)})
		return nil
	}
	fx := schemas.AnnualAverage(schemas.FXRate{Currency: cur, Year: year, RatePerUSD: v, SourceID: r.src.ID, Locator: loc, At: r.at(line)})
	if r.p.Orientation == USDPerUnit {
		if math.IsInf(1/v, 0) {
			return &datasets.LocatedError{At: r.at(line), Column: r.p.Value, Err: fmt.Errorf("%w: %q cannot be inverted", ErrValue, raw)}
		}
		fx.RatePerUSD = 1 / v
		fx.Note = fmt.Sprintf("published as %s US dollars per unit; inverted", raw)
	}
	r.rows.FXRates = append(r.rows.FXRates, fx)
	return nil
}
