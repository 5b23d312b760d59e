package diff

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// CSVHeader is the header of Diff.WriteCSV.
var CSVHeader = []string{"table", "key", "change", "column", "old", "new"}

// Changes in Diff.WriteCSV besides the SchemaChange kinds.
const (
	RowAdded    = "row_added"
	RowRemoved  = "row_removed"
	CellChanged = "changed"
)

// WriteJSON writes the whole diff as indented JSON.
func (d *Diff) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(d)
}

// WriteCSV writes the whole diff as CSV with CSVHeader, one line per
// change: per table, the table added or removed ("table_added",
// "table_removed"), its schema changes (column, old and new type or name),
// every row added or removed (key only), and every changed cell (key,
// column, old, new); a re-identified row is keyed by its new obs_id and
// its obs_id cell gives the old one.
func (d *Diff) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	_ = cw.Write(CSVHeader)
	for _, t := range d.Tables {
		if t.Status == TableAdded || t.Status == TableRemoved {
			_ = cw.Write([]string{t.Table, "", "table_" + t.Status, "", "", ""})
		}
		for _, s := range t.Schema {
			_ = cw.Write([]string{t.Table, "", s.Change, s.Column, s.Old, s.New})
		}
		for _, k := range t.Added {
			_ = cw.Write([]string{t.Table, k, RowAdded, "", "", ""})
		}
		for _, k := range t.Removed {
			_ = cw.Write([]string{t.Table, k, RowRemoved, "", "", ""})
		}
		for _, rc := range t.Changed {
			for _, c := range rc.Cells {
				_ = cw.Write([]string{t.Table, rc.Key, CellChanged, c.Column, c.Old, c.New})
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// maxTextLines is how many rows and values WriteText lists in all.
const maxTextLines = 50

// WriteText writes a readable summary: the bump and why, then per table
// its row counts, schema changes, and (up to maxTextLines in all) the rows
// added and removed and the changed values; provenance stamps that
// changed are counted, not listed.
func (d *Diff) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s → %s: %s", d.From, d.To, d.Bump.Level)
	if len(d.Bump.Reasons) > 0 {
		fmt.Fprintf(bw, " (%s)", strings.Join(d.Bump.Reasons, "; "))
	}
	fmt.Fprintln(bw)
	budget, hidden := maxTextLines, 0
	line := func(format string, args ...any) {
		if budget == 0 {
			hidden++
			return
		}
		budget--
		fmt.Fprintf(bw, format, args...)
	}
	for _, t := range d.Tables {
		fmt.Fprintf(bw, "\n%s: %s, %d → %d rows", t.Table, t.Status, t.OldRows, t.NewRows)
		fmt.Fprintf(bw, "; %d added, %d removed, %d changed\n", len(t.Added), len(t.Removed), len(t.Changed))
		for _, s := range t.Schema {
			fmt.Fprintf(bw, "  schema: %s\n", s)
		}
		for _, k := range t.Added {
			line("  + %s\n", k)
		}
		for _, k := range t.Removed {
			line("  - %s\n", k)
		}
		stamps := map[string]int{}
		for _, rc := range t.Changed {
			for _, c := range rc.Cells {
				if stampColumns[c.Column] {
					stamps[c.Column]++
					continue
				}
				line("  ~ %s %s: %s → %s\n", rc.Key, c.Column, textValue(c.Old), textValue(c.New))
			}
		}
		for _, col := range slices.Sorted(maps.Keys(stamps)) {
			fmt.Fprintf(bw, "  (provenance: %s changed in %s)\n", col, plural(stamps[col], "row"))
		}
	}
	if hidden > 0 {
		fmt.Fprintf(bw, "\n… and %d more lines; --format csv lists every change\n", hidden)
	}
	return bw.Flush()
}

func textValue(v string) string {
	if v == "" {
		return "(empty)"
	}
	return fmt.Sprintf("%q", v)
}
