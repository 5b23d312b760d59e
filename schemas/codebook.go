package schemas

import (
	"fmt"
	"io"
	"strings"
)

// WriteCodebook writes the Markdown codebook of the given tables: for each
// table its description and a row per column (name, type, required, unit,
// description), then every vocabulary the tables use with its terms.
func WriteCodebook(w io.Writer, tables []*Table) error {
	var b strings.Builder
	b.WriteString("# cubaexports codebook\n\n")
	b.WriteString("Every table of a release, column by column. Empty cells in the CSV files are nulls. ")
	b.WriteString("Column names are part of the public interface and are never renamed within a major version.\n\n")
	b.WriteString(FormulaNote + "\n")
	used := map[string]bool{}
	var order []string
	for _, t := range tables {
		fmt.Fprintf(&b, "\n## %s (`%s`)\n\n%s\n\n", t.Title, t.Name, t.Doc)
		b.WriteString("| column | type | required | unit | filled by | description |\n|---|---|---|---|---|---|\n")
		for _, c := range t.Columns {
			req := "yes"
			if c.Nullable {
				req = "no"
			}
			desc := c.Doc
			if c.Vocab != "" {
				desc += fmt.Sprintf(" Values: vocabulary `%s`.", c.Vocab)
				if !used[c.Vocab] {
					used[c.Vocab] = true
					order = append(order, c.Vocab)
				}
			}
			if d, ok := t.Decimals(c.Name); ok {
				desc += fmt.Sprintf(" The CSV rounds it to %d decimals; Parquet and the workbook keep the full value.", d)
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s |\n", c.Name, c.Type, req, cell(c.Unit), filledBy[c.Role], cell(desc))
		}
		var in, opt []string
		for _, c := range t.InputColumns() {
			in = append(in, c.Name)
			if c.Optional {
				opt = append(opt, c.Name)
			}
		}
		fmt.Fprintf(&b, "\nA source (e.g. a curated `%s.csv` sheet) gives exactly these columns, in any order: `%s`", t.Name, strings.Join(in, ","))
		if len(opt) > 0 {
			fmt.Fprintf(&b, " (it may leave out `%s`)", strings.Join(opt, "`, `"))
		}
		b.WriteString(".\n")
		if q := t.QuantityDoc(); q != "" {
			fmt.Fprintf(&b, "\nQuantity key (rows that share it are rivals, and exactly one of them is `preferred`; docs/comparable.md): %s.\n", q)
		}
	}
	b.WriteString("\n## Vocabularies\n")
	for _, name := range order {
		v, _ := VocabByName(name)
		fmt.Fprintf(&b, "\n### `%s`\n\n%s\n", v.Name, v.Doc)
		if v.External != "" {
			fmt.Fprintf(&b, "\nCodes follow %s.\n", v.External)
			continue
		}
		b.WriteString("\n| code | meaning |\n|---|---|\n")
		for _, term := range v.Terms {
			doc := term.Doc
			if term.Percent {
				doc += " A percentage (0-100), with no currency."
			}
			if term.ISCO08 != "" {
				doc += " ISCO-08 " + term.ISCO08 + "."
			}
			fmt.Fprintf(&b, "| `%s` | %s |\n", term.Code, cell(doc))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

var filledBy = map[Role]string{Input: "source", Derived: "cubaexports", Stamp: "cubaexports (provenance)"}

func cell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
