package schemas

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Type is the logical type of a column. Only types that round-trip CSV,
// XLSX and Parquet are admitted.
type Type string

// The column types.
const (
	String    Type = "string"
	Integer   Type = "integer"
	Number    Type = "number"
	Boolean   Type = "boolean"
	Timestamp Type = "datetime"
)

// Role says who fills a column.
type Role string

// The column roles.
const (
	// Input columns are given by the source (a curated sheet has exactly these).
	Input Role = "input"
	// Derived columns are computed by cubaexports from the input columns.
	Derived Role = "derived"
	// Stamp columns are written by the engine from the snapshot (provenance).
	Stamp Role = "stamp"
)

// Column is one declared column of a table.
type Column struct {
	Name     string
	Type     Type
	Nullable bool
	Doc      string
	Unit     string
	Vocab    string   // name of the vocabulary the values must come from, if any
	Pattern  string   // regular expression the values must match, if any
	Identity bool     // part of the identity the obs_id is derived from
	Quantity Quantity // part of the figure's quantity key (see Quantity)
	// QuantityIs is the value a Flag column's key part tests for
	// (quantity:"is:plan": whether observation_type is plan).
	QuantityIs string
	Role       Role
	index      []int // field index path in the row struct
}

// Table is one published table: a name, a description and its columns in
// output order. Fact tables (those whose first column is obs_id) end with
// the provenance columns.
type Table struct {
	Name     string
	Title    string
	Doc      string
	Key      []string // primary key columns, as the Data Package declares them
	Order    []string // columns whose values order the rows of a release (and identify a row in a diff)
	IDPrefix string   // a fact table's obs_id prefix ("rate" in rate_0123456789ab)
	Columns  []Column
	rowType  reflect.Type
	aggIndex int // 1 + the index of the aggregation column when the quantity key has Span columns, else 0
}

// An Option sets a part of a table's declaration that its row struct
// does not give.
type Option func(*Table)

// Key declares the table's primary key (and, unless OrderBy says
// otherwise, the order of its rows). A fact table's key is obs_id.
func Key(cols ...string) Option { return func(t *Table) { t.Key = cols } }

// OrderBy declares the columns that order the table's rows in a release
// and identify a row in a diff, for a table without a primary key.
func OrderBy(cols ...string) Option { return func(t *Table) { t.Order = cols } }

// IDPrefix declares the prefix of a fact table's obs_ids.
func IDPrefix(p string) Option { return func(t *Table) { t.IDPrefix = p } }

// IsFact reports whether t is a fact table: rows with an obs_id and
// provenance.
func (t *Table) IsFact() bool { return len(t.Key) == 1 && t.Key[0] == "obs_id" }

// Patterns that columns may name in their "pattern" tag.
var patterns = map[string]string{
	"date": `^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$`,
}

var (
	timeType   = reflect.TypeFor[time.Time]()
	originType = reflect.TypeFor[Origin]()
	provType   = reflect.TypeFor[Provenance]()
	nameRE     = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

// NewTable derives a table from the row struct T. It returns an error when
// a field has no column name, an unsupported type, no description, or when
// a fact table (one with an obs_id) does not end with Provenance.
func NewTable[T any](name, title, doc string, opts ...Option) (*Table, error) {
	rt := reflect.TypeFor[T]()
	if rt.Kind() != reflect.Struct {
		return nil, fmt.Errorf("table %s: row type %s is not a struct", name, rt)
	}
	t := &Table{Name: name, Title: title, Doc: doc, rowType: rt}
	if err := t.collect(rt, nil); err != nil {
		return nil, fmt.Errorf("table %s: %w", name, err)
	}
	if len(t.Columns) == 0 {
		return nil, fmt.Errorf("table %s: no columns", name)
	}
	for _, o := range opts {
		o(t)
	}
	fact := t.Columns[0].Name == "obs_id"
	if fact {
		if last := rt.Field(rt.NumField() - 1); last.Type != provType || !last.Anonymous {
			return nil, fmt.Errorf("table %s: a fact table must end with the embedded Provenance", name)
		}
		if len(t.Key) > 0 || len(t.Order) > 0 {
			return nil, fmt.Errorf("table %s: a fact table's key is obs_id", name)
		}
		if !nameRE.MatchString(t.IDPrefix) {
			return nil, fmt.Errorf("table %s: a fact table needs an obs_id prefix (IDPrefix), not %q", name, t.IDPrefix)
		}
		t.Key = []string{"obs_id"}
	} else if t.IDPrefix != "" {
		return nil, fmt.Errorf("table %s: only a fact table (first column obs_id) has an obs_id prefix", name)
	}
	if len(t.Order) == 0 {
		t.Order = t.Key
	}
	if err := t.checkQuantity(); err != nil {
		return nil, fmt.Errorf("table %s: %w", name, err)
	}
	seen := map[string]bool{}
	for _, c := range t.Columns {
		if seen[c.Name] {
			return nil, fmt.Errorf("table %s: column %q declared twice", name, c.Name)
		}
		seen[c.Name] = true
	}
	for _, k := range append(slices.Clone(t.Key), t.Order...) {
		if !seen[k] {
			return nil, fmt.Errorf("table %s: key column %q is not a column", name, k)
		}
	}
	return t, nil
}

// MustTable is NewTable for declarations known to be valid; it panics otherwise.
func MustTable[T any](name, title, doc string, opts ...Option) *Table {
	t, err := NewTable[T](name, title, doc, opts...)
	if err != nil {
		panic(err)
	}
	return t
}

func (t *Table) collect(rt reflect.Type, path []int) error {
	for i := range rt.NumField() {
		f := rt.Field(i)
		idx := append(append([]int{}, path...), i)
		tag := f.Tag.Get("csv")
		if tag == "-" || f.Type == originType {
			continue
		}
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			if err := t.collect(f.Type, idx); err != nil {
				return err
			}
			continue
		}
		c, err := column(f, idx)
		if err != nil {
			return err
		}
		t.Columns = append(t.Columns, c)
	}
	return nil
}

func column(f reflect.StructField, idx []int) (Column, error) {
	name, _, _ := strings.Cut(f.Tag.Get("csv"), ",")
	if !nameRE.MatchString(name) {
		return Column{}, fmt.Errorf("field %s: column name %q is not snake_case", f.Name, name)
	}
	c := Column{
		Name:  name,
		Doc:   f.Tag.Get("doc"),
		Unit:  f.Tag.Get("unit"),
		Vocab: f.Tag.Get("vocab"),
		Role:  Role(f.Tag.Get("role")),
		index: idx,
	}
	_, c.Identity = f.Tag.Lookup("id")
	if q, ok := f.Tag.Lookup("quantity"); ok {
		switch q {
		case "":
			c.Quantity = Always
		case "span":
			c.Quantity = Span
		default:
			v, ok := strings.CutPrefix(q, "is:")
			if !ok || v == "" {
				return Column{}, fmt.Errorf("column %q: quantity %q is neither empty, \"span\" nor \"is:<value>\"", name, q)
			}
			c.Quantity, c.QuantityIs = Flag, v
		}
	}
	if p, ok := f.Tag.Lookup("pattern"); ok {
		if c.Pattern = patterns[p]; c.Pattern == "" {
			return Column{}, fmt.Errorf("column %q: unknown pattern %q", name, p)
		}
	}
	if c.Doc == "" {
		return Column{}, fmt.Errorf("column %q: no description (doc tag)", name)
	}
	switch c.Role {
	case Input, Derived, Stamp:
	default:
		return Column{}, fmt.Errorf("column %q: role %q is not input, derived or stamp", name, c.Role)
	}
	ft := f.Type
	if ft.Kind() == reflect.Pointer {
		c.Nullable = true
		ft = ft.Elem()
	}
	switch {
	case ft == timeType:
		c.Type = Timestamp
	case ft.Kind() == reflect.String:
		c.Type = String
		_, c.Nullable = f.Tag.Lookup("null")
	case ft.Kind() == reflect.Int64:
		c.Type = Integer
	case ft.Kind() == reflect.Float64:
		c.Type = Number
	case ft.Kind() == reflect.Bool:
		c.Type = Boolean
	default:
		return Column{}, fmt.Errorf("column %q: Go type %s does not round-trip CSV, XLSX and Parquet", name, f.Type)
	}
	if strings.Contains(f.Tag.Get("csv"), ",omitempty") != c.Nullable && c.Type != String {
		return Column{}, fmt.Errorf("column %q: nullable non-string columns need ,omitempty and a pointer type", name)
	}
	return c, nil
}

// Column returns the column called name.
func (t *Table) Column(name string) (Column, bool) {
	for _, c := range t.Columns {
		if c.Name == name {
			return c, true
		}
	}
	return Column{}, false
}

// Header is the CSV header of the table: its column names in order.
func (t *Table) Header() []string {
	h := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		h[i] = c.Name
	}
	return h
}

// InputColumns are the columns a source supplies (a curated sheet has
// exactly these).
func (t *Table) InputColumns() []Column {
	var cs []Column
	for _, c := range t.Columns {
		if c.Role == Input {
			cs = append(cs, c)
		}
	}
	return cs
}

// RowType is the Go struct type of the table's rows.
func (t *Table) RowType() reflect.Type { return t.rowType }

// Field returns the value of column c in row (a struct of the table's row type).
func (c Column) Field(row reflect.Value) reflect.Value { return row.FieldByIndex(c.index) }
