package diff

import (
	"fmt"
	"strings"
)

// pairingRule is the pairing rule as the changelog states it (see
// TableDiff.pair).
const pairingRule = "A row whose obs_id changed (a curator corrected one of its identity columns, " +
	"or its table gained identity columns) is the same figure when it cites the same passage of the same " +
	"document (the same `source_id` and `locator`): the one row the previous release has and this one lacks " +
	"at that passage and the one row this release has and the previous one lacks there; where several such " +
	"rows share a passage, an old and a new row that are each other's unique closest row (the most equal " +
	"fields) and agree on at least half of their fields. Such a row is listed as `old obs_id` → `new obs_id`, " +
	"with every field that changed (columns new in this release compared against empty); `cubaexports history` " +
	"follows it across the change of id. Rows no rule pairs stay under Rows removed and Rows added."

// corrected reports whether the changelog lists rc of table among the
// corrected and re-identified rows: a correction of a curated value (see
// rowKind) or a re-identified row.
func (d *Diff) corrected(table string, rc RowChange) bool {
	return rc.OldKey() != "" || rowKind(table, rc, d.revisedDocs) == changeCorrection
}

// writeCorrected lists every corrected or re-identified row, each changed
// field (provenance stamps aside, as under Provenance) on a line of its
// own: table, obs_id (old → new when re-identified), column, old → new.
// The list is never cut short: each line is a curated change the release
// names.
func writeCorrected(b *strings.Builder, d *Diff) {
	var lines []string
	for _, t := range d.Tables {
		for _, rc := range t.Changed {
			if !d.corrected(t.Table, rc) {
				continue
			}
			id := "`" + rc.Key + "`"
			if old := rc.OldKey(); old != "" {
				id = "`" + old + "` → `" + rc.Key + "`"
			}
			n := len(lines)
			for _, c := range rc.Cells {
				if !stampColumns[c.Column] && c.Column != "obs_id" {
					lines = append(lines, fmt.Sprintf("- `%s` %s `%s`: %s → %s\n", t.Table, id, c.Column, mdValue(c.Old), mdValue(c.New)))
				}
			}
			if len(lines) == n && rc.OldKey() != "" {
				lines = append(lines, fmt.Sprintf("- `%s` %s: no other field changed\n", t.Table, id))
			}
		}
	}
	if lines == nil {
		return
	}
	b.WriteString("\n## Corrected and re-identified rows\n\n" +
		"Every correction of a curated value and every re-identified row, field by field. " + pairingRule + "\n\n")
	b.WriteString(strings.Join(lines, ""))
}
