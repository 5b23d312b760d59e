package cite

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/cubaexports/cubaexports/datasets"
)

// Citation is what a citation of one version says, read from that
// version's CITATION.cff (and datapackage.json for what CFF lacks).
type Citation struct {
	Title    string
	Version  string    // e.g. "v1.2.0"
	Date     time.Time // the release date, UTC
	Abstract string
	Authors  []datasets.Author
	License  datasets.License
	URL      string
	DOI      string // this version's DOI, else the configured concept DOI; "" when none
	// ConceptDOI is the DOI of all versions, when the version has its own
	// DOI besides (a release deposited on Zenodo); "" otherwise.
	ConceptDOI string
	Keywords   []string
	Publisher  string
}

// Year is the release's year, the year a citation gives.
func (c Citation) Year() int { return c.Date.Year() }

// Of is the citation of a version released on date with the dataset's
// metadata m, as the release being written gives it.
func Of(m datasets.Metadata, version string, date time.Time) Citation {
	return Citation{Title: m.Title, Version: version, Date: time.Date(date.UTC().Year(), date.UTC().Month(), date.UTC().Day(), 0, 0, 0, 0, time.UTC),
		Abstract: m.Description, Authors: m.Authors, License: m.License, URL: m.Homepage, DOI: m.DOI,
		Keywords: m.Keywords, Publisher: publisherOf(m)}
}

// publisherOf names the publisher of the dataset: its first author.
func publisherOf(m datasets.Metadata) string {
	if len(m.Authors) > 0 {
		return m.Authors[0].Name
	}
	return m.Name
}

// cffFile is the part of CITATION.cff a citation reads.
type cffFile struct {
	Title        string `yaml:"title"`
	Version      string `yaml:"version"`
	DateReleased string `yaml:"date-released"`
	Abstract     string `yaml:"abstract"`
	Authors      []struct {
		Name  string `yaml:"name"`
		ORCID string `yaml:"orcid"`
	} `yaml:"authors"`
	License     string   `yaml:"license"`
	URL         string   `yaml:"url"`
	Keywords    []string `yaml:"keywords"`
	DOI         string   `yaml:"doi"` // the version's own DOI, when it has one
	Identifiers []struct {
		Type  string `yaml:"type"`
		Value string `yaml:"value"`
	} `yaml:"identifiers"`
}

// Read reads the citation of the release version directory dir
// (OUT/releases/vX.Y.Z) from its CITATION.cff and datapackage.json.
func Read(dir string) (Citation, error) {
	version := filepath.Base(dir)
	b, err := os.ReadFile(filepath.Join(dir, "CITATION.cff"))
	if err != nil {
		return Citation{}, fmt.Errorf("release %s: %w", version, err)
	}
	var f cffFile
	if err := yaml.Unmarshal(b, &f); err != nil {
		return Citation{}, fmt.Errorf("release %s: CITATION.cff: %w", version, err)
	}
	date, err := time.Parse(time.DateOnly, f.DateReleased)
	if err != nil {
		return Citation{}, fmt.Errorf("release %s: CITATION.cff: date-released: %w", version, err)
	}
	c := Citation{Title: f.Title, Version: f.Version, Date: date, Abstract: f.Abstract, URL: f.URL,
		Keywords: f.Keywords, License: datasets.License{ID: f.License}}
	for _, a := range f.Authors {
		c.Authors = append(c.Authors, datasets.Author{Name: a.Name, ORCID: a.ORCID})
	}
	for _, id := range f.Identifiers {
		if id.Type == "doi" && id.Value != f.DOI {
			c.DOI = id.Value
		}
	}
	if f.DOI != "" {
		c.DOI, c.ConceptDOI = f.DOI, c.DOI
	}
	if len(c.Authors) > 0 {
		c.Publisher = c.Authors[0].Name
	}
	return c, licenseFromPackage(dir, &c)
}

// licenseFromPackage fills the license's title and URL from datapackage.json.
func licenseFromPackage(dir string, c *Citation) error {
	b, err := os.ReadFile(filepath.Join(dir, "datapackage.json"))
	if err != nil {
		return fmt.Errorf("release %s: %w", c.Version, err)
	}
	var p struct {
		Licenses []struct {
			Name  string `json:"name"`
			Title string `json:"title"`
			Path  string `json:"path"`
		} `json:"licenses"`
	}
	if err := json.Unmarshal(b, &p); err != nil {
		return fmt.Errorf("release %s: datapackage.json: %w", c.Version, err)
	}
	for _, l := range p.Licenses {
		if strings.EqualFold(l.Name, c.License.ID) {
			c.License.Title, c.License.URL = l.Title, l.Path
		}
	}
	return nil
}
