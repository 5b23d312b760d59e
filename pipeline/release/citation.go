package release

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/cubaexports/cubaexports/schemas"
)

// citationMessage is the CFF message: cite the version, not the project.
const citationMessage = "If you use this dataset, please cite this exact version."

// writeCitation writes CITATION.cff (Citation File Format 1.2.0) for the
// version. Every string is written double-quoted, so no value can change
// the YAML's structure.
func (d *draft) writeCitation(ctx context.Context) error {
	m := d.in.Meta
	var b strings.Builder
	line := func(key, val string) { fmt.Fprintf(&b, "%s: %s\n", key, yamlString(val)) }
	b.WriteString("cff-version: 1.2.0\n")
	line("message", citationMessage)
	b.WriteString("type: dataset\n")
	line("title", m.Title)
	line("version", d.version)
	line("date-released", day(d.in.Date))
	line("abstract", m.Description)
	b.WriteString("authors:\n")
	for _, a := range m.Authors {
		fmt.Fprintf(&b, "  - name: %s\n", yamlString(a.Name))
		if a.ORCID != "" {
			fmt.Fprintf(&b, "    orcid: %s\n", yamlString(a.ORCID))
		}
	}
	line("license", m.License.ID)
	line("url", m.Homepage)
	line("repository-code", m.Homepage)
	if len(m.Keywords) > 0 {
		b.WriteString("keywords:\n")
		for _, k := range m.Keywords {
			fmt.Fprintf(&b, "  - %s\n", yamlString(k))
		}
	}
	if d.doi.Version != "" {
		line("doi", d.doi.Version)
	}
	if concept := d.conceptDOI(); d.doi.Version != "" || concept != "" {
		b.WriteString("identifiers:\n")
		id := func(doi, description string) {
			fmt.Fprintf(&b, "  - type: doi\n    value: %s\n    description: %s\n", yamlString(doi), yamlString(description))
		}
		if d.doi.Version != "" {
			id(d.doi.Version, "The DOI of this version.")
		}
		if concept != "" {
			id(concept, "The concept DOI, for all versions of the dataset.")
		}
	}
	return d.write(ctx, "CITATION.cff", func(w io.Writer) error {
		_, err := io.WriteString(w, b.String())
		return err
	})
}

// yamlString quotes s as a YAML double-quoted scalar. A JSON string is
// one: YAML's double-quoted style knows every escape JSON uses.
func yamlString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

// writeCodebook writes CODEBOOK.md for every published table.
func (d *draft) writeCodebook(ctx context.Context) error {
	return d.write(ctx, "CODEBOOK.md", func(w io.Writer) error {
		return schemas.WriteCodebook(w, schemas.All())
	})
}
