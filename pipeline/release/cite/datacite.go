package cite

import "time"

// DataCiteDoc is the body of a DataCite REST API request that registers
// or updates a DOI: {"data": {"type": "dois", "attributes": ...}}.
type DataCiteDoc struct {
	Data DataCiteData `json:"data"`
}

// DataCiteData is the data object of a DataCite request.
type DataCiteData struct {
	Type       string             `json:"type"`
	Attributes DataCiteAttributes `json:"attributes"`
}

// DataCiteAttributes are the metadata of a DOI in the DataCite schema
// (REST API JSON names).
type DataCiteAttributes struct {
	DOI             string              `json:"doi,omitempty"`
	Titles          []map[string]string `json:"titles"`
	Creators        []DataCiteCreator   `json:"creators"`
	Publisher       string              `json:"publisher"`
	PublicationYear int                 `json:"publicationYear"`
	Types           map[string]string   `json:"types"`
	Version         string              `json:"version"`
	RightsList      []map[string]string `json:"rightsList"`
	URL             string              `json:"url,omitempty"`
	Descriptions    []map[string]string `json:"descriptions"`
	Subjects        []map[string]string `json:"subjects"`
	Dates           []map[string]string `json:"dates"`
	// RelatedIdentifiers names the concept DOI a version's DOI is a
	// version of; absent without one.
	RelatedIdentifiers []map[string]string `json:"relatedIdentifiers,omitempty"`
}

// DataCiteCreator is a creator of the data set.
type DataCiteCreator struct {
	Name            string              `json:"name"`
	NameIdentifiers []map[string]string `json:"nameIdentifiers,omitempty"`
}

// DataCite is the citation as the JSON a DOI registration with DataCite
// takes. The DOI is included only when one is configured.
func (c Citation) DataCite() DataCiteDoc {
	a := DataCiteAttributes{
		DOI:             BareDOI(c.DOI),
		Titles:          []map[string]string{{"title": c.Title}},
		Creators:        []DataCiteCreator{},
		Publisher:       c.Publisher,
		PublicationYear: c.Year(),
		Types:           map[string]string{"resourceTypeGeneral": "Dataset", "resourceType": "Dataset"},
		Version:         c.Version,
		RightsList:      []map[string]string{},
		URL:             c.URL,
		Descriptions:    []map[string]string{},
		Subjects:        []map[string]string{},
		Dates:           []map[string]string{{"date": c.Date.Format(time.DateOnly), "dateType": "Issued"}},
	}
	for _, au := range c.Authors {
		cr := DataCiteCreator{Name: au.Name}
		if au.ORCID != "" {
			cr.NameIdentifiers = []map[string]string{{"nameIdentifier": au.ORCID,
				"nameIdentifierScheme": "ORCID", "schemeUri": "https://orcid.org"}}
		}
		a.Creators = append(a.Creators, cr)
	}
	if c.License.ID != "" {
		r := map[string]string{"rightsIdentifier": c.License.ID, "rightsIdentifierScheme": "SPDX",
			"schemeUri": "https://spdx.org/licenses/"}
		if c.License.Title != "" {
			r["rights"] = c.License.Title
		}
		if c.License.URL != "" {
			r["rightsUri"] = c.License.URL
		}
		a.RightsList = append(a.RightsList, r)
	}
	if c.Abstract != "" {
		a.Descriptions = append(a.Descriptions, map[string]string{"description": c.Abstract, "descriptionType": "Abstract"})
	}
	for _, k := range c.Keywords {
		a.Subjects = append(a.Subjects, map[string]string{"subject": k})
	}
	if c.ConceptDOI != "" {
		a.RelatedIdentifiers = []map[string]string{{"relatedIdentifier": BareDOI(c.ConceptDOI),
			"relatedIdentifierType": "DOI", "relationType": "IsVersionOf"}}
	}
	return DataCiteDoc{Data: DataCiteData{Type: "dois", Attributes: a}}
}
