package schemas

import (
	"encoding/csv"
	"fmt"
	"io"
	"reflect"
	"sort"

	"github.com/gocarina/gocsv"
)

// WriteCSV writes rows of the table's row type as RFC 4180 CSV with the
// table's header, through gocsv. Numbers are written in their shortest
// exact form without exponent; times in RFC 3339 UTC; nulls as empty.
// Text cells that a spreadsheet would evaluate are escaped with
// EscapeCell (see FormulaNote); ReadCSV undoes it.
func WriteCSV[T any](w io.Writer, t *Table, rows []T) error {
	if rt := reflect.TypeFor[T](); rt != t.rowType {
		return fmt.Errorf("table %s: rows are %s, want %s", t.Name, rt, t.rowType)
	}
	cw := csv.NewWriter(w)
	if len(rows) == 0 { // gocsv writes nothing for no rows; a release still has the header
		if err := cw.Write(t.Header()); err != nil {
			return err
		}
		cw.Flush()
		return cw.Error()
	}
	// A chunk at a time, so escaping copies at most one chunk of rows.
	const chunk = 4096
	sw := gocsv.NewSafeCSVWriter(cw)
	for i := 0; i < len(rows); i += chunk {
		part := mapText(t, rows[i:min(i+chunk, len(rows))], EscapeCell)
		marshal := gocsv.MarshalCSVWithoutHeaders
		if i == 0 {
			marshal = gocsv.MarshalCSV
		}
		if err := marshal(part, sw); err != nil {
			return fmt.Errorf("table %s: %w", t.Name, err)
		}
	}
	cw.Flush()
	return cw.Error()
}

// ReadCSV reads a CSV file written by WriteCSV back into rows, removing
// the quote EscapeCell added to text cells. The header must be exactly the
// table's header.
func ReadCSV[T any](r io.Reader, t *Table) ([]T, error) {
	cr := csv.NewReader(r)
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("table %s: reading header: %w", t.Name, err)
	}
	if want := t.Header(); !equalStrings(head, want) {
		return nil, fmt.Errorf("table %s: header %v, want %v", t.Name, head, want)
	}
	var rows []T
	if err := gocsv.UnmarshalCSV(&prepended{first: head, r: cr}, &rows); err != nil && err != gocsv.ErrEmptyCSVFile {
		return nil, fmt.Errorf("table %s: %w", t.Name, err)
	}
	return mapText(t, rows, UnescapeCell), nil
}

// prepended gives back a record already read before the rest of a reader.
type prepended struct {
	first []string
	r     gocsv.CSVReader
}

func (p *prepended) Read() ([]string, error) {
	if p.first != nil {
		f := p.first
		p.first = nil
		return f, nil
	}
	return p.r.Read()
}

func (p *prepended) ReadAll() ([][]string, error) {
	var all [][]string
	for {
		rec, err := p.Read()
		if err == io.EOF {
			return all, nil
		}
		if err != nil {
			return nil, err
		}
		all = append(all, rec)
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func sortedPairs(m map[string]string) (keys, vals []string) {
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		vals = append(vals, m[k])
	}
	return keys, vals
}
