package xlsxtable

import (
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strings"
)

// The package parts excelize keeps to itself: which zip entry holds a
// sheet. Only the small workbook and relationship parts are decoded here.

type xmlRels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

type xmlWorkbook struct {
	Sheets []struct {
		Name string `xml:"name,attr"`
		RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
	} `xml:"sheets>sheet"`
}

// maxPartXML bounds the small parts decoded whole (workbook, relationships).
const maxPartXML = 8 << 20

func (w *workbook) decodePart(name string, v any) error {
	for _, zf := range w.zr.File {
		if strings.EqualFold(strings.TrimPrefix(zf.Name, "/"), name) {
			rc, err := zf.Open()
			if err != nil {
				return fmt.Errorf("part %s: %w", name, err)
			}
			defer rc.Close()
			return xml.NewDecoder(io.LimitReader(rc, maxPartXML)).Decode(v)
		}
	}
	return fmt.Errorf("part %s is missing", name)
}

// sheetPart is the zip entry name of a sheet's XML.
func (w *workbook) sheetPart(sheet string) (string, error) {
	return w.sheetPartOf(sheet, 0)
}

// sheetPartOf is the zip entry name of the XML of the sheet named sheet,
// or, when index is above 0, of the index-th sheet (1-based, in the
// workbook's order, the order of excelize's GetSheetList).
func (w *workbook) sheetPartOf(sheet string, index int) (string, error) {
	wbPath := "xl/workbook.xml"
	var root xmlRels
	if err := w.decodePart("_rels/.rels", &root); err == nil {
		for _, r := range root.Rels {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				wbPath = strings.TrimPrefix(r.Target, "/")
			}
		}
	}
	var wb xmlWorkbook
	if err := w.decodePart(wbPath, &wb); err != nil {
		return "", err
	}
	var rels xmlRels
	relsPath := path.Join(path.Dir(wbPath), "_rels", path.Base(wbPath)+".rels")
	if err := w.decodePart(relsPath, &rels); err != nil {
		return "", err
	}
	for i, s := range wb.Sheets {
		if index > 0 && i+1 != index || index <= 0 && s.Name != sheet {
			continue
		}
		for _, r := range rels.Rels {
			if r.ID == s.RID {
				if strings.HasPrefix(r.Target, "/") {
					return strings.TrimPrefix(r.Target, "/"), nil
				}
				return path.Join(path.Dir(wbPath), r.Target), nil
			}
		}
	}
	return "", fmt.Errorf("%w: no part for sheet %q", ErrNoSheet, sheet)
}

// openPart opens a zip entry by name, bounded by the unzip limit.
func (w *workbook) openPart(name string) (io.ReadCloser, error) {
	for _, zf := range w.zr.File {
		if strings.EqualFold(strings.TrimPrefix(zf.Name, "/"), name) {
			rc, err := zf.Open()
			if err != nil {
				return nil, fmt.Errorf("part %s: %w", name, err)
			}
			return struct {
				io.Reader
				io.Closer
			}{io.LimitReader(rc, w.unzip), rc}, nil
		}
	}
	return nil, fmt.Errorf("part %s is missing", name)
}

// partSize is the unzipped size a zip entry declares (0 if missing).
func (w *workbook) partSize(name string) int64 {
	for _, zf := range w.zr.File {
		if strings.EqualFold(strings.TrimPrefix(zf.Name, "/"), name) {
			return int64(min(zf.UncompressedSize64, 1<<62))
		}
	}
	return 0
}
