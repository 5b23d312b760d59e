package diff

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/cubaexports/cubaexports/schemas"
)

func writeSchema(b *strings.Builder, d *Diff) {
	b.WriteString("\n## Schema changes\n\n")
	n := 0
	for _, t := range d.Tables {
		switch t.Status {
		case TableAdded, TableRemoved:
			fmt.Fprintf(b, "- `%s`: table %s\n", t.Table, t.Status)
			n++
		}
		for _, s := range t.Schema {
			fmt.Fprintf(b, "- `%s`: %s\n", t.Table, s)
			n++
		}
	}
	if n == 0 {
		b.WriteString("None.\n")
	}
}

func writeCounts(b *strings.Builder, d *Diff) {
	b.WriteString("\n## Rows\n\n| table | rows | added | removed | changed | of which re-identified |\n|---|---|---|---|---|---|\n")
	for _, t := range d.Tables {
		n := 0
		for _, rc := range t.Changed {
			if rc.OldKey() != "" {
				n++
			}
		}
		fmt.Fprintf(b, "| %s | %d → %d | %d | %d | %d | %d |\n", t.Table, t.OldRows, t.NewRows,
			len(t.Added), len(t.Removed), len(t.Changed), n)
	}
}

// valueCells counts the changed cells that are not provenance stamps, of
// the rows not listed among the corrected ones.
func valueCells(d *Diff) int {
	n := 0
	for _, t := range d.Tables {
		for _, rc := range t.Changed {
			if d.corrected(t.Table, rc) {
				continue
			}
			for _, c := range rc.Cells {
				if !stampColumns[c.Column] {
					n++
				}
			}
		}
	}
	return n
}

// writeValues lists every changed value (table, key, column, old → new)
// of the rows not listed among the corrected ones when there are at most
// max, else counts them per table and column.
func writeValues(b *strings.Builder, d *Diff, max int) {
	n := valueCells(d)
	if n == 0 {
		return
	}
	b.WriteString("\n## Changed values\n\n")
	if n > max {
		fmt.Fprintf(b, "%d values changed; `cubaexports diff %s %s --format csv` lists them all.\n\n", n, d.From, d.To)
		b.WriteString("| table | column | changed |\n|---|---|---|\n")
	}
	for _, t := range d.Tables {
		count := map[string]int{}
		for _, rc := range t.Changed {
			if d.corrected(t.Table, rc) {
				continue
			}
			for _, c := range rc.Cells {
				if stampColumns[c.Column] {
					continue
				}
				count[c.Column]++
				if n <= max {
					fmt.Fprintf(b, "- `%s` `%s` `%s`: %s → %s\n", t.Table, rc.Key, c.Column, mdValue(c.Old), mdValue(c.New))
				}
			}
		}
		if n > max {
			for _, col := range slices.Sorted(maps.Keys(count)) {
				fmt.Fprintf(b, "| %s | %s | %d |\n", t.Table, col, count[col])
			}
		}
	}
}

// writeStamps summarises the provenance-only cells: per table and stamp
// column, how many rows changed.
func writeStamps(b *strings.Builder, d *Diff) {
	var lines []string
	for _, t := range d.Tables {
		count := map[string]int{}
		for _, rc := range t.Changed {
			for _, c := range rc.Cells {
				if stampColumns[c.Column] {
					count[c.Column]++
				}
			}
		}
		for _, col := range slices.Sorted(maps.Keys(count)) {
			lines = append(lines, fmt.Sprintf("- `%s`: `%s` changed in %s\n", t.Table, col, plural(count[col], "row")))
		}
	}
	if lines != nil {
		b.WriteString("\n## Provenance\n\nThe documents or sheets these rows were read from were read again:\n\n")
		b.WriteString(strings.Join(lines, ""))
	}
}

// writeRowLists lists the keys of the rows added and removed, when there
// are at most maxListedCells of each.
func writeRowLists(b *strings.Builder, d *Diff) {
	for _, what := range []string{"added", "removed"} {
		var keys []string
		for _, t := range d.Tables {
			if t.Table == schemas.SourcesName {
				continue // listed under Sources
			}
			rows := t.Added
			if what == "removed" {
				rows = t.Removed
			}
			for _, k := range rows {
				keys = append(keys, fmt.Sprintf("- `%s` `%s`\n", t.Table, k))
			}
		}
		switch {
		case len(keys) == 0:
		case len(keys) > maxListedCells:
			fmt.Fprintf(b, "\n## Rows %s\n\n%d rows %s; the table above counts them.\n", what, len(keys), what)
		default:
			fmt.Fprintf(b, "\n## Rows %s\n\n%s", what, strings.Join(keys, ""))
		}
	}
}

func writeSources(b *strings.Builder, d *Diff) {
	i := slices.IndexFunc(d.Tables, func(t TableDiff) bool { return t.Table == schemas.SourcesName })
	if i < 0 || len(d.Tables[i].Added)+len(d.Tables[i].Removed) == 0 {
		return
	}
	b.WriteString("\n## Sources\n\n")
	for _, k := range d.Tables[i].Added {
		fmt.Fprintf(b, "- new: `%s`\n", k)
	}
	for _, k := range d.Tables[i].Removed {
		fmt.Fprintf(b, "- removed: `%s`\n", k)
	}
}
