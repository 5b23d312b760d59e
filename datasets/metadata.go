package datasets

// Author is a creator of the dataset, as CITATION.cff and datapackage.json name them.
type Author struct {
	Name  string // a person's full name or an organization's name
	ORCID string // optional, as https://orcid.org/...
}

// Metadata describes the dataset as a whole.
type Metadata struct {
	Name        string // machine name, e.g. "cubaexports"
	Title       string
	Description string
	Homepage    string
	Keywords    []string
	Authors     []Author
	License     License // license of the published data
	DOI         string  // optional concept DOI
}

// License is a license as the Frictionless and CFF formats name them.
type License struct {
	ID    string // SPDX identifier, e.g. "CC-BY-4.0"
	Title string
	URL   string
}

// Default is the metadata of the cubaexports dataset.
func Default() Metadata {
	return Metadata{
		Name:  "cubaexports",
		Title: "cubaexports: Cuba's state exports of professional services",
		Description: "Figures on the Cuban state's sale of its professionals' work abroad: " +
			"service-export revenue by year, contract rates by host country and profession " +
			"(what the host pays, what the worker receives), and worker counts by host country and year. " +
			"Every figure carries its source document, where in the document it stands, and what kind of " +
			"figure it is (official statistic, official statement, estimate, claim, leaked document). " +
			"Figures that disagree are all kept.",
		Homepage: "https://github.com/cubaexports/cubaexports",
		Keywords: []string{"Cuba", "services exports", "medical missions", "labour export",
			"contract rates", "balance of payments", "provenance"},
		Authors: []Author{{Name: "The cubaexports contributors"}},
		License: License{ID: "CC-BY-4.0", Title: "Creative Commons Attribution 4.0 International",
			URL: "https://creativecommons.org/licenses/by/4.0/"},
	}
}
