package curated

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cubaexports/cubaexports/sources/xlsxtable"
)

// A formula cell is an error naming its sheet, row and cell; its cached
// value was taken silently before (issue 22, item 4).
func TestWorkbookFormulaCell(t *testing.T) {
	row := []any{2022, "2022", "2022", "flow", "health_services_exports", "WLD", 1000, nil, nil, "exact", "USD", "official_statistic", "reported", "", "SYNTHETIC", "synthetic_a", "p. 1"}
	f, err := excelize.OpenReader(bytes.NewReader(workbook(t, [][]any{row})))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellFormula("revenue", "G2", "=500*2"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	_, err = extract(t, "curated.xlsx", buf.Bytes())
	if !errors.Is(err, ErrFormula) || !strings.Contains(err.Error(), `curated.xlsx: sheet "revenue" row 2: cell G2`) {
		t.Fatalf("got %v, want ErrFormula naming sheet revenue row 2 cell G2", err)
	}
}

// rezip rewrites a workbook with extra bytes of white space at the end
// of the named part (valid XML, as the probe's 1 GiB of whitespace was).
func rezip(t *testing.T, book []byte, part string, pad int) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(w, rc); err != nil {
			t.Fatal(err)
		}
		rc.Close()
		if f.Name == part {
			if _, err := w.Write(bytes.Repeat([]byte(" "), pad)); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// A curated workbook is held under the unzip limits of yearbook
// workbooks: one that unzips past the limit is refused with
// xlsxtable.ErrTooLarge (1 GiB of whitespace in 1.1 MB used 2.2 GB and
// was released), and so is one larger than the document limit.
func TestWorkbookLimits(t *testing.T) {
	row := []any{2022, "2022", "2022", "flow", "health_services_exports", "WLD", 1000, nil, nil, "exact", "USD", "official_statistic", "reported", "", "SYNTHETIC", "synthetic_a", "p. 1"}
	book := workbook(t, [][]any{row})
	bomb := rezip(t, book, "xl/worksheets/sheet3.xml", 8<<20)
	if len(bomb) > 1<<20 {
		t.Fatalf("the padded workbook is %d bytes, not small", len(bomb))
	}
	small := workbookLimits{doc: 1 << 20, unzip: 4 << 20, xml: 1 << 20}
	for _, tc := range []struct {
		name string
		body []byte
		lim  workbookLimits
		want string
	}{
		{"unzips past the limit", bomb, small, "unzip size"},
		{"larger than the document limit", book, workbookLimits{doc: 1024, unzip: 4 << 20, xml: 1 << 20}, "larger than 1024 bytes"},
	} {
		_, err := readWorkbookLimited(context.Background(), "curated.xlsx", bytes.NewReader(tc.body), tc.lim)
		if !errors.Is(err, xlsxtable.ErrTooLarge) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want ErrTooLarge with %q", tc.name, err, tc.want)
		}
	}
	if _, err := readWorkbookLimited(context.Background(), "curated.xlsx", bytes.NewReader(book), small); err != nil {
		t.Errorf("a small workbook under the limits: %v", err)
	}
}
