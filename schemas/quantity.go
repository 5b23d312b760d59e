package schemas

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// Quantity says what part a column plays in a figure's quantity key: the
// columns whose values must all be equal for two rows to be rivals, of
// which exactly one is preferred (docs/comparable.md). A fact table
// declares its key once, in its row struct, with the tag quantity:""
// (always part of the key), quantity:"span" (part of the key only for
// totals over a period, see SpanAggregations) or quantity:"is:<value>"
// (only whether the column holds value, see Flag).
type Quantity uint8

// The parts a column can play in the quantity key.
const (
	// NotQuantity columns do not tell one quantity from another (values,
	// qualifiers, sources, notes): rows that differ only in them are rivals.
	NotQuantity Quantity = iota
	// Always columns are part of every row's quantity key.
	Always
	// Span columns (the period's ends) are part of the key of a total
	// over a period (aggregation flow, cumulative or annual_average): such
	// totals compete only with totals of exactly the same period. A rate
	// or a stock competes with the rates or stocks of the same year.
	Span
	// Flag columns add to the key only whether their value is the one
	// the tag names (quantity:"is:plan" on observation_type): a plan, a
	// target or proposal, never competes with an outcome, while outcomes
	// of every other type remain rivals.
	Flag
)

// AggregationColumn is the column that says how a figure relates to its
// period; a table with Span columns has it in its quantity key.
const AggregationColumn = "aggregation"

// SpanAggregations are the aggregations whose figures are totals over
// their period: two of them are rivals only over exactly the same period.
var SpanAggregations = []string{"flow", "cumulative", "annual_average"}

// IsSpan reports whether a figure of aggregation agg is a total over its
// period (its quantity key holds the Span columns).
func IsSpan(agg string) bool { return slices.Contains(SpanAggregations, agg) }

// checkQuantity checks the quantity declaration and notes the
// aggregation column: the key's columns are text, whole numbers, numbers
// or booleans; a table with Span columns has the aggregation column in
// its key.
func (t *Table) checkQuantity() error {
	for _, c := range t.Columns {
		if c.Quantity != NotQuantity && c.Type == Timestamp {
			return fmt.Errorf("column %q: a time is not part of a quantity key", c.Name)
		}
		if c.Quantity == Flag && c.Type != String {
			return fmt.Errorf("column %q: quantity \"is:%s\" tests text, the column is not", c.Name, c.QuantityIs)
		}
	}
	if !slices.ContainsFunc(t.Columns, func(c Column) bool { return c.Quantity == Span }) {
		return nil
	}
	i := slices.IndexFunc(t.Columns, func(c Column) bool { return c.Name == AggregationColumn })
	if i < 0 || t.Columns[i].Quantity != Always || t.Columns[i].Vocab != AggregationColumn || t.Columns[i].Type != String {
		return errors.New(`a table with quantity:"span" columns needs the column aggregation (vocabulary aggregation) in its quantity key`)
	}
	t.aggIndex = i + 1
	return nil
}

// HasQuantity reports whether t declares a quantity key.
func (t *Table) HasQuantity() bool {
	return slices.ContainsFunc(t.Columns, func(c Column) bool { return c.Quantity != NotQuantity })
}

// QuantityKey appends to dst the quantity key of row, a struct value of
// t's row type, and returns it: for each Always column, and for each Span
// column when the row's aggregation is a total over its period (IsSpan),
// the value followed by a unit separator; a Span column left out appends
// the separator alone, so a key never matches one of another shape. Two
// rows are rivals exactly when their keys are equal. No text is formatted
// with fmt: a million rows are keyed in well under a second.
func (t *Table) QuantityKey(dst []byte, row reflect.Value) []byte {
	span := t.aggIndex > 0 && IsSpan(t.Columns[t.aggIndex-1].Field(row).String())
	for _, c := range t.Columns {
		switch {
		case c.Quantity == Always || (c.Quantity == Span && span):
			dst = appendKeyCell(dst, c.Field(row))
		case c.Quantity == Flag && c.Field(row).String() == c.QuantityIs:
			dst = append(dst, '1')
		}
		if c.Quantity != NotQuantity {
			dst = append(dst, '\x1f')
		}
	}
	return dst
}

// QuantityDoc describes t's quantity key in words, from its declaration,
// for the codebook and docs/comparable.md; "" when t has none.
func (t *Table) QuantityDoc() string {
	var always, span []string
	for _, c := range t.Columns {
		switch c.Quantity {
		case Flag:
			always = append(always, "whether `"+c.Name+"` is `"+c.QuantityIs+"`")
		case Always:
			always = append(always, "`"+c.Name+"`")
		case Span:
			span = append(span, "`"+c.Name+"`")
		}
	}
	if len(always) == 0 {
		return ""
	}
	doc := strings.Join(always, ", ")
	if len(span) > 0 {
		doc += "; and, when `aggregation` is " + strings.Join(quoted(SpanAggregations), ", ") +
			" (a total over its period), " + strings.Join(span, ", ") +
			": such totals compete only over exactly the same period, while rates and stocks compete within one `year`"
	}
	return doc
}

func quoted(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = "`" + v + "`"
	}
	return out
}

// appendKeyCell appends v as text (a null pointer appends nothing).
func appendKeyCell(buf []byte, v reflect.Value) []byte {
	out, ok := AppendText(buf, v)
	if !ok {
		panic("schemas: a quantity column of type " + v.Type().String())
	}
	return out
}

// AppendText appends a column value as identity text: strings as they
// are, numbers in their shortest exact form, a nil pointer as nothing.
// ok is false (and buf unchanged) for a kind it does not know, so callers
// decide whether that is a bug or needs another form.
func AppendText(buf []byte, v reflect.Value) (out []byte, ok bool) {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return buf, true
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.String:
		return append(buf, v.String()...), true
	case reflect.Int64:
		return strconv.AppendInt(buf, v.Int(), 10), true
	case reflect.Float64:
		return strconv.AppendFloat(buf, v.Float(), 'g', -1, 64), true
	case reflect.Bool:
		return strconv.AppendBool(buf, v.Bool()), true
	}
	return buf, false
}
