package diff

import (
	"fmt"
	"slices"

	"github.com/cubaexports/cubaexports/schemas"
)

// addNew matches one row of the newer side against the older rows.
func (td *TableDiff) addNew(ot, nt csvTable, oldRows map[string][]string, seen map[string]bool, rec []string) error {
	k := nt.keyOf(rec)
	if seen[k] {
		return fmt.Errorf("key %q appears twice", k)
	}
	seen[k] = true
	td.NewRows++
	if td.Table != schemas.SourcesName && nt.index("source_id") >= 0 {
		td.newBySource[nt.cell(rec, "source_id")]++
	}
	if nt.cell(rec, "preferred") == "true" {
		td.anyPreferred = true
	}
	prev, ok := oldRows[k]
	if !ok {
		td.Added = append(td.Added, k)
		return nil
	}
	var cells []Cell
	for i, col := range nt.header {
		if ot.index(col) < 0 || i >= len(rec) {
			continue
		}
		if o := ot.cell(prev, col); o != rec[i] {
			cells = append(cells, Cell{Column: col, Old: o, New: rec[i]})
		}
	}
	if cells != nil {
		td.Changed = append(td.Changed, RowChange{Key: k, Cells: cells,
			sourceID: nt.cell(rec, "source_id"), extractor: nt.cell(rec, "extractor"),
			preferred: nt.cell(rec, "preferred") == "true" || ot.cell(prev, "preferred") == "true"})
	}
	return nil
}

// finish sorts the lists and sets the table's status.
func (td *TableDiff) finish(inOld, inNew bool) {
	sortByKey(td)
	switch {
	case !inOld:
		td.Status = TableAdded
	case !inNew:
		td.Status = TableRemoved
	case len(td.Schema)+len(td.Added)+len(td.Removed)+len(td.Changed) > 0:
		td.Status = TableChanged
	default:
		td.Status = TableUnchanged
	}
}

// schemaChanges compares two headers with their column types: columns
// removed and added (a removed and an added column of the same known type
// at the same position are one PossibleRename), and columns whose type
// changed.
func schemaChanges(oldH, newH []string, oldT, newT map[string]string) []SchemaChange {
	changes := []SchemaChange{}
	if oldH == nil || newH == nil { // the table itself is added or removed
		return changes
	}
	renamed := map[string]bool{}
	for i, col := range oldH {
		if !slices.Contains(newH, col) && i < len(newH) && !slices.Contains(oldH, newH[i]) &&
			oldT[col] != "" && oldT[col] == newT[newH[i]] {
			changes = append(changes, SchemaChange{Change: PossibleRename, Column: col, Old: col, New: newH[i]})
			renamed[col], renamed[newH[i]] = true, true
		}
	}
	for _, col := range oldH {
		switch {
		case renamed[col]:
		case !slices.Contains(newH, col):
			changes = append(changes, SchemaChange{Change: ColumnRemoved, Column: col, Old: oldT[col]})
		case oldT[col] != "" && newT[col] != "" && oldT[col] != newT[col]:
			changes = append(changes, SchemaChange{Change: TypeChanged, Column: col, Old: oldT[col], New: newT[col]})
		}
	}
	for _, col := range newH {
		if !renamed[col] && !slices.Contains(oldH, col) {
			changes = append(changes, SchemaChange{Change: ColumnAdded, Column: col, New: newT[col]})
		}
	}
	return changes
}
