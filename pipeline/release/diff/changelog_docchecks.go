package diff

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/cubaexports/cubaexports/schemas"
)

// docCheckColumn is the fact tables' column saying whether a figure was
// found in the archived copy of its document (vocabulary doc_check).
const docCheckColumn = "doc_check"

// DocChecks is what the citation check of a version found, per fact
// table: rows by doc_check outcome, and the rows newly not found (not
// found now, and not not_found in the previous version or not in it).
type DocChecks struct {
	Tables   []string                  // fact tables with the column, in release order
	Counts   map[string]map[string]int // table -> outcome -> rows
	NewlyNot []NewlyNotFound
}

// NewlyNotFound is a row whose figure is not found in its archived
// document, and was found, not checked, or absent in the previous
// version.
type NewlyNotFound struct {
	Table, ObsID, SourceID, Locator string
	Before                          string // its doc_check in the previous version; "" when it had none
}

// CheckDocs reads the doc_check column of every fact table of cur, and
// of prev (nil for a first release), by obs_id.
func CheckDocs(ctx context.Context, prev, cur *Side) (*DocChecks, error) {
	d := &DocChecks{Counts: map[string]map[string]int{}}
	for _, table := range cur.Tables {
		t, ok := schemas.ByName(table)
		if !ok || !t.IsFact() {
			continue
		}
		if _, has := cur.Types[table][docCheckColumn]; !has {
			continue
		}
		before := map[string]string{}
		if prev != nil && slices.Contains(prev.Tables, table) {
			if _, has := prev.Types[table][docCheckColumn]; has {
				err := eachDocCheck(ctx, prev, table, func(row map[string]string) { before[row["obs_id"]] = row[docCheckColumn] })
				if err != nil {
					return nil, err
				}
			}
		}
		d.Tables = append(d.Tables, table)
		counts := map[string]int{}
		d.Counts[table] = counts
		err := eachDocCheck(ctx, cur, table, func(row map[string]string) {
			o := row[docCheckColumn]
			counts[o]++
			if o == "not_found" && before[row["obs_id"]] != "not_found" {
				d.NewlyNot = append(d.NewlyNot, NewlyNotFound{Table: table, ObsID: row["obs_id"], SourceID: row["source_id"],
					Locator: row["locator"], Before: before[row["obs_id"]]})
			}
		})
		if err != nil {
			return nil, err
		}
	}
	return d, nil
}

// eachDocCheck calls fn with the obs_id, source_id, locator and doc_check
// of every row of one table of s.
func eachDocCheck(ctx context.Context, s *Side, table string, fn func(map[string]string)) error {
	rc, err := s.Open(table)
	if err != nil {
		return fmt.Errorf("%s: %s: %w", s.Label, table, err)
	}
	defer rc.Close()
	r := csv.NewReader(rc)
	r.ReuseRecord = true
	head, err := r.Read()
	if err != nil {
		return fmt.Errorf("%s: %s.csv: %w", s.Label, table, err)
	}
	want := []string{"obs_id", "source_id", "locator", docCheckColumn}
	idx := make([]int, len(want))
	for i, c := range want {
		if idx[i] = slices.Index(head, c); idx[i] < 0 {
			return fmt.Errorf("%s: %s.csv: no column %s", s.Label, table, c)
		}
	}
	row := map[string]string{}
	for n := 0; ; n++ {
		if n%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %s.csv: %w", s.Label, table, err)
		}
		for i, c := range want {
			row[c] = schemas.UnescapeCell(rec[idx[i]])
		}
		fn(row)
	}
}

// writeDocChecks reports the citation check: per fact table, how many
// rows that cite a document were found in its archived copy, and every
// row newly not found.
func (c Changelog) writeDocChecks(b *strings.Builder) {
	d := c.DocChecks
	if d == nil {
		return
	}
	var lines []string
	for _, t := range d.Tables {
		n := d.Counts[t]
		citing := n["found"] + n["not_found"] + n["not_checkable"] + n["not_archived"]
		if citing == 0 {
			continue
		}
		rate := "-"
		if archived := citing - n["not_archived"]; archived > 0 {
			rate = fmt.Sprintf("%.1f%%", 100*float64(n["found"])/float64(archived))
		}
		lines = append(lines, fmt.Sprintf("| %s | %d | %d | %d | %d | %d | %s |\n", t, citing, n["found"], n["not_found"], n["not_checkable"], n["not_archived"], rate))
	}
	if len(lines) == 0 {
		return // no row cites a document
	}
	b.WriteString("\n## Figures checked against the archived documents\n\n" +
		"Each figure a curated row cites is looked for in the archived copy of its document (docs/archive.md). " +
		"The found rate is found over the rows whose document has an archived copy.\n\n" +
		"| table | rows citing a document | found | not found | not checkable | not archived | found rate |\n|---|---|---|---|---|---|---|\n")
	for _, l := range lines {
		b.WriteString(l)
	}
	if len(d.NewlyNot) == 0 {
		if c.Previous != "" {
			b.WriteString("\nNo figure is newly not found since " + c.Previous + ".\n")
		}
		return
	}
	b.WriteString("\nNewly not found (not found now; found, not checked or absent before):\n\n")
	for _, r := range d.NewlyNot {
		before := r.Before
		if before == "" {
			before = "absent"
		}
		fmt.Fprintf(b, "- `%s` %s: `%s` %s (before: %s)\n", r.Table, mdText(r.ObsID), mdText(r.SourceID), mdText(r.Locator), before)
	}
}
