package diff

import (
	"reflect"
	"strings"
	"testing"
)

// changed is a changed row of a table with the given extractor and cells
// ("column=old>new").
func changed(key, source, extractor string, cells ...string) RowChange {
	rc := RowChange{Key: key, sourceID: source, extractor: extractor}
	for _, c := range cells {
		col, rest, _ := strings.Cut(c, "=")
		o, n, _ := strings.Cut(rest, ">")
		rc.Cells = append(rc.Cells, Cell{Column: col, Old: o, New: n})
	}
	return rc
}

// diffOf is a Diff of the given tables, as diffSides finishes it.
func diffOf(tables ...TableDiff) *Diff {
	d := &Diff{From: "v1.0.0", To: "build", Tables: tables, revisedDocs: map[string]bool{}}
	for i := range d.Tables {
		if d.Tables[i].Status == "" {
			d.Tables[i].Status = TableChanged
		}
	}
	d.noteRevisedDocs()
	d.Bump = bumpOf(d)
	return d
}

func TestBump(t *testing.T) {
	curated := changed("rev_1", "doc_a", "curated@1", "value=100>110")
	upstream := changed("rev_1", "doc_a", "xlsxtable@1", "value=100>110", "snapshot_sha256=aa>bb")
	revisedDoc := TableDiff{Table: "sources", Changed: []RowChange{changed("doc_a", "", "", "snapshot_sha256=aa>bb")}}
	for _, tc := range []struct {
		name   string
		tables []TableDiff
		want   Level
		reason string
	}{
		{"no cell differs", []TableDiff{{Table: "revenue", Status: TableUnchanged}}, NoChange, ""},
		{"table removed", []TableDiff{{Table: "fx_rates", Status: TableRemoved}}, Major, "table fx_rates removed"},
		{"column removed", []TableDiff{{Table: "revenue", Schema: []SchemaChange{{Change: ColumnRemoved, Column: "note", Old: "string"}}}},
			Major, "revenue: column note removed (was string)"},
		{"column possibly renamed", []TableDiff{{Table: "revenue", Schema: []SchemaChange{{Change: PossibleRename, Column: "note", Old: "note", New: "notes"}}}},
			Major, "revenue: column note possibly renamed to notes"},
		{"column retyped", []TableDiff{{Table: "revenue", Schema: []SchemaChange{{Change: TypeChanged, Column: "year", Old: "integer", New: "string"}}}},
			Major, "revenue: column year retyped from integer to string"},
		{"column added", []TableDiff{{Table: "revenue", Schema: []SchemaChange{{Change: ColumnAdded, Column: "x", New: "number"}}}},
			Minor, "revenue: column x added (number)"},
		{"table added", []TableDiff{{Table: "fx_rates", Status: TableAdded, Added: []string{"BRL|2014|a"}}}, Minor, "table fx_rates added"},
		{"rows added", []TableDiff{{Table: "revenue", Added: []string{"rev_2", "rev_3"}}}, Minor, "revenue: 2 rows added"},
		{"source added", []TableDiff{{Table: "sources", Added: []string{"doc_b"}}}, Minor, "sources: 1 source added"},
		{"row removed", []TableDiff{{Table: "revenue", Removed: []string{"rev_2"}}}, Minor, "revenue: 1 row removed"},
		{"upstream revision", []TableDiff{{Table: "revenue", Changed: []RowChange{upstream}}}, Minor, "revenue: 1 row revised upstream"},
		{"upstream revision, same snapshot", []TableDiff{{Table: "revenue", Changed: []RowChange{changed("rev_1", "doc_a", "xlsxtable@1", "value=1>2")}}},
			Minor, "revenue: 1 row revised upstream"},
		{"curated row, its document revised", []TableDiff{{Table: "revenue", Changed: []RowChange{curated}}, revisedDoc},
			Minor, "revenue: 1 row revised upstream"},
		{"exchange rate revised", []TableDiff{{Table: "fx_rates", Changed: []RowChange{changed("BRL|2014|a", "a", "", "rate_per_usd=2.3>2.4")}}},
			Minor, "fx_rates: 1 row revised upstream"},
		{"curated correction", []TableDiff{{Table: "revenue", Changed: []RowChange{curated}}}, Patch, "revenue: 1 row of curated values corrected"},
		{"curated correction and a row added", []TableDiff{{Table: "revenue", Changed: []RowChange{curated}, Added: []string{"rev_9"}}},
			Minor, "revenue: 1 row added"},
		{"note only", []TableDiff{{Table: "revenue", Changed: []RowChange{changed("rev_1", "doc_a", "xlsxtable@1", "note=a>b")}}},
			Patch, "revenue: 1 row with metadata-only changes"},
		{"provenance only", []TableDiff{{Table: "revenue", Changed: []RowChange{changed("rev_1", "doc_a", "xlsxtable@1", "snapshot_sha256=aa>bb", "retrieved_at=x>y")}}},
			Patch, "revenue: 1 row with metadata-only changes"},
		{"page only", []TableDiff{{Table: "revenue", Changed: []RowChange{changed("rev_1", "doc_a", "report@1", "locator=page=2, chars=1-9>page=3, chars=1-9", "page=2>3")}}},
			Patch, "revenue: 1 row with metadata-only changes"},
		{"provenance column page added to an existing release", []TableDiff{{Table: "revenue",
			Schema: []SchemaChange{{Change: ColumnAdded, Column: "page", New: "integer"}}}},
			Minor, "revenue: column page added (integer)"},
		{"sources text", []TableDiff{{Table: "sources", Changed: []RowChange{changed("doc_a", "", "", "title=A>B")}}},
			Patch, "sources: 1 row with metadata-only changes"},
		{"document re-fetched, no figure changed", []TableDiff{revisedDoc}, Patch, "sources: 1 row with metadata-only changes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := diffOf(tc.tables...).Bump
			if b.Level != tc.want {
				t.Errorf("level %s, want %s (reasons %q)", b.Level, tc.want, b.Reasons)
			}
			if tc.reason != "" && !reflect.DeepEqual(b.Reasons[:1], []string{tc.reason}) {
				t.Errorf("reasons %q, want %q first", b.Reasons, tc.reason)
			}
		})
	}
}

func TestSchemaChanges(t *testing.T) {
	types := map[string]string{"a": "string", "b": "integer", "c": "number", "d": "string", "e": "string"}
	for _, tc := range []struct {
		name     string
		old, cur []string
		newTypes map[string]string
		want     []SchemaChange
	}{
		{"same", []string{"a", "b"}, []string{"a", "b"}, types, []SchemaChange{}},
		{"added", []string{"a"}, []string{"a", "b"}, types, []SchemaChange{{ColumnAdded, "b", "", "integer"}}},
		{"removed", []string{"a", "b"}, []string{"a"}, types, []SchemaChange{{ColumnRemoved, "b", "integer", ""}}},
		{"renamed", []string{"a", "d"}, []string{"a", "e"}, types, []SchemaChange{{PossibleRename, "d", "d", "e"}}},
		{"other type at the same place", []string{"a", "b"}, []string{"a", "c"}, types,
			[]SchemaChange{{ColumnRemoved, "b", "integer", ""}, {ColumnAdded, "c", "", "number"}}},
		{"same type elsewhere", []string{"a", "d"}, []string{"e", "a"}, types,
			[]SchemaChange{{ColumnRemoved, "d", "string", ""}, {ColumnAdded, "e", "", "string"}}},
		{"retyped", []string{"a", "b"}, []string{"a", "b"}, map[string]string{"a": "string", "b": "number"},
			[]SchemaChange{{TypeChanged, "b", "integer", "number"}}},
		{"table added", nil, []string{"a"}, types, []SchemaChange{}},
		{"provenance column page inserted after locator", []string{"source_id", "locator", "retrieved_at"},
			[]string{"source_id", "locator", "page", "retrieved_at"},
			map[string]string{"source_id": "string", "locator": "string", "page": "integer", "retrieved_at": "datetime"},
			[]SchemaChange{{ColumnAdded, "page", "", "integer"}}},
	} {
		if got := schemaChanges(tc.old, tc.cur, types, tc.newTypes); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %+v, want %+v", tc.name, got, tc.want)
		}
	}
}
