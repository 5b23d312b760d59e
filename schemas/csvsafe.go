package schemas

import (
	"reflect"
	"slices"
)

// FormulaNote says, for the codebook and the README, how text cells that
// a spreadsheet would evaluate are written in the CSV files.
const FormulaNote = "CSV formula safety: in the CSV files, a leading ' (single quote) was added to every text cell " +
	"that starts with =, +, -, @, TAB or CR, so that Excel and LibreOffice show it as text and never evaluate it " +
	"(OWASP's recommendation against CSV injection); a text cell that starts with ' followed by such a cell gets " +
	"one more '. Strip one leading ' from such cells to get the original text. Number columns are never touched " +
	"(a negative number stays a number), and the Parquet files and the workbook hold the original text."

// isTrigger reports a first character that makes a spreadsheet evaluate a cell.
func isTrigger(c byte) bool {
	switch c {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// needsQuote reports text that EscapeCell prefixes with a quote: text
// starting with a trigger character, or with quotes followed by one (so
// that escaping stays reversible).
func needsQuote(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '\'' {
			return isTrigger(s[i])
		}
	}
	return false
}

// EscapeCell returns the CSV text of a text cell: s with a leading ' when
// s starts with =, +, -, @, TAB or CR, or with ' followed by such a text.
func EscapeCell(s string) string {
	if needsQuote(s) {
		return "'" + s
	}
	return s
}

// UnescapeCell is the inverse of EscapeCell.
func UnescapeCell(s string) string {
	if len(s) > 1 && s[0] == '\'' && needsQuote(s[1:]) {
		return s[1:]
	}
	return s
}

// mapText returns rows with f applied to every text column, copying the
// rows before the first change so the caller's rows stay as they were.
func mapText[T any](t *Table, rows []T, f func(string) string) []T {
	var text []Column
	for _, c := range t.Columns {
		if c.Type == String {
			text = append(text, c)
		}
	}
	copied := false
	for i := range rows {
		for _, c := range text {
			v := c.Field(reflect.ValueOf(&rows[i]).Elem())
			if v.Kind() != reflect.String {
				continue
			}
			if g := f(v.String()); g != v.String() {
				if !copied {
					rows, copied = slices.Clone(rows), true
				}
				c.Field(reflect.ValueOf(&rows[i]).Elem()).SetString(g)
			}
		}
	}
	return rows
}
