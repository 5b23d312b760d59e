package diff

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/cubaexports/cubaexports/schemas"
)

// csvTable is a table's header and its column positions.
type csvTable struct {
	header []string
	col    map[string]int
	key    []int // positions of the key columns (-1 when absent)
}

func newCSVTable(name string, header []string) csvTable {
	t := csvTable{header: slices.Clone(header), col: map[string]int{}}
	for i, h := range header {
		t.col[h] = i
	}
	for _, k := range keyColumns(name, header) {
		t.key = append(t.key, t.index(k))
	}
	return t
}

func (t csvTable) index(col string) int {
	if i, ok := t.col[col]; ok {
		return i
	}
	return -1
}

// cell is the value of col in rec, "" when the table has no such column.
func (t csvTable) cell(rec []string, col string) string {
	if i := t.index(col); i >= 0 && i < len(rec) {
		return rec[i]
	}
	return ""
}

func (t csvTable) keyOf(rec []string) string {
	parts := make([]string, len(t.key))
	for i, k := range t.key {
		if k >= 0 && k < len(rec) {
			parts[i] = rec[k]
		}
	}
	return strings.Join(parts, "|")
}

// keyColumns are the columns that identify a row of the table.
func keyColumns(name string, header []string) []string {
	if slices.Contains(header, "obs_id") {
		return []string{"obs_id"}
	}
	if t, ok := schemas.ByName(name); ok && len(t.Order) > 0 {
		return t.Order
	}
	return header
}

// reader opens table on s; a table s does not have reads as empty.
func (s *Side) reader(table string) (*csv.Reader, io.Closer, error) {
	if !slices.Contains(s.Tables, table) {
		return csv.NewReader(strings.NewReader("")), io.NopCloser(nil), nil
	}
	rc, err := s.Open(table)
	if err != nil {
		return nil, nil, err
	}
	r := csv.NewReader(rc)
	r.FieldsPerRecord = -1
	return r, rc, nil
}

func readHeader(r *csv.Reader) ([]string, error) {
	h, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil
	}
	return h, err
}

// diffTable compares one table: it holds the older side's rows in memory
// and streams the newer side's (keeping the rows it cannot match, when
// they may be paired), then pairs removed and added rows of a fact table
// (see TableDiff.pair).
func diffTable(name string, old, cur *Side) (TableDiff, error) {
	td := TableDiff{Table: name, Schema: []SchemaChange{}, Added: []string{}, Removed: []string{},
		Changed: []RowChange{}, oldBySource: map[string]int{}, newBySource: map[string]int{}}
	ot, oldRows, err := loadTable(name, old, &td)
	if err != nil {
		return td, err
	}
	s, err := td.scanNew(cur, ot, oldRows, old.Types[name])
	if err != nil {
		return td, fmt.Errorf("%s (%s): %w", name, cur.Label, err)
	}
	for _, k := range slices.Sorted(maps.Keys(oldRows)) {
		if !s.seen[k] {
			td.Removed = append(td.Removed, k)
		}
	}
	if s.added != nil {
		slices.Sort(td.Added)
		td.pair(ot, s.nt, oldRows, s.added)
	}
	td.finish(slices.Contains(old.Tables, name), slices.Contains(cur.Tables, name))
	return td, nil
}

// scanned is what scanNew saw of the newer side: its header, the keys it
// read, and the records of the rows it could not match (nil when the
// table's rows cannot be paired).
type scanned struct {
	nt    csvTable
	seen  map[string]bool
	added map[string][]string
}

// scanNew reads the newer side's table row by row, matching each row
// against the older rows.
func (td *TableDiff) scanNew(cur *Side, ot csvTable, oldRows map[string][]string, oldTypes map[string]string) (scanned, error) {
	r, c, err := cur.reader(td.Table)
	if err != nil {
		return scanned{}, err
	}
	defer c.Close()
	head, err := readHeader(r)
	if err != nil {
		return scanned{}, err
	}
	s := scanned{nt: newCSVTable(td.Table, head), seen: map[string]bool{}}
	td.Schema = schemaChanges(ot.header, s.nt.header, oldTypes, cur.Types[td.Table])
	if pairable(ot, s.nt) {
		s.added = map[string][]string{}
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return s, nil
		}
		if err != nil {
			return scanned{}, err
		}
		if err := td.addNew(ot, s.nt, oldRows, s.seen, s.added, rec); err != nil {
			return scanned{}, err
		}
	}
}

// loadTable reads the older side's rows of a table by key.
func loadTable(name string, old *Side, td *TableDiff) (csvTable, map[string][]string, error) {
	r, c, err := old.reader(name)
	if err != nil {
		return csvTable{}, nil, fmt.Errorf("%s: %w", name, err)
	}
	defer c.Close()
	head, err := readHeader(r)
	if err != nil {
		return csvTable{}, nil, fmt.Errorf("%s (%s): %w", name, old.Label, err)
	}
	ot := newCSVTable(name, head)
	rows := map[string][]string{}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return ot, rows, nil
		}
		if err != nil {
			return ot, nil, fmt.Errorf("%s (%s): %w", name, old.Label, err)
		}
		k := ot.keyOf(rec)
		if _, dup := rows[k]; dup {
			return ot, nil, fmt.Errorf("%s (%s): key %q appears twice", name, old.Label, k)
		}
		rows[k] = rec
		td.OldRows++
		if name != schemas.SourcesName && ot.index("source_id") >= 0 {
			td.oldBySource[ot.cell(rec, "source_id")]++
		}
	}
}
