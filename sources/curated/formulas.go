package curated

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources/xlsxtable"
)

// ErrFormula is wrapped by the error for a cell that holds a formula: a
// curated figure is typed in, and a formula's cached value (or nothing,
// when it was never computed) would be taken silently.
var ErrFormula = errors.New("the cell holds a formula: type the value itself")

// maxSmallPart bounds the workbook parts decoded whole (the list of
// sheets and its relationships).
const maxSmallPart = 16 << 20

// formulaCells lists, per sheet name, the cells of the workbook in zr
// that hold a formula, reading each worksheet's XML as a stream (each
// part bounded by the unzip limit of yearbook workbooks).
func formulaCells(zr *zip.Reader) (map[string][]string, error) {
	parts, err := sheetParts(zr)
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for name, part := range parts {
		cells, err := partFormulas(zr, part)
		if err != nil {
			return nil, fmt.Errorf("sheet %q: %w", name, err)
		}
		if len(cells) > 0 {
			out[name] = cells
		}
	}
	return out, nil
}

// sheetParts maps each sheet's name to its zip entry, from xl/workbook.xml
// and its relationships.
func sheetParts(zr *zip.Reader) (map[string]string, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := decodeSmall(zr, "xl/workbook.xml", &wb); err != nil {
		return nil, err
	}
	if err := decodeSmall(zr, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return nil, err
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		targets[r.ID] = t
	}
	out := map[string]string{}
	for _, s := range wb.Sheets {
		if t, ok := targets[s.ID]; ok {
			out[s.Name] = t
		}
	}
	return out, nil
}

func openPart(zr *zip.Reader, name string) (io.ReadCloser, int64, error) {
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			return rc, int64(f.UncompressedSize64), err
		}
	}
	return nil, 0, fmt.Errorf("%w: no part %s", ErrNotWorkbook, name)
}

func decodeSmall(zr *zip.Reader, name string, v any) error {
	rc, _, err := openPart(zr, name)
	if err != nil {
		return err
	}
	defer rc.Close()
	if err := xml.NewDecoder(io.LimitReader(rc, maxSmallPart)).Decode(v); err != nil {
		return fmt.Errorf("%w: %s: %w", ErrNotWorkbook, name, err)
	}
	return nil
}

// partFormulas returns the references of the cells of one worksheet that
// hold a formula (<c r="B3"><f>...</f>), shared formulas included.
func partFormulas(zr *zip.Reader, name string) ([]string, error) {
	rc, _, err := openPart(zr, name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	d := xml.NewDecoder(io.LimitReader(rc, xlsxtable.UnzipSizeLimit))
	var cells []string
	cell := ""
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return cells, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %w", ErrNotWorkbook, name, err)
		}
		se, ok := tok.(xml.StartElement)
		switch {
		case !ok:
		case se.Name.Local == "c":
			cell = ""
			for _, a := range se.Attr {
				if a.Name.Local == "r" {
					cell = a.Value
				}
			}
		case se.Name.Local == "f":
			cells = append(cells, cell)
		}
	}
}

// formulaError is the error for a sheet's formula cells, naming each
// (at most ten) by sheet, row and cell.
func formulaError(file, sheet string, cells []string) error {
	var errs []error
	for i, c := range cells {
		if i == 10 {
			errs = append(errs, fmt.Errorf("%s: sheet %q: %d more formula cells", file, sheet, len(cells)-10))
			break
		}
		_, row, _ := excelize.CellNameToCoordinates(c)
		errs = append(errs, &datasets.LocatedError{At: schemas.Origin{File: file, Sheet: sheet, Row: row},
			Err: fmt.Errorf("cell %s: %w", c, ErrFormula)})
	}
	return errors.Join(errs...)
}
