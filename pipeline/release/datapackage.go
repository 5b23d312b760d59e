package release

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"strings"

	"github.com/cubaexports/cubaexports/schemas"
)

// dataPackageProfile is the Frictionless Data Package v2 profile.
const dataPackageProfile = "https://datapackage.org/profiles/2.0/datapackage.json"

// dataPackage is datapackage.json; the field order is the key order.
type dataPackage struct {
	Profile string `json:"$schema"`
	Name    string `json:"name"`
	// ID is the version's DOI as a URL, the property Frictionless
	// reserves for a global identifier; ConceptDOI (our own property)
	// resolves to the latest version. Both absent without a DOI.
	ID          string   `json:"id,omitempty"`
	ConceptDOI  string   `json:"conceptDoi,omitempty"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Version     string   `json:"version"`
	Created     string   `json:"created"`
	Homepage    string   `json:"homepage"`
	Keywords    []string `json:"keywords,omitempty"` // the profile wants at least one, or none

	Licenses     []dpLicense   `json:"licenses"`
	Contributors []contributor `json:"contributors,omitempty"` // the profile wants at least one, or none
	Resources    []resource    `json:"resources"`
}

type dpLicense struct {
	Name  string `json:"name"`
	Title string `json:"title"`
	Path  string `json:"path"`
}

type contributor struct {
	Title string   `json:"title"`
	Path  string   `json:"path,omitempty"`
	Roles []string `json:"roles"`
}

// resource is a data file of the package. Table resources (the CSV
// files) carry their Table Schema; the Parquet files are plain resources.
type resource struct {
	Name        string                      `json:"name"`
	Type        string                      `json:"type,omitempty"`
	Path        string                      `json:"path"`
	Format      string                      `json:"format"`
	Mediatype   string                      `json:"mediatype"`
	Encoding    string                      `json:"encoding,omitempty"`
	Bytes       int64                       `json:"bytes"`
	Hash        string                      `json:"hash"`
	Title       string                      `json:"title"`
	Description string                      `json:"description"`
	Schema      *schemas.FrictionlessSchema `json:"schema,omitempty"`
}

// writeDataPackage writes datapackage.json: the dataset's metadata and one
// resource per data file with its size and SHA-256.
func (d *draft) writeDataPackage(ctx context.Context) error {
	m := d.in.Meta
	p := dataPackage{
		Profile: dataPackageProfile, Name: m.Name, ID: doiURL(d.doi.Version), ConceptDOI: doiURL(d.doi.Concept), Title: m.Title, Description: m.Description,
		Version: strings.TrimPrefix(d.version, "v"), Created: rfc3339(d.in.Date), Homepage: m.Homepage,
		Keywords: m.Keywords,
		Licenses: []dpLicense{{Name: m.License.ID, Title: m.License.Title, Path: m.License.URL}},
	}
	for _, a := range m.Authors {
		p.Contributors = append(p.Contributors, contributor{Title: a.Name, Path: a.ORCID, Roles: []string{"creator"}})
	}
	for _, t := range d.tables {
		s := t.Schema()
		fs := s.Frictionless()
		csv, pq := d.sum("data/"+s.Name+".csv"), d.sum("data/"+s.Name+".parquet")
		p.Resources = append(p.Resources,
			resource{Name: s.Name, Type: "table", Path: csv.Path, Format: "csv", Mediatype: "text/csv",
				Encoding: "utf-8", Bytes: csv.Bytes, Hash: "sha256:" + csv.SHA256, Title: s.Title,
				Description: s.Doc, Schema: &fs},
			resource{Name: s.Name + "-parquet", Path: pq.Path, Format: "parquet",
				Mediatype: "application/vnd.apache.parquet", Bytes: pq.Bytes, Hash: "sha256:" + pq.SHA256,
				Title: s.Title + " (Parquet)", Description: s.Doc})
	}
	if wb, ok := d.written(workbookName(d.version)); ok {
		p.Resources = append(p.Resources, resource{Name: "workbook", Path: wb.Path, Format: "xlsx",
			Mediatype: workbookMediatype, Bytes: wb.Bytes, Hash: "sha256:" + wb.SHA256,
			Title:       m.Title + " (Excel workbook)",
			Description: "Every table as a sheet with typed cells, and a README sheet with the codebook, the citation and the license."})
	}
	return d.write(ctx, "datapackage.json", func(w io.Writer) error { return writeJSON(w, p) })
}

// writeJSON writes v as JSON indented by two spaces, without HTML
// escaping, with a trailing newline.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// marshalJSON is writeJSON into a byte slice.
func marshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	err := writeJSON(&b, v)
	return b.Bytes(), err
}

// nonNil makes a nil slice encode as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
