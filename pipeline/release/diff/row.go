package diff

import (
	"fmt"
	"slices"

	"github.com/cubaexports/cubaexports/schemas"
)

// addNew matches one row of the newer side against the older rows; an
// unmatched row goes into added when added is not nil (to be paired).
func (td *TableDiff) addNew(ot, nt csvTable, oldRows map[string][]string, seen map[string]bool, added map[string][]string, rec []string) error {
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
		if added != nil {
			added[k] = rec
		}
		return nil
	}
	if cells := changedCells(ot, nt, prev, rec, false); cells != nil {
		td.Changed = append(td.Changed, rowChange(ot, nt, k, prev, rec, cells))
	}
	return nil
}

// changedCells compares an older row prev with a newer row rec, in the
// newer header's order. A column the older side lacks is skipped, or with
// againstEmpty compared against empty.
func changedCells(ot, nt csvTable, prev, rec []string, againstEmpty bool) []Cell {
	var cells []Cell
	for i, col := range nt.header {
		if (ot.index(col) < 0 && !againstEmpty) || i >= len(rec) {
			continue
		}
		if o := ot.cell(prev, col); o != rec[i] {
			cells = append(cells, Cell{Column: col, Old: o, New: rec[i]})
		}
	}
	return cells
}

// rowChange is the change of row prev into rec, keyed by rec's key k.
func rowChange(ot, nt csvTable, k string, prev, rec []string, cells []Cell) RowChange {
	return RowChange{Key: k, Cells: cells,
		sourceID: nt.cell(rec, "source_id"), extractor: nt.cell(rec, "extractor"),
		preferred: nt.cell(rec, "preferred") == "true" || ot.cell(prev, "preferred") == "true"}
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
