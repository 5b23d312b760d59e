package xlsxtable

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// footMarker matches the start of a table's foot line (folded): a
// footnote marker followed by its text ("(a) Incluye ...", "(1) ...",
// "1/ ...", "a/ ...", "* ...", "¹ ..."), or a note or source word
// ("Nota:", "Notas:", "Note:", "Fuente:", "Source:"). ONEI tables put
// such lines between the body and the source line.
var footMarker = regexp.MustCompile(`^(?:(?:\(\s*[a-z0-9]{1,2}\s*\)|[a-z0-9]{1,2}/|\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s*[^\s)/*¹²³⁴⁵⁶⁷⁸⁹⁰]|(?:fuentes?|sources?|notas?|notes?)\s*(?:[:.]|$))`)

// isFootLine reports a row that begins the table's foot: its first
// non-empty cell starts with a footnote marker and its text, or a note or
// source word, and no other cell holds a number (a series whose label
// happens to start with "(1)" has figures). The body ends there, as at
// an end marker: footnotes need no ignore pattern.
func (p *plan) isFootLine(r sheetRow) bool {
	first := -1
	for i, c := range r.cells {
		if strings.TrimSpace(c) != "" {
			first = i
			break
		}
	}
	if first < 0 || !footMarker.MatchString(fold(r.cells[first])) {
		return false
	}
	for _, c := range r.cells[first+1:] {
		if v, err := p.parseValue(c); err == nil && v.status == "reported" {
			return false
		}
	}
	return true
}

// unitsIn finds the table's units in a title line or a header cell: the
// whole text (a units line, "(Miles de pesos)"), a parenthesised part
// ("5.12 Exportaciones de servicios (Millones de pesos)"), or where the
// map's units_pattern matches (its first group, or the whole match). It
// returns the units as found, folded, and whether the text holds any.
func (p *plan) unitsIn(text string) (string, bool) {
	f := fold(text)
	if p.unitsRE != nil {
		m := p.unitsRE.FindStringSubmatch(f)
		if m == nil {
			return "", false
		}
		u := m[0]
		if len(m) > 1 {
			u = m[1]
		}
		return unitsKey(u), true
	}
	if k := unitsKey(text); k == p.unitsKey {
		return k, true
	}
	if strings.Contains(f, "("+p.unitsKey+")") {
		return p.unitsKey, true
	}
	return "", false
}

// checkUnits looks for the units in the cells above the header and in
// the header; found units other than the map's are a layout change
// named with their cell (thousands became millions).
func (p *plan) checkUnits(g *grid, d *drift) {
	var texts []string
	var other []string
	look := func(ref, text string) bool {
		texts = append(texts, text)
		u, ok := p.unitsIn(text)
		if ok && u == p.unitsKey {
			return true
		}
		if ok {
			other = append(other, fmt.Sprintf("%s in cell %s", strconv.Quote(u), ref))
		}
		return false
	}
	for _, c := range g.above {
		if look(c.ref, c.text) {
			return
		}
	}
	for i, row := range g.header {
		for j, c := range row {
			if c = strings.TrimSpace(c); c != "" && look(cellRef(j+1, g.headerRow+i), c) {
				return
			}
		}
	}
	if len(other) > 0 {
		d.add("expected the units %q: the table says %s (the scale changed? fix units, never the figures)", p.Units, strings.Join(other, ", "))
		return
	}
	d.missingLabel("the units line", strconv.Quote(p.Units), texts)
}

func cellRef(col, row int) string {
	return colName(col) + strconv.Itoa(row)
}
