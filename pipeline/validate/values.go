package validate

import (
	"errors"
	"strconv"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
)

// values checks that every number of every table is finite and within
// its column's declared bound (schemas.ColumnBound), and that every text
// is text a reader can trust (schemas.ColumnText: valid UTF-8, no
// control or bidirectional characters, within its length), so that the
// CSV, Parquet and XLSX files hold the same text. A fact table is read
// column by column (datasets.CellsOf), each distinct text checked once.
func (c *checker) values(rows *datasets.Rows) {
	for _, t := range rows.Tables() {
		st := t.Schema()
		for _, col := range st.Columns {
			switch col.Type {
			case schemas.Number, schemas.Integer, schemas.String:
			default:
				continue
			}
			x, ok := datasets.CellsOf(t, col.Name)
			if !ok {
				panic("validate: table " + st.Name + " has no column " + col.Name) // datasets stores every declared column
			}
			c.valueCells(t, st, col, x)
		}
	}
}

// valueCells is values for one column read directly.
func (c *checker) valueCells(t datasets.Table, st *schemas.Table, col schemas.Column, x datasets.Cells) {
	if col.Type == schemas.String {
		rule := schemas.ColumnText(st.Name, col.Name)
		bad := map[uint32]error{}
		for k := range uint32(x.Codes()) {
			if err := rule.Check(x.Value(k)); err != nil {
				bad[k] = err
			}
		}
		if len(bad) == 0 {
			return
		}
		for i := range x.Len() {
			if err, ok := bad[x.Code(i)]; ok && !x.Null(i) {
				c.valueFinding(st.Name, col.Name, originOf(datasets.Row(t, i)), short(x.Text(i)), err)
			}
		}
		return
	}
	b, bounded := schemas.ColumnBound(st.Name, col.Name)
	for i := range x.Len() {
		if x.Null(i) {
			continue
		}
		v, s := float64(x.Int(i)), ""
		if col.Type == schemas.Number {
			v = x.Float(i)
		}
		if err := checkNumber(b, bounded, v); err != nil {
			s = strconv.FormatFloat(v, 'g', -1, 64)
			if col.Type == schemas.Integer {
				s = strconv.FormatInt(x.Int(i), 10)
			}
			c.valueFinding(st.Name, col.Name, originOf(datasets.Row(t, i)), s, err)
		}
	}
}

// checkNumber checks a number: finite always, within b when bounded.
func checkNumber(b schemas.Bound, bounded bool, v float64) error {
	if !bounded {
		b = schemas.Bound{Min: -maxFloat, Max: maxFloat}
	}
	return b.Check(v)
}

const maxFloat = 1.7976931348623157e308

// valueFinding reports a value that makes no sense, named like every
// other finding (file, sheet, row, column, what was expected).
func (c *checker) valueFinding(table, column string, at schemas.Origin, v string, err error) {
	rule := "text"
	switch {
	case errors.Is(err, schemas.ErrNotFinite):
		rule = "finite"
	case errors.Is(err, schemas.ErrOutOfBounds):
		rule = "range"
	}
	c.r.add(Error, table, at, column, v, rule, "%v", err)
}

// short cuts a long text for a finding's value: the finding says how
// long the whole text is.
func short(s string) string {
	if len(s) <= 80 {
		return s
	}
	r := []rune(s)
	if len(r) <= 80 {
		return s
	}
	return string(r[:77]) + "..."
}
