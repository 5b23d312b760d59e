package zenodo

import (
	"html"
	"strings"
	"time"

	"github.com/cubaexports/cubaexports/pipeline/release/cite"
)

// Metadata is a deposition's metadata as Zenodo's deposit API takes it.
type Metadata struct {
	UploadType         string    `json:"upload_type"`
	PublicationDate    string    `json:"publication_date,omitempty"`
	Title              string    `json:"title"`
	Creators           []Creator `json:"creators"`
	Description        string    `json:"description"`
	AccessRight        string    `json:"access_right"`
	License            string    `json:"license,omitempty"`
	Keywords           []string  `json:"keywords,omitempty"`
	Version            string    `json:"version,omitempty"`
	RelatedIdentifiers []Related `json:"related_identifiers,omitempty"`
	// PrereserveDOI asks Zenodo to reserve the DOI of the draft now.
	PrereserveDOI bool `json:"prereserve_doi,omitempty"`
}

// Creator is an author of a deposition.
type Creator struct {
	Name  string `json:"name"`
	ORCID string `json:"orcid,omitempty"` // bare, 0000-0002-1825-0097
}

// Related is a related identifier of a deposition.
type Related struct {
	Identifier   string `json:"identifier"`
	Relation     string `json:"relation"` // isNewVersionOf, isCompiledBy, isDerivedFrom, isSourceOf ...
	ResourceType string `json:"resource_type,omitempty"`
}

// links are what a version's deposition is related to besides itself.
type links struct {
	previousDOI string // the previous deposited version's DOI
	inputsDOI   string // the record of the version's input snapshots
}

// versionMetadata is the metadata of a release version's deposition,
// from what its CITATION.cff and datapackage.json declare.
func versionMetadata(c cite.Citation, l links, files []localFile) Metadata {
	m := base(c)
	m.Version = c.Version
	m.Description = description(c.Abstract, files)
	if l.previousDOI != "" {
		m.RelatedIdentifiers = append(m.RelatedIdentifiers, Related{Identifier: cite.BareDOI(l.previousDOI),
			Relation: "isNewVersionOf", ResourceType: "dataset"})
	}
	if l.inputsDOI != "" {
		m.RelatedIdentifiers = append(m.RelatedIdentifiers, Related{Identifier: cite.BareDOI(l.inputsDOI),
			Relation: "isDerivedFrom", ResourceType: "dataset"})
	}
	if c.URL != "" {
		m.RelatedIdentifiers = append(m.RelatedIdentifiers, Related{Identifier: c.URL,
			Relation: "isCompiledBy", ResourceType: "software"})
	}
	return m
}

// inputsMetadata is the metadata of the record of a version's inputs.
func inputsMetadata(c cite.Citation, files []localFile) Metadata {
	m := base(c)
	m.Title = c.Title + " " + c.Version + ": input snapshots"
	m.Version = c.Version
	m.Description = description("The source documents (as fetched, byte for byte) that "+c.Title+" "+c.Version+
		" was built from, those whose licence permits redistribution. Each file is named after its snapshot's SHA-256, "+
		"as the version's provenance.json lists it.", files)
	m.RelatedIdentifiers = []Related{{Identifier: cite.BareDOI(c.DOI), Relation: "isSourceOf", ResourceType: "dataset"}}
	return m
}

// base is the metadata every deposition of a version shares.
func base(c cite.Citation) Metadata {
	m := Metadata{UploadType: "dataset", PublicationDate: c.Date.UTC().Format(time.DateOnly), Title: c.Title,
		AccessRight: "open", License: strings.ToLower(c.License.ID), Keywords: c.Keywords, Creators: []Creator{}}
	for _, a := range c.Authors {
		m.Creators = append(m.Creators, Creator{Name: a.Name, ORCID: strings.TrimPrefix(a.ORCID, "https://orcid.org/")})
	}
	return m
}

// description is the abstract and, when a file's name on Zenodo differs
// from its path in the release (Zenodo keeps no folders), the mapping.
func description(abstract string, files []localFile) string {
	var b strings.Builder
	b.WriteString("<p>" + html.EscapeString(abstract) + "</p>")
	var renamed []string
	for _, f := range files {
		if f.Name != f.Rel {
			renamed = append(renamed, "<li>"+html.EscapeString(f.Rel)+" is "+html.EscapeString(f.Name)+"</li>")
		}
	}
	if len(renamed) > 0 {
		b.WriteString("<p>Zenodo keeps no folders; SHA256SUMS names the files by their paths in the release:</p><ul>" +
			strings.Join(renamed, "") + "</ul>")
	}
	return b.String()
}
