package cite

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Formats are the formats a citation is printed in, the first the
// default: "apa" (one line of text), "bibtex", "ris", "cff" (the version's
// CITATION.cff as published, which the caller reads from the release) and
// "datacite" (the JSON a DOI registration with DataCite's REST API takes).
var Formats = []string{"apa", "bibtex", "ris", "cff", "datacite"}

// Format renders the citation as apa, bibtex, ris or datacite.
func (c Citation) Format(format string) ([]byte, error) {
	switch format {
	case "apa":
		return []byte(c.APA() + "\n"), nil
	case "bibtex":
		return []byte(c.BibTeX()), nil
	case "ris":
		return []byte(c.RIS()), nil
	case "datacite":
		return marshalJSON(c.DataCite())
	}
	return nil, fmt.Errorf("release: citation format %q: want one of %s", format, strings.Join(Formats, ", "))
}

// doiURL is the DOI as a resolver URL, or "" without a DOI.
func (c Citation) doiURL() string {
	if c.DOI == "" {
		return ""
	}
	return "https://doi.org/" + BareDOI(c.DOI)
}

// BareDOI strips a resolver prefix from a DOI ("10.5281/zenodo.1").
func BareDOI(doi string) string {
	for _, p := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:"} {
		doi = strings.TrimPrefix(doi, p)
	}
	return doi
}

func (c Citation) authorNames() []string {
	var names []string
	for _, a := range c.Authors {
		names = append(names, a.Name)
	}
	return names
}

// APA is the citation in APA style (7th edition), for a data set:
// Author. (Year). Title (Version v1.2.0) [Data set]. Publisher. DOI or URL
func (c Citation) APA() string {
	names := c.authorNames()
	authors := strings.Join(names, ", ")
	if n := len(names); n > 1 {
		authors = strings.Join(names[:n-1], ", ") + ", & " + names[n-1]
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s. (%d). %s (Version %s) [Data set].", strings.TrimSuffix(authors, "."), c.Year(), c.Title, c.Version)
	if c.Publisher != "" && (len(names) != 1 || names[0] != c.Publisher) {
		fmt.Fprintf(&b, " %s.", c.Publisher)
	}
	link := c.doiURL()
	if link == "" {
		link = c.URL
	}
	if link != "" {
		b.WriteString(" " + link)
	}
	return b.String()
}

// bibKey is the BibTeX key: name and version, e.g. cubaexports_v1_2_0.
func (c Citation) bibKey() string {
	name := "dataset"
	if i := strings.Index(c.Title, ":"); i > 0 {
		name = c.Title[:i]
	}
	return strings.ToLower(strings.NewReplacer(" ", "_", ".", "_", "-", "_").Replace(name + "_" + c.Version))
}

// bibEscape escapes BibTeX's special characters.
var bibEscape = strings.NewReplacer(`\`, `\textbackslash{}`, "{", `\{`, "}", `\}`, "&", `\&`, "%", `\%`,
	"$", `\$`, "#", `\#`, "_", `\_`, "~", `\textasciitilde{}`, "^", `\textasciicircum{}`)

// BibTeX is the citation as a BibTeX @misc entry (classic BibTeX has no
// data set type); authors are wrapped in braces so organizations are not
// split into first and last names.
func (c Citation) BibTeX() string {
	var authors []string
	for _, n := range c.authorNames() {
		authors = append(authors, "{"+bibEscape.Replace(n)+"}")
	}
	var b strings.Builder
	field := func(k, v string) {
		if v != "" {
			fmt.Fprintf(&b, "  %-12s = {%s},\n", k, v)
		}
	}
	fmt.Fprintf(&b, "@misc{%s,\n", c.bibKey())
	field("author", strings.Join(authors, " and "))
	field("title", "{"+bibEscape.Replace(c.Title)+"}")
	field("year", fmt.Sprint(c.Year()))
	fmt.Fprintf(&b, "  %-12s = %s,\n", "month", strings.ToLower(c.Date.Month().String()[:3])) // a BibTeX macro, unbraced
	field("version", bibEscape.Replace(c.Version))
	field("publisher", bibEscape.Replace(c.Publisher))
	field("howpublished", "Data set")
	field("doi", BareDOI(c.DOI))
	field("url", c.URL)
	field("note", bibEscape.Replace("Version "+c.Version+", released "+c.Date.Format(time.DateOnly)+"; license "+c.License.ID))
	b.WriteString("}\n")
	return b.String()
}

// RIS is the citation as an RIS record of type DATA, lines ending in CRLF.
func (c Citation) RIS() string {
	var b strings.Builder
	tag := func(t, v string) {
		if v != "" {
			fmt.Fprintf(&b, "%s  - %s\r\n", t, strings.ReplaceAll(v, "\n", " "))
		}
	}
	tag("TY", "DATA")
	for _, n := range c.authorNames() {
		tag("AU", n)
	}
	tag("TI", c.Title)
	tag("PY", fmt.Sprint(c.Year()))
	tag("DA", c.Date.Format("2006/01/02"))
	tag("ET", c.Version)
	tag("PB", c.Publisher)
	tag("AB", c.Abstract)
	for _, k := range c.Keywords {
		tag("KW", k)
	}
	tag("DO", BareDOI(c.DOI))
	tag("UR", c.URL)
	tag("N1", "License: "+c.License.ID)
	b.WriteString("ER  - \r\n")
	return b.String()
}

// marshalJSON encodes v as release files do: indented two spaces, HTML
// characters as they are.
func marshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	err := enc.Encode(v)
	return b.Bytes(), err
}
