package site

import (
	"cmp"
	"html/template"
	"slices"
	"strconv"
	"strings"
)

// The schema.org/Dataset description of a version, as Google Dataset
// Search reads it. Field order is the key order.
type ldDataset struct {
	Context            string           `json:"@context"`
	Type               string           `json:"@type"`
	Name               string           `json:"name"`
	Description        string           `json:"description"`
	URL                string           `json:"url,omitempty"`
	SameAs             string           `json:"sameAs,omitempty"`
	Identifier         string           `json:"identifier,omitempty"`
	Version            string           `json:"version"`
	License            string           `json:"license"`
	IsAccessibleFree   bool             `json:"isAccessibleForFree"`
	Keywords           []string         `json:"keywords,omitempty"`
	Creator            []ldAgent        `json:"creator"`
	DatePublished      string           `json:"datePublished"`
	TemporalCoverage   string           `json:"temporalCoverage,omitempty"`
	SpatialCoverage    []ldPlace        `json:"spatialCoverage"`
	VariableMeasured   []ldVariable     `json:"variableMeasured"`
	Distribution       []ldDistribution `json:"distribution"`
	Citation           string           `json:"citation"`
	CreativeWorkStatus string           `json:"creativeWorkStatus,omitempty"`
}

type ldAgent struct {
	Type   string `json:"@type"`
	Name   string `json:"name"`
	SameAs string `json:"sameAs,omitempty"`
}

type ldPlace struct {
	Type       string `json:"@type"`
	Name       string `json:"name"`
	Identifier string `json:"identifier"` // ISO 3166-1 alpha-3
}

type ldVariable struct {
	Type        string `json:"@type"`
	Name        string `json:"name"`
	Description string `json:"description"`
	UnitText    string `json:"unitText,omitempty"`
}

type ldDistribution struct {
	Type           string `json:"@type"`
	Name           string `json:"name"`
	EncodingFormat string `json:"encodingFormat"`
	ContentURL     string `json:"contentUrl"`
	ContentSize    string `json:"contentSize"`
	SHA256         string `json:"sha256"`
}

// jsonLD is the version's schema.org/Dataset description. URLs are
// relative to the version's page unless baseURL is set.
func jsonLD(v *version, baseURL string) (template.JS, error) {
	vv := v.Entry.Version
	rel := func(p string) string { // p relative to the site root
		if baseURL == "" {
			return "../" + p
		}
		return strings.TrimSuffix(baseURL, "/") + "/" + p
	}
	c := v.Citation
	d := ldDataset{Context: "https://schema.org/", Type: "Dataset", Name: c.Title + " (" + vv + ")",
		Description: c.Abstract, Version: strings.TrimPrefix(vv, "v"), License: cmp.Or(c.License.URL, c.License.ID),
		IsAccessibleFree: true, Keywords: c.Keywords, DatePublished: v.Entry.Date, Citation: v.APA,
		SameAs: c.URL}
	if baseURL != "" {
		d.URL = rel(vv + "/index.html")
	}
	if c.DOI != "" {
		d.Identifier = "https://doi.org/" + strings.TrimPrefix(c.DOI, "https://doi.org/")
	}
	for _, a := range c.Authors {
		ag := ldAgent{Type: "Organization", Name: a.Name}
		if a.ORCID != "" {
			ag = ldAgent{Type: "Person", Name: a.Name, SameAs: a.ORCID}
		}
		d.Creator = append(d.Creator, ag)
	}
	d.TemporalCoverage = temporalCoverage(v)
	d.SpatialCoverage = []ldPlace{{Type: "Country", Name: "Cuba", Identifier: "CUB"}}
	for _, h := range hostCountries(v) {
		d.SpatialCoverage = append(d.SpatialCoverage, ldPlace{Type: "Country", Name: h, Identifier: h})
	}
	for _, t := range v.Tables {
		for _, f := range t.Fields {
			if f.Unit == "" || f.Unit == "year" || strings.HasPrefix(f.Unit, "ISO") {
				continue
			}
			d.VariableMeasured = append(d.VariableMeasured, ldVariable{Type: "PropertyValue",
				Name: t.Name + "." + f.Name, Description: f.Description, UnitText: f.Unit})
		}
	}
	for _, f := range v.Files {
		format := encodingFormat(f.Path)
		if format == "" {
			continue
		}
		d.Distribution = append(d.Distribution, ldDistribution{Type: "DataDownload", Name: f.Path,
			EncodingFormat: format, ContentURL: rel("releases/" + vv + "/" + f.Path),
			ContentSize: strconv.FormatInt(f.Bytes, 10) + " B", SHA256: f.SHA256})
	}
	return jsonMarshal(d)
}

// encodingFormat is the media type of a data file, "" for other files.
func encodingFormat(p string) string {
	switch {
	case strings.HasSuffix(p, ".csv"):
		return "text/csv"
	case strings.HasSuffix(p, ".parquet"):
		return "application/vnd.apache.parquet"
	case strings.HasSuffix(p, ".xlsx"):
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case p == "datapackage.json":
		return "application/json"
	}
	return ""
}

// temporalCoverage is the span of the year column of the fact tables,
// as an ISO 8601 interval of years ("1999/2024").
func temporalCoverage(v *version) string {
	lo, hi := 0, 0
	for _, name := range []string{"revenue", "contract_rates", "worker_counts"} {
		t := v.table(name)
		if t == nil || t.col("year") < 0 {
			continue
		}
		c := t.col("year")
		for _, r := range t.Records {
			y, err := strconv.Atoi(r[c])
			if err != nil {
				continue
			}
			if lo == 0 || y < lo {
				lo = y
			}
			hi = max(hi, y)
		}
	}
	if lo == 0 {
		return ""
	}
	return strconv.Itoa(lo) + "/" + strconv.Itoa(hi)
}

// hostCountries are the ISO 3166-1 alpha-3 codes of every host country in
// the fact tables, sorted, without WLD.
func hostCountries(v *version) []string {
	var hosts []string
	for _, name := range []string{"revenue", "contract_rates", "worker_counts"} {
		t := v.table(name)
		if t == nil {
			continue
		}
		c := t.col("host_country")
		if c < 0 {
			c = t.col("partner_country")
		}
		if c < 0 {
			continue
		}
		for _, r := range t.Records {
			if h := r[c]; h != "" && h != "WLD" && h != "CUB" && !slices.Contains(hosts, h) {
				hosts = append(hosts, h)
			}
		}
	}
	slices.Sort(hosts)
	return hosts
}
