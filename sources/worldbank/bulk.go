package worldbank

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources"
)

var (
	bom      = []byte("\xef\xbb\xbf")
	idCols   = []string{"Country Name", "Country Code", "Indicator Name", "Indicator Code"}
	preamble = []string{"Data Source", "Last Updated Date"}
	// longCols is the header of the long layout datahub publishes the
	// WDI in (datasets/world-development-indicators): one record per
	// country and year; the file's name and its datapackage.json say
	// which indicator.
	longCols = []string{"Country Name", "Country Code", "Year", "Value"}
)

// bulkCSV reads one bulk CSV record by record. Rows are located by the
// physical line number of the file (BOM and preamble lines counted);
// prefix goes before the csv= locator (the ZIP member, for archives).
type bulkCSV struct {
	e      *emitter
	file   string
	prefix string
	years  map[int]int64 // column -> year, only for years in from..to
	width  int
	seen   map[string]bool
	long   bool           // the long layout (longCols)
	years1 map[string]int // long layout: country|year -> line first seen
}

// readBulk reads a bulk CSV: the optional byte order mark, the preamble
// ("Data Source", "Last Updated Date", blank lines), the header, then one
// record per country or aggregate. Blank lines do not shift line numbers.
func readBulk(ctx context.Context, e *emitter, file, prefix string, r io.Reader) error {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, _ := br.Peek(len(bom)); bytes.Equal(b, bom) {
		_, _ = br.Discard(len(bom))
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1 // preamble and header differ in width; checked by hand
	cr.ReuseRecord = true
	b := &bulkCSV{e: e, file: file, prefix: prefix, seen: map[string]bool{}}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, err := cr.Read()
		if err == io.EOF {
			return b.end()
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return &datasets.LocatedError{At: schemas.Origin{File: file, Row: pe.StartLine}, Err: pe.Err}
			}
			return &datasets.LocatedError{At: schemas.Origin{File: file}, Err: err}
		}
		line, _ := cr.FieldPos(0)
		at := schemas.Origin{File: file, Row: line}
		if b.years == nil {
			err = b.head(at, rec)
		} else {
			err = b.row(at, rec)
		}
		if err != nil {
			return err
		}
	}
}

// head reads a preamble record or the header.
func (b *bulkCSV) head(at schemas.Origin, rec []string) error {
	switch {
	case rec[0] == "Last Updated Date" && len(rec) > 1:
		return b.e.setUpdated(rec[1], at, rec[0])
	case slices.Contains(preamble, rec[0]):
		return nil
	case slices.Equal(rec, longCols):
		b.years, b.width, b.long, b.years1 = map[int]int64{}, len(rec), true, map[string]int{}
		return nil
	case len(rec) < len(idCols) || !slices.Equal(rec[:len(idCols)], idCols):
		return &datasets.LocatedError{At: at, Err: fmt.Errorf("%w: %q is neither a preamble line (%q) nor a header (%q ... or %q)",
			sources.ErrLayoutChanged, rec[0], preamble, idCols, longCols)}
	}
	b.years, b.width = map[int]int64{}, len(rec)
	for j := len(idCols); j < len(rec); j++ {
		if rec[j] == "" && j == len(rec)-1 {
			break // the empty last column every line ends with
		}
		y, ok := year(rec[j])
		if !ok {
			return &datasets.LocatedError{At: at, Column: rec[j], Err: fmt.Errorf("%w: header column %d is not a year", sources.ErrLayoutChanged, j+1)}
		}
		if y >= b.e.p.From && y <= b.e.p.To {
			b.years[j] = y
		}
	}
	return nil
}

// row reads one country's or aggregate's record.
func (b *bulkCSV) row(at schemas.Origin, rec []string) error {
	if len(rec) != b.width {
		return &datasets.LocatedError{At: at, Err: fmt.Errorf("%w: the record has %d fields, the header %d", sources.ErrLayoutChanged, len(rec), b.width)}
	}
	if b.long {
		return b.longRow(at, rec)
	}
	if rec[3] != b.e.p.Indicator {
		return &datasets.LocatedError{At: at, Column: idCols[3], Err: fmt.Errorf("%w: indicator %q, want %s", sources.ErrLayoutChanged, rec[3], b.e.p.Indicator)}
	}
	country := rec[1]
	if b.seen[country] {
		return &datasets.LocatedError{At: at, Column: idCols[1], Err: fmt.Errorf("%w: country code %q appears twice", sources.ErrLayoutChanged, country)}
	}
	b.seen[country] = true
	if b.e.name == "" {
		b.e.name = rec[2]
	}
	if !b.e.wants(country) {
		return nil
	}
	for j := len(idCols); j < len(rec); j++ {
		y, ok := b.years[j]
		if !ok {
			continue
		}
		col := strconv.FormatInt(y, 10)
		err := b.e.add(obs{country: country, year: y, raw: rec[j], at: at, column: col,
			locator: fmt.Sprintf(`%scsv=row %d, col "%s"`, b.prefix, at.Row, col)})
		if err != nil {
			return err
		}
	}
	return nil
}

// longRow reads one record of the long layout: a country's value for one
// year. A country and year given twice is a layout change; an empty
// value is a year without a figure.
func (b *bulkCSV) longRow(at schemas.Origin, rec []string) error {
	country := rec[1]
	y, ok := year(rec[2])
	if !ok {
		return &datasets.LocatedError{At: at, Column: longCols[2], Err: fmt.Errorf("%w: %q is not a year", sources.ErrLayoutChanged, rec[2])}
	}
	b.seen[country] = true
	if !b.e.wants(country) {
		return nil
	}
	key := country + "|" + rec[2]
	if first, dup := b.years1[key]; dup {
		return &datasets.LocatedError{At: at, Column: longCols[2], Err: fmt.Errorf("%w: %s %d repeats line %d", sources.ErrLayoutChanged, country, y, first)}
	}
	b.years1[key] = at.Row
	return b.e.add(obs{country: country, year: y, raw: rec[3], at: at, column: longCols[3],
		locator: fmt.Sprintf(`%scsv=row %d, col "%s"`, b.prefix, at.Row, longCols[3])})
}

// end checks that the file had a header and a row for every country the
// params take rates or figures from.
func (b *bulkCSV) end() error {
	at := schemas.Origin{File: b.file}
	if b.years == nil {
		return &datasets.LocatedError{At: at, Err: fmt.Errorf("%w: no header line (%q ...)", sources.ErrLayoutChanged, idCols)}
	}
	var missing []string
	for c := range b.e.wanted {
		if !b.seen[c] {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		return &datasets.LocatedError{At: at, Err: fmt.Errorf("%w: no row for country code(s) %v", sources.ErrLayoutChanged, missing)}
	}
	return nil
}
