package site

import (
	"html/template"
	"strings"

	"github.com/cubaexports/cubaexports/schemas"
)

// parseTemplates parses the embedded page templates.
func parseTemplates() (*template.Template, error) {
	return template.New("").Funcs(template.FuncMap{"join": strings.Join}).ParseFS(embedded, "templates/*.html")
}

// docTitle is a source's title as the site shows it (template
// "doctitle"): the document's own title as a citation, or the curators'
// description, without its brackets, in italics and marked as such.
type docTitle struct {
	Text    string
	Devised bool // Text describes the document; its own title is not recorded (schemas.DevisedTitle)
}

// docTitleOf reads a title of the sources table.
func docTitleOf(title string) docTitle {
	text, devised := schemas.DevisedTitle(title)
	return docTitle{Text: text, Devised: devised}
}
