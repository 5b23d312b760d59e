package curated

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/gocarina/gocsv"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
)

// sheet is the records of one CSV file or worksheet, with the 1-based row
// number each record starts on. Blank records are dropped.
type sheet struct {
	file, name string
	recs       [][]string
	rows       []int
}

func (s *sheet) add(rec []string, row int) {
	blank := true
	for i := range rec {
		rec[i] = strings.TrimSpace(rec[i])
		blank = blank && rec[i] == ""
	}
	if !blank {
		s.recs = append(s.recs, rec)
		s.rows = append(s.rows, row)
	}
}

func (s *sheet) origin(i int) schemas.Origin {
	return schemas.Origin{File: s.file, Sheet: s.name, Row: s.rows[i]}
}

func readCSV(ctx context.Context, file, table string, body io.Reader) (datasets.Rows, error) {
	s := &sheet{file: file}
	cr := csv.NewReader(body)
	cr.FieldsPerRecord = 0 // every record has as many fields as the header: a cut record is an error
	for {
		if err := ctx.Err(); err != nil {
			return datasets.Rows{}, err
		}
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return datasets.Rows{}, &datasets.LocatedError{At: schemas.Origin{File: file, Row: pe.StartLine}, Err: pe.Err}
			}
			return datasets.Rows{}, fmt.Errorf("%s: %w", file, err)
		}
		line, _ := cr.FieldPos(0)
		s.add(rec, line)
	}
	return s.decode(table)
}

// decode turns the sheet's records into rows of the named table.
func (s *sheet) decode(table string) (datasets.Rows, error) {
	var out datasets.Rows
	var err error
	switch table {
	case schemas.RevenueName:
		out.Revenue, err = decodeRows[schemas.Revenue](s, table)
	case schemas.ContractRatesName:
		out.ContractRates, err = decodeRows[schemas.ContractRate](s, table)
	case schemas.WorkerCountsName:
		out.WorkerCounts, err = decodeRows[schemas.WorkerCount](s, table)
	case schemas.SourcesName:
		out.Sources, err = decodeRows[schemas.Source](s, table)
	default:
		where := s.file
		if s.name != "" {
			where += fmt.Sprintf(": sheet %q", s.name)
		}
		return out, fmt.Errorf("%s: %w: %q (expected %s, %s, %s or %s)", where, ErrUnknownTable, table,
			schemas.RevenueName, schemas.ContractRatesName, schemas.WorkerCountsName, schemas.SourcesName)
	}
	return out, err
}

func decodeRows[T any](s *sheet, table string) ([]T, error) {
	t, _ := schemas.ByName(table)
	at := schemas.Origin{File: s.file, Sheet: s.name, Row: 1}
	if len(s.recs) == 0 {
		return nil, &datasets.LocatedError{At: at, Err: fmt.Errorf("%w: the sheet is empty", ErrHeader)}
	}
	at.Row = s.rows[0]
	if err := checkHeader(t, s.recs[0]); err != nil {
		return nil, &datasets.LocatedError{At: at, Err: err}
	}
	var rows []T
	if len(s.recs) == 1 {
		return rows, nil
	}
	// gocsv decodes from CSV text; re-encode the (padded) records so CSV
	// files and worksheets share one decoder, and collect every bad cell.
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	recs := &records{recs: s.recs}
	for rec, _ := recs.Read(); rec != nil; rec, _ = recs.Read() {
		_ = cw.Write(rec)
	}
	cw.Flush()
	var bad []error
	err := gocsv.UnmarshalWithErrorHandler(&buf, func(pe *csv.ParseError) bool {
		i, j := pe.Line-1, pe.Column-1
		if i >= len(s.recs) || j >= len(s.recs[0]) {
			bad = append(bad, fmt.Errorf("%s: %w", s.file, pe))
			return true
		}
		col, _ := t.Column(s.recs[0][j])
		bad = append(bad, &datasets.LocatedError{At: s.origin(i), Column: col.Name,
			Err: fmt.Errorf("%w: %q is not %s", ErrCell, cellAt(s.recs[i], j), article(col.Type))})
		return true
	}, &rows)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.file, err)
	}
	if len(bad) > 0 {
		return nil, errors.Join(bad...)
	}
	for i := range rows {
		setOrigin(&rows[i], s.origin(i+1))
	}
	return rows, nil
}

func cellAt(rec []string, j int) string {
	if j < len(rec) {
		return rec[j]
	}
	return ""
}

func article(ty schemas.Type) string {
	switch ty {
	case schemas.Integer:
		return "a whole number"
	case schemas.Number:
		return "a number (plain digits, '.' for decimals, no thousands separators)"
	case schemas.Boolean:
		return "true or false"
	}
	return "a " + string(ty)
}

// checkHeader requires exactly the table's input columns, in any order.
func checkHeader(t *schemas.Table, head []string) error {
	var want []string
	for _, c := range t.InputColumns() {
		want = append(want, c.Name)
	}
	seen := map[string]bool{}
	for _, h := range head {
		switch {
		case seen[h]:
			return fmt.Errorf("%w: column %q appears twice", ErrHeader, h)
		case !slices.Contains(want, h):
			return fmt.Errorf("%w: %q is not an input column of %s (expected %s)", ErrHeader, h, t.Name, strings.Join(want, ","))
		}
		seen[h] = true
	}
	for _, w := range want {
		if !seen[w] {
			return fmt.Errorf("%w: column %q is missing (expected %s)", ErrHeader, w, strings.Join(want, ","))
		}
	}
	return nil
}

// records serves a sheet's records to gocsv, padding short records.
type records struct {
	recs [][]string
	i    int
}

func (r *records) Read() ([]string, error) {
	if r.i >= len(r.recs) {
		return nil, io.EOF
	}
	rec := r.recs[r.i]
	if n := len(r.recs[0]); len(rec) < n {
		rec = append(rec, make([]string, n-len(rec))...)
	}
	r.i++
	return rec, nil
}

func (r *records) ReadAll() ([][]string, error) {
	var all [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return all, nil
		}
		all = append(all, rec)
	}
}

func setOrigin(row any, o schemas.Origin) {
	switch r := row.(type) {
	case *schemas.Revenue:
		r.At = o
	case *schemas.ContractRate:
		r.At = o
	case *schemas.WorkerCount:
		r.At = o
	case *schemas.Source:
		r.At = o
	}
}
