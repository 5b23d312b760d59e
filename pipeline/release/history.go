package release

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/cubaexports/cubaexports/schemas"
)

// historyColumns are the value columns History reports, where a table has
// them, in this order.
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

// HistoryEntry is one published version of a fact row.
type HistoryEntry struct {
	Version  string  `json:"version"`
	Date     string  `json:"date"` // the version's release date
	Table    string  `json:"table"`
	Values   []Field `json:"values"` // the row's value columns (historyColumns)
	Status   string  `json:"status"`
	SourceID string  `json:"source_id"`
	Snapshot string  `json:"snapshot_sha256"`
}

// History returns the row obsID in every version of out that has it,
// oldest first. It reads each version's fact tables row by row and stops
// at the row. No version having the row is not an error: the list is
// empty.
func History(ctx context.Context, out, obsID string) ([]HistoryEntry, error) {
	entries, err := Index(out)
	if err != nil {
		return nil, err
	}
	hist := []HistoryEntry{}
	for _, e := range entries {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		h, ok, err := findRow(filepath.Join(releasesDir(out), e.Version), obsID)
		if err != nil {
			return nil, fmt.Errorf("release: history of %s: %s: %w", obsID, e.Version, err)
		}
		if ok {
			h.Version, h.Date = e.Version, e.Date
			hist = append(hist, h)
		}
	}
	return hist, nil
}

// findRow looks for obsID in the fact tables of the release in dir.
func findRow(dir, obsID string) (HistoryEntry, bool, error) {
	for _, t := range schemas.All() {
		if !t.IsFact() {
			continue
		}
		h, ok, err := findInTable(filepath.Join(dir, "data", t.Name+".csv"), t.Name, obsID)
		if err != nil || ok {
			return h, ok, err
		}
	}
	return HistoryEntry{}, false, nil
}

func findInTable(path, table, obsID string) (HistoryEntry, bool, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return HistoryEntry{}, false, nil
	}
	if err != nil {
		return HistoryEntry{}, false, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	head, err := readHeader(r)
	if err != nil || head == nil {
		return HistoryEntry{}, false, err
	}
	t := newCSVTable(table, head)
	id := t.index("obs_id")
	for id >= 0 {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return HistoryEntry{}, false, fmt.Errorf("%s: %w", table, err)
		}
		if id < len(rec) && rec[id] == obsID {
			return historyEntry(t, table, rec), true, nil
		}
	}
	return HistoryEntry{}, false, nil
}

func historyEntry(t csvTable, table string, rec []string) HistoryEntry {
	h := HistoryEntry{Table: table, Values: []Field{}, Status: t.cell(rec, "status"),
		SourceID: t.cell(rec, "source_id"), Snapshot: t.cell(rec, "snapshot_sha256")}
	for _, c := range historyColumns {
		if t.index(c) >= 0 {
			h.Values = append(h.Values, Field{Column: c, Value: t.cell(rec, c)})
		}
	}
	return h
}
