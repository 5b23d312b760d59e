package curated

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/sources/xlsxtable"
)

// ErrNotWorkbook is wrapped by the error for a document that is not a
// readable .xlsx workbook.
var ErrNotWorkbook = errors.New("not a readable .xlsx workbook")

// readWorkbook reads every sheet of a workbook named for a table, with
// excelize's streaming row iterator and raw cell values (so a number's
// display format cannot change it). Sheets whose names start with "_" or
// that are called README are notes for people and are skipped. The
// workbook is held under the limits of yearbook workbooks
// (xlsxtable.MaxDocumentBytes compressed, UnzipSizeLimit unzipped, parts
// past UnzipXMLSizeLimit unzipped to a temporary file, not memory), and
// a cell holding a formula is an error naming it.
func readWorkbook(ctx context.Context, file string, body io.Reader) (datasets.Rows, error) {
	return readWorkbookLimited(ctx, file, body, workbookLimits{xlsxtable.MaxDocumentBytes, xlsxtable.UnzipSizeLimit, xlsxtable.UnzipXMLSizeLimit})
}

// workbookLimits are the size limits a workbook is read under: the
// document, everything unzipped, and the part size above which excelize
// unzips to a temporary file.
type workbookLimits struct{ doc, unzip, xml int64 }

func readWorkbookLimited(ctx context.Context, file string, body io.Reader, lim workbookLimits) (datasets.Rows, error) {
	tmp, err := os.CreateTemp("", "curated-*.xlsx")
	if err != nil {
		return datasets.Rows{}, err
	}
	defer func() { tmp.Close(); os.Remove(tmp.Name()) }()
	n, err := io.Copy(tmp, io.LimitReader(body, lim.doc+1))
	if err != nil {
		return datasets.Rows{}, fmt.Errorf("%s: %w", file, err)
	}
	if n > lim.doc {
		return datasets.Rows{}, fmt.Errorf("%s: %w: larger than %d bytes", file, xlsxtable.ErrTooLarge, lim.doc)
	}
	zr, err := zip.NewReader(tmp, n)
	if err != nil {
		return datasets.Rows{}, fmt.Errorf("%s: %w: %w", file, ErrNotWorkbook, err)
	}
	formulas, err := formulaCells(zr)
	if err != nil {
		return datasets.Rows{}, fmt.Errorf("%s: %w", file, err)
	}
	f, err := excelize.OpenFile(tmp.Name(), excelize.Options{UnzipSizeLimit: lim.unzip,
		UnzipXMLSizeLimit: lim.xml, RawCellValue: true})
	if err != nil {
		if f != nil {
			_ = f.Close()
		}
		if strings.Contains(err.Error(), "unzip size") {
			return datasets.Rows{}, fmt.Errorf("%s: %w: %w", file, xlsxtable.ErrTooLarge, err)
		}
		return datasets.Rows{}, fmt.Errorf("%s: %w: %w", file, ErrNotWorkbook, err)
	}
	defer f.Close()
	var out datasets.Rows
	for _, name := range f.GetSheetList() {
		if strings.HasPrefix(name, "_") || strings.EqualFold(name, "README") {
			continue
		}
		if cells := formulas[name]; len(cells) > 0 {
			return datasets.Rows{}, formulaError(file, name, cells)
		}
		rows, err := readSheet(ctx, f, file, name)
		if err != nil {
			return datasets.Rows{}, err
		}
		out.Append(rows)
	}
	return out, nil
}

func readSheet(ctx context.Context, f *excelize.File, file, name string) (datasets.Rows, error) {
	tr, err := newTableReader(file, name, name)
	if err != nil {
		return datasets.Rows{}, err
	}
	defer tr.close()
	rows, err := f.Rows(name)
	if err != nil {
		return datasets.Rows{}, fmt.Errorf("%s: sheet %q: %w", file, name, err)
	}
	defer rows.Close()
	for n := 1; rows.Next(); n++ {
		if err := ctx.Err(); err != nil {
			return datasets.Rows{}, err
		}
		rec, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return datasets.Rows{}, fmt.Errorf("%s: sheet %q row %d: %w", file, name, n, err)
		}
		if err := tr.add(rec, n); err != nil {
			return datasets.Rows{}, err
		}
	}
	if err := rows.Error(); err != nil {
		return datasets.Rows{}, fmt.Errorf("%s: sheet %q: %w", file, name, err)
	}
	return tr.rows()
}
