package diff

import (
	"context"
	"fmt"
)

// Status of a table in a Diff.
const (
	TableAdded     = "added"     // the newer side has the table, the older does not
	TableRemoved   = "removed"   // the older side has the table, the newer does not
	TableChanged   = "changed"   // rows or columns differ
	TableUnchanged = "unchanged" // same columns, same cells
)

// Kinds of SchemaChange.
const (
	ColumnAdded    = "column_added"
	ColumnRemoved  = "column_removed"
	PossibleRename = "possible_rename" // a removed and an added column of the same type at the same position
	TypeChanged    = "type_changed"
)

// Diff is the row-level difference between two releases (or a release and
// a build), table by table in release order.
type Diff struct {
	From   string      `json:"from"` // the older version
	To     string      `json:"to"`   // the newer version, or "build" for rows not yet released
	Bump   Bump        `json:"bump"` // the version bump the difference calls for
	Tables []TableDiff `json:"tables"`
	// revisedDocs are the source ids whose document (sources.snapshot_sha256) changed.
	revisedDocs map[string]bool
}

// TableDiff is the difference in one table. Rows are matched by key:
// obs_id in the fact tables, source_id in sources, currency, year and
// source_id in fx_rates (joined by "|").
type TableDiff struct {
	Table   string         `json:"table"`
	Status  string         `json:"status"` // TableAdded, TableRemoved, TableChanged or TableUnchanged
	OldRows int            `json:"old_rows"`
	NewRows int            `json:"new_rows"`
	Schema  []SchemaChange `json:"schema_changes"`
	Added   []string       `json:"added"`   // keys of the rows only the newer side has, sorted
	Removed []string       `json:"removed"` // keys of the rows only the older side has, sorted
	Changed []RowChange    `json:"changed"` // rows whose cells differ, re-identified rows among them, by (new) key

	oldBySource, newBySource map[string]int // rows per source_id (tables that have one)
	anyPreferred             bool           // the newer side has a row with preferred true
}

// SchemaChange is a column added, removed, possibly renamed or retyped.
// Old and New are types (the Frictionless field types), or for a
// PossibleRename the old and the new name.
type SchemaChange struct {
	Change string `json:"change"` // ColumnAdded, ColumnRemoved, PossibleRename or TypeChanged
	Column string `json:"column"` // the column; for a rename, the old name
	Old    string `json:"old"`
	New    string `json:"new"`
}

// RowChange is a row present on both sides whose cells differ: matched
// by key, or a fact row re-identified (paired by its passage, see
// TableDiff.pair), whose Key is its new obs_id and whose cells include
// obs_id old → new (OldKey).
type RowChange struct {
	Key   string `json:"key"`
	Cells []Cell `json:"cells"` // the changed cells, in the newer header's order

	sourceID, extractor string // of the newer row
	preferred           bool   // preferred is true on either side
}

// Cell is one changed cell: the column and its CSV text before and after
// ("" is null).
type Cell struct {
	Column string `json:"column"`
	Old    string `json:"old"`
	New    string `json:"new"`
}

// Dirs compares the tables of the releases in the directories from and
// to row by row, labelled fromLabel and toLabel. It reads each table's
// CSV file (one table of each release in memory at a time) and the column
// types from each datapackage.json.
func Dirs(ctx context.Context, from, fromLabel, to, toLabel string) (*Diff, error) {
	old, err := DirSide(from, fromLabel)
	if err != nil {
		return nil, err
	}
	cur, err := DirSide(to, toLabel)
	if err != nil {
		return nil, err
	}
	return Compare(ctx, old, cur)
}

// Compare compares every table of old and cur, then computes the bump.
func Compare(ctx context.Context, old, cur *Side) (*Diff, error) {
	d := &Diff{From: old.Label, To: cur.Label, Tables: []TableDiff{}, revisedDocs: map[string]bool{}}
	for _, name := range tableNames(old.Tables, cur.Tables) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		td, err := diffTable(name, old, cur)
		if err != nil {
			return nil, fmt.Errorf("release: diff %s %s: %w", old.Label, cur.Label, err)
		}
		d.Tables = append(d.Tables, td)
	}
	d.noteRevisedDocs()
	d.Bump = bumpOf(d)
	return d, nil
}
