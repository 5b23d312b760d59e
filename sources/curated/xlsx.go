package curated

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/cubaexports/cubaexports/datasets"
)

// readWorkbook reads every sheet of a workbook named for a table, with
// excelize's streaming row iterator and raw cell values (so a number's
// display format cannot change it). Sheets whose names start with "_" or
// that are called README are notes for people and are skipped.
func readWorkbook(ctx context.Context, file string, body io.Reader) (datasets.Rows, error) {
	f, err := excelize.OpenReader(body)
	if err != nil {
		return datasets.Rows{}, fmt.Errorf("%s: not a readable .xlsx workbook: %w", file, err)
	}
	defer f.Close()
	var out datasets.Rows
	for _, name := range f.GetSheetList() {
		if strings.HasPrefix(name, "_") || strings.EqualFold(name, "README") {
			continue
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
