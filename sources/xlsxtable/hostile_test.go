package xlsxtable

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/sources"
	"github.com/cubaexports/cubaexports/sources/snapshot"
	"github.com/cubaexports/cubaexports/sources/xlsxtable/benchbook"
)

// rezip copies a workbook, replacing the named parts (stored uncompressed
// when store is set).
func rezip(t testing.TB, book []byte, store bool, parts map[string]func(io.Writer)) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		write, replaced := parts[f.Name]
		method := zip.Deflate
		if replaced && store {
			method = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		if replaced {
			write(w)
			continue
		}
		rc, _ := f.Open()
		_, _ = io.Copy(w, rc)
		rc.Close()
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func encrypted(t *testing.T) []byte {
	f, err := excelize.OpenReader(bytes.NewReader(readFixture(t, "synthetic_workers.xlsx")))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf, excelize.Options{Password: "SYNTHETIC"}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Hostile and broken documents give a located error that says what is
// wrong, within small limits.
func TestHostileDocuments(t *testing.T) {
	good := readFixture(t, "synthetic_workers.xlsx")
	bomb := rezip(t, good, false, map[string]func(io.Writer){"xl/worksheets/sheet1.xml": func(w io.Writer) {
		io.WriteString(w, `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
		io.Copy(w, io.LimitReader(zeros{}, 64<<20)) // 64 MB of spaces, a few kB compressed
		io.WriteString(w, `</sheetData></worksheet>`)
	}})
	small := limits{doc: 1 << 20, unzip: 16 << 20, xml: 1 << 20}
	for _, tc := range []struct {
		name string
		lim  limits
		body []byte
		is   error
		msg  string
	}{
		{"zip bomb", small, bomb, ErrTooLarge, "exceeds the size limits"},
		{"too large", small, bytes.Repeat([]byte("PK"), 1<<20), ErrTooLarge, "larger than 1048576 bytes"},
		{"truncated", limits{}, good[:len(good)/2], ErrNotXLSX, "truncated or corrupt zip archive"},
		{"not a zip", limits{}, []byte("<html><body>error page</body></html>"), ErrNotXLSX, `not a zip archive (starts with "<html><body>erro")`},
		{"empty", limits{}, nil, ErrNotXLSX, "the document is empty"},
		{"encrypted", limits{}, encrypted(t), ErrEncrypted, "encrypted (password-protected)"},
		{"legacy xls", limits{}, append([]byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}, make([]byte, 512)...), ErrLegacyXLS,
			"legacy .xls (BIFF) workbook: only .xlsx can be read; convert it with `libreoffice --headless --convert-to xlsx book.xlsx`"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := mustOpen(t, catalogSource(t, "synthetic_workers"))
			b.limits = tc.lim
			_, err := b.Extract(context.Background(),
				snapshot.Snapshot{Name: "book.xlsx"}, bytes.NewReader(tc.body))
			var le *datasets.LocatedError
			if !errors.Is(err, tc.is) || !errors.As(err, &le) || le.At.File != "book.xlsx" {
				t.Fatalf("got %v, want a located %v", err, tc.is)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("%q lacks %q", err, tc.msg)
			}
		})
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}

// A formula whose value was never computed is an error naming the cell.
func TestFormulaWithoutCachedValue(t *testing.T) {
	fx := workers()
	delete(fx.cells, "C4")
	fx.formulas = map[string]string{"C4": "B4*2"}
	_, err := extract(t, catalogSource(t, "synthetic_workers"), "w.xlsx", fx.build(t))
	var le *datasets.LocatedError
	if !errors.Is(err, ErrNoCache) || !errors.As(err, &le) || le.At.Row != 4 || !strings.Contains(err.Error(), "cell C4") {
		t.Fatalf("got %v", err)
	}
}

// millionRows is a workbook whose sheet has a title, a units line, a
// CONCEPTO header and rows body rows, written as XML straight into the zip
// (excelize's StreamWriter takes seconds for a million rows).
func millionRows(t testing.TB, rows int) []byte {
	return rezip(t, readFixture(t, "synthetic_workers.xlsx"), true, map[string]func(io.Writer){"xl/worksheets/sheet1.xml": func(w io.Writer) {
		bw := bufio.NewWriterSize(w, 1<<16)
		bw.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
			`<row r="1"><c r="A1" t="inlineStr"><is><t>B.1 - Tabla SYNTHETIC</t></is></c></row>` +
			`<row r="2"><c r="A2" t="inlineStr"><is><t>Miles de pesos</t></is></c></row>` +
			`<row r="3"><c r="A3" t="inlineStr"><is><t>CONCEPTO</t></is></c><c r="B3"><v>2001</v></c></row>`)
		var b []byte
		for i := 4; i < rows+4; i++ {
			n := strconv.Itoa(i)
			b = append(b[:0], `<row r="`...)
			b = append(b, n...)
			b = append(b, `"><c t="inlineStr"><is><t>Partida `...)
			b = append(b, n...)
			b = append(b, `</t></is></c><c><v>`...)
			b = strconv.AppendInt(b, int64(i%1000), 10)
			b = append(b, `.5</v></c></row>`...)
			bw.Write(b)
		}
		bw.WriteString(`</sheetData></worksheet>`)
		bw.Flush()
	}})
}

// A workbook of a million rows fails fast on max_rows, in bounded memory.
func TestMillionRows(t *testing.T) {
	src, err := benchbook.Source(0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = extract(t, src, "million.xlsx", millionRows(t, 1_000_000))
	var le *datasets.LocatedError
	if !errors.Is(err, ErrLargeTable) || !errors.As(err, &le) || !strings.Contains(err.Error(), "more than 10000 rows after the header (row 10004)") {
		t.Fatalf("got %v", err)
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := mustOpen(t, catalogSource(t, "synthetic_workers")).Extract(ctx, snapshot.Snapshot{Name: "w.xlsx"},
		bytes.NewReader(readFixture(t, "synthetic_workers.xlsx")))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v", err)
	}
}

func TestRegistered(t *testing.T) {
	if e, ok := sources.Lookup(Kind); !ok || e == nil {
		t.Fatal("xlsxtable is not registered")
	}
}
