package schemas

import "strings"

// DevisedTitle reads a title of the sources table: a title written whole
// in square brackets ("[Article on ...]") is a description devised by the
// curators because the document's own title is not recorded, the
// bibliographic convention for a supplied title (AACR2 1.1B7: a brief
// descriptive title in square brackets when the item shows none; ISBD
// brackets whatever is not taken from the item itself). It returns that
// description without its brackets and true; any other title, returned
// unchanged with false, is the document's own. A title with brackets only
// in part ("Informe [borrador]", "[a] and [b]") is the document's own: the
// brackets must enclose the whole and nothing else, and the description
// must not be empty.
func DevisedTitle(title string) (description string, devised bool) {
	inner, ok := strings.CutPrefix(title, "[")
	if !ok {
		return title, false
	}
	inner, ok = strings.CutSuffix(inner, "]")
	if !ok || strings.TrimSpace(inner) == "" || strings.ContainsAny(inner, "[]") {
		return title, false
	}
	return inner, true
}
