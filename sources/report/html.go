package report

import (
	"io"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// skipped are the elements whose text is not the document's main text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Nav: true, atom.Header: true, atom.Footer: true,
	atom.Aside: true, atom.Form: true, atom.Noscript: true, atom.Template: true, atom.Svg: true,
	atom.Iframe: true, atom.Head: true, atom.Button: true, atom.Select: true, atom.Object: true,
}

// tableParts hold rows or cells, not text.
var tableParts = map[atom.Atom]bool{atom.Table: true, atom.Tbody: true, atom.Thead: true, atom.Tfoot: true, atom.Tr: true}

// blocks are the elements that end a paragraph.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true,
	atom.H6: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Table: true, atom.Tr: true,
	atom.Blockquote: true, atom.Pre: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.Dd: true, atom.Dt: true, atom.Dl: true, atom.Figcaption: true, atom.Figure: true, atom.Caption: true,
	atom.Hr: true, atom.Address: true, atom.Body: true,
}

// HTMLText returns the main text of an HTML document: the text of its
// <main> element (or of its only <article>, or of the body), without
// scripts, styles, navigation, headers, footers, asides, forms and
// noscript blocks. Paragraph-like elements are separated by a blank line,
// <br> ends a line, a table row is one line with its cells separated by
// " | ". The result is not yet normalized.
func HTMLText(r io.Reader) (string, error) {
	root, err := html.Parse(r)
	if err != nil {
		return "", err
	}
	start := root
	if m := findAll(root, atom.Main); len(m) > 0 {
		start = m[0]
	} else if a := findAll(root, atom.Article); len(a) == 1 {
		start = a[0]
	}
	var b strings.Builder
	walk(&b, start)
	return b.String(), nil
}

func findAll(n *html.Node, a atom.Atom) []*html.Node {
	var out []*html.Node
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		if n.Type == html.ElementNode && skipped[n.DataAtom] {
			return
		}
		if n.Type == html.ElementNode && n.DataAtom == a {
			out = append(out, n)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(n)
	return out
}

func walk(b *strings.Builder, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		if p := n.Parent; p != nil && tableParts[p.DataAtom] && strings.TrimSpace(n.Data) == "" {
			return // the layout between rows and cells
		}
		b.WriteString(n.Data)
		return
	case html.ElementNode:
		if skipped[n.DataAtom] || hidden(n) {
			return
		}
		switch {
		case n.DataAtom == atom.Br:
			b.WriteString("\n")
			return
		case n.DataAtom == atom.Td || n.DataAtom == atom.Th:
			if prevCell(n) {
				b.WriteString(cellSep)
			}
		case n.DataAtom == atom.Tr:
			b.WriteString("\n")
		case blocks[n.DataAtom]:
			b.WriteString("\n\n")
		}
	case html.CommentNode, html.DoctypeNode:
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(b, c)
	}
	if n.Type == html.ElementNode && blocks[n.DataAtom] && n.DataAtom != atom.Tr {
		b.WriteString("\n\n")
	}
}

// prevCell reports whether a table cell follows another cell of its row,
// so a row reads "Qatar | Specialist | USD 5,200" on one line.
func prevCell(n *html.Node) bool {
	for p := n.PrevSibling; p != nil; p = p.PrevSibling {
		if p.Type == html.ElementNode && (p.DataAtom == atom.Td || p.DataAtom == atom.Th) {
			return true
		}
	}
	return false
}

// hidden reports elements marked hidden or aria-hidden.
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key == "hidden" || (a.Key == "aria-hidden" && a.Val == "true") {
			return true
		}
	}
	return false
}
