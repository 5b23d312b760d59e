package diff

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/cubaexports/cubaexports/schemas"
)

// historyColumns are the value columns of a Row, where a table has them,
// in this order.
var historyColumns = []string{
	"value", "value_low", "value_high", "value_usd",
	"amount", "amount_low", "amount_high", "usd_per_worker_month",
	"count", "count_low", "count_high", "currency",
}

// Field is a column and its CSV text ("" is null).
type Field struct {
	Column string `json:"column"`
	Value  string `json:"value"`
}

// Row is a fact row as a release's history shows it: its obs_id there,
// its table, value columns, status and provenance.
type Row struct {
	ObsID    string  `json:"obs_id"` // the row's id in this release
	Table    string  `json:"table"`
	Values   []Field `json:"values"` // the row's value columns (historyColumns)
	Status   string  `json:"status"`
	SourceID string  `json:"source_id"`
	Snapshot string  `json:"snapshot_sha256"`
}

// FindRow looks for the row obsID in the fact tables of the release in
// dir, reading them row by row and stopping at the row. It reports false
// when the release has no such row.
func FindRow(dir, obsID string) (Row, bool, error) {
	for _, t := range schemas.All() {
		if !t.IsFact() {
			continue
		}
		h, ok, err := findInTable(filepath.Join(dir, "data", t.Name+".csv"), t.Name, obsID)
		if err != nil || ok {
			return h, ok, err
		}
	}
	return Row{}, false, nil
}

func findInTable(path, table, obsID string) (Row, bool, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Row{}, false, nil
	}
	if err != nil {
		return Row{}, false, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	head, err := readHeader(r)
	if err != nil || head == nil {
		return Row{}, false, err
	}
	t := newCSVTable(table, head)
	id := t.index("obs_id")
	for id >= 0 {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return Row{}, false, fmt.Errorf("%s: %w", table, err)
		}
		if id < len(rec) && rec[id] == obsID {
			return rowOf(t, table, rec), true, nil
		}
	}
	return Row{}, false, nil
}

func rowOf(t csvTable, table string, rec []string) Row {
	h := Row{ObsID: t.cell(rec, "obs_id"), Table: table, Values: []Field{}, Status: t.cell(rec, "status"),
		SourceID: t.cell(rec, "source_id"), Snapshot: t.cell(rec, "snapshot_sha256")}
	for _, c := range historyColumns {
		if t.index(c) >= 0 {
			h.Values = append(h.Values, Field{Column: c, Value: t.cell(rec, c)})
		}
	}
	return h
}
