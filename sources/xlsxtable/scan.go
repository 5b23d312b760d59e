package xlsxtable

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// maxMerges bounds the merge list of a sheet (a yearbook table has a few).
const maxMerges = 100000

var (
	mergeWord = []byte("mergeCell")
	refAttr   = regexp.MustCompile(`\sref\s*=\s*["']([A-Za-z]{1,3}[0-9]{1,7}(?::[A-Za-z]{1,3}[0-9]{1,7})?)["']`)
)

// scanMerges reads a sheet's merge list (the <mergeCell ref="A4:B5"/>
// elements after its rows) by scanning the XML bytes as they are unzipped:
// excelize's GetMergeCells would load every row of the sheet into memory.
// Text content cannot hold '<', so only real elements match.
func scanMerges(r io.Reader) ([]string, error) {
	const chunk = 1 << 16
	var refs []string
	buf := make([]byte, 0, 2*chunk)
	tmp := make([]byte, chunk)
	for {
		n, rerr := r.Read(tmp)
		buf = append(buf, tmp[:n]...)
		i, keep := 0, -1
		for {
			j := bytes.Index(buf[i:], mergeWord)
			if j < 0 {
				break
			}
			j += i
			end := bytes.IndexByte(buf[j:], '>')
			if end < 0 {
				keep = max(i, j-64)
				break
			}
			if ref, ok := mergeRef(buf, j, buf[j:j+end+1]); ok {
				if refs = append(refs, ref); len(refs) > maxMerges {
					return nil, fmt.Errorf("more than %d merged ranges", maxMerges)
				}
			}
			i = j + end + 1
		}
		if keep < 0 {
			keep = max(i, len(buf)-64)
		}
		buf = append(buf[:0], buf[keep:]...)
		if rerr == io.EOF {
			return refs, nil
		}
		if rerr != nil {
			return nil, rerr
		}
	}
}

// mergeRef checks that "mergeCell" at buf[j] names an element (after '<'
// or '<prefix:', followed by a space) and returns its ref.
func mergeRef(buf []byte, j int, tag []byte) (string, bool) {
	if len(tag) <= len(mergeWord) || !isSpace(tag[len(mergeWord)]) || j == 0 {
		return "", false
	}
	k := j - 1
	if buf[k] == ':' {
		for k--; k >= 0 && isNameByte(buf[k]); k-- {
		}
	}
	if k < 0 || buf[k] != '<' {
		return "", false
	}
	m := refAttr.FindSubmatch(tag)
	if m == nil {
		return "", false
	}
	return string(m[1]), true
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isNameByte(c byte) bool {
	return c == '_' || c == '-' || c == '.' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// cellKind is what the streaming values do not say about a cell.
type cellKind struct {
	text    bool // a string cell (shared, inline or formula string)
	formula bool
	cached  bool // has a value element
}

// scanKinds reads, from a sheet's XML, the kinds of the wanted cells, up to
// row last; it is run only when some value's meaning depends on its kind
// (an empty cell may be a formula never computed; "1.234" in locale es).
func scanKinds(r io.Reader, wanted map[string]bool, last int) (map[string]cellKind, error) {
	out := map[string]cellKind{}
	dec := xml.NewDecoder(r)
	row, col := 0, 0
	var cur string
	var kind cellKind
	for len(out) < len(wanted) {
		tok, err := dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				row, col = rowNumber(t, row+1), 0
				if row > last {
					return out, nil
				}
			case "c":
				col++
				cur, kind = attr(t, "r"), cellKind{}
				if cur == "" {
					cur, _ = excelize.CoordinatesToCellName(col, row)
				} else if c, _, err := excelize.CellNameToCoordinates(cur); err == nil {
					col = c
				}
				typ := attr(t, "t")
				kind.text = typ == "s" || typ == "inlineStr" || typ == "str"
			case "f":
				kind.formula = true
			case "v", "is":
				kind.cached = true
			}
		case xml.EndElement:
			if t.Name.Local == "c" && wanted[cur] {
				out[cur] = kind
			}
		}
	}
	return out, nil
}

func rowNumber(t xml.StartElement, next int) int {
	if n, err := strconv.Atoi(attr(t, "r")); err == nil && n > 0 {
		return n
	}
	return next
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
