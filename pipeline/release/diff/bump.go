package diff

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/cubaexports/cubaexports/schemas"
)

// metadataColumns are the columns whose change alone is metadata: the
// curator's note, where in the document the figure stands (locator,
// page), and the provenance the engine stamps.
var metadataColumns = map[string]bool{
	"note": true, "locator": true, "page": true, "snapshot_sha256": true, "retrieved_at": true, "extractor": true,
}

// stampColumns are the provenance columns the engine stamps; the changelog
// summarises their changes instead of listing them.
var stampColumns = map[string]bool{"snapshot_sha256": true, "retrieved_at": true, "extractor": true}

// Kinds of row change, for the bump.
const (
	changeMetadata   = iota // only metadata columns, or a sources row: PATCH
	changeCorrection        // a curated value, its document unchanged: PATCH
	changeRevision          // any other value change: MINOR
)

// rowKind classifies a changed row. A row of the sources table, or one
// whose changed columns are all metadata columns, is a metadata change. A
// fact row extracted by curated@* (a researcher's sheet) whose cited
// document did not change (the sources row of its source_id kept its
// snapshot_sha256) is a correction of ours: the sheet was edited, the
// document was not. Every other value change (another kind, whose
// snapshot is the fetched document; a curated row whose document was
// revised; fx_rates) is an upstream revision.
func rowKind(table string, rc RowChange, revised map[string]bool) int {
	meta := true
	for _, c := range rc.Cells {
		meta = meta && metadataColumns[c.Column]
	}
	switch {
	case table == schemas.SourcesName || meta:
		return changeMetadata
	case strings.HasPrefix(rc.extractor, "curated@") && !revised[rc.sourceID]:
		return changeCorrection
	}
	return changeRevision
}

// bumpOf applies the bump rule to d: MAJOR for a table removed or a column
// removed, possibly renamed or retyped; MINOR for a table, column or row
// added (a row of sources is a new source), a row removed, or an upstream
// revision; PATCH for corrections of curated values and metadata-only
// changes; NoChange when no cell differs. A re-identified row (paired by
// its passage) is a changed row like any other, of the kind rowKind gives
// it, never a row removed and one added.
func bumpOf(d *Diff) Bump {
	b := Bump{Reasons: []string{}}
	for _, t := range d.Tables {
		switch t.Status {
		case TableRemoved:
			b.raise(Major, fmt.Sprintf("table %s removed", t.Table))
			continue
		case TableAdded:
			b.raise(Minor, fmt.Sprintf("table %s added", t.Table))
			continue
		}
		for _, s := range t.Schema {
			b.raise(schemaLevel(s), fmt.Sprintf("%s: %s", t.Table, s))
		}
		if n := len(t.Added); n > 0 {
			b.raise(Minor, fmt.Sprintf("%s: %s added", t.Table, plural(n, rowNoun(t.Table))))
		}
		if n := len(t.Removed); n > 0 {
			b.raise(Minor, fmt.Sprintf("%s: %s removed", t.Table, plural(n, rowNoun(t.Table))))
		}
		var kinds, reidentified [3]int
		for _, rc := range t.Changed {
			k := rowKind(t.Table, rc, d.revisedDocs)
			kinds[k]++
			if rc.OldKey() != "" {
				reidentified[k]++
			}
		}
		for _, k := range []struct {
			kind  int
			level Level
			what  string
		}{{changeRevision, Minor, "revised upstream"}, {changeCorrection, Patch, "of curated values corrected"},
			{changeMetadata, Patch, "with metadata-only changes"}} {
			if n := kinds[k.kind]; n > 0 {
				b.raise(k.level, fmt.Sprintf("%s: %s %s%s", t.Table, plural(n, "row"), k.what, ofThem(reidentified[k.kind])))
			}
		}
	}
	return b
}

// ofThem is " (n of them re-identified)", or "" for none.
func ofThem(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(" (%d of them re-identified)", n)
}

func schemaLevel(s SchemaChange) Level {
	if s.Change == ColumnAdded {
		return Minor
	}
	return Major
}

// String describes the change, e.g. "column value_usd added (number)".
func (s SchemaChange) String() string {
	switch s.Change {
	case ColumnAdded:
		return fmt.Sprintf("column %s added (%s)", s.Column, orUnknown(s.New))
	case ColumnRemoved:
		return fmt.Sprintf("column %s removed (was %s)", s.Column, orUnknown(s.Old))
	case PossibleRename:
		return fmt.Sprintf("column %s possibly renamed to %s", s.Old, s.New)
	}
	return fmt.Sprintf("column %s retyped from %s to %s", s.Column, s.Old, s.New)
}

func orUnknown(t string) string { return cmp.Or(t, "type unknown") }

func rowNoun(table string) string {
	if table == schemas.SourcesName {
		return "source"
	}
	return "row"
}

// plural is "1 row", "2 rows".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// noteRevisedDocs records the sources whose stored document changed: a
// changed sources row whose snapshot_sha256 went from one hash to another.
func (d *Diff) noteRevisedDocs() {
	for _, t := range d.Tables {
		if t.Table != schemas.SourcesName {
			continue
		}
		for _, rc := range t.Changed {
			for _, c := range rc.Cells {
				if c.Column == "snapshot_sha256" && c.Old != "" && c.New != "" {
					d.revisedDocs[rc.Key] = true
				}
			}
		}
	}
}

// sortByKey sorts a table's lists by key.
func sortByKey(td *TableDiff) {
	slices.Sort(td.Added)
	slices.Sort(td.Removed)
	slices.SortFunc(td.Changed, func(a, b RowChange) int { return cmp.Compare(a.Key, b.Key) })
}
