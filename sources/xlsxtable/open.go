package xlsxtable

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Limits against hostile files. A yearbook table is a few kilobytes; the
// limits leave room for very large legitimate workbooks and stop zip bombs.
const (
	// MaxDocumentBytes is the largest workbook read (compressed).
	MaxDocumentBytes = 256 << 20
	// UnzipSizeLimit bounds the total uncompressed size of a workbook.
	UnzipSizeLimit = 2 << 30
	// UnzipXMLSizeLimit is the size above which excelize unzips a
	// worksheet or the shared strings to a temporary file instead of
	// memory.
	UnzipXMLSizeLimit = 4 << 20
)

// Errors of documents that are not readable workbooks, checked with
// errors.Is.
var (
	ErrNotXLSX    = errors.New("not a readable .xlsx workbook")
	ErrLegacyXLS  = errors.New("legacy .xls (BIFF) workbook: only .xlsx can be read")
	ErrEncrypted  = errors.New("the workbook is encrypted (password-protected): save an unencrypted .xlsx copy")
	ErrTooLarge   = errors.New("the workbook exceeds the size limits")
	ErrNoCache    = errors.New("formula has no cached value: open and save the workbook in a spreadsheet program so the value is computed")
	ErrNoSheet    = errors.New("sheet not found")
	ErrLargeTable = errors.New("table body has more rows than max_rows")
)

var (
	oleMagic       = []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}
	encryptionInfo = []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00")
)

// limits are the size limits a workbook is opened with; the zero value
// means the package's constants.
type limits struct {
	doc, unzip, xml int64
}

func (l limits) orDefault() limits {
	if l == (limits{}) {
		return limits{MaxDocumentBytes, UnzipSizeLimit, UnzipXMLSizeLimit}
	}
	return l
}

// workbook is an opened document: excelize's file and the raw zip, for the
// two small things excelize cannot stream (merges and cell kinds).
type workbook struct {
	name  string
	f     *excelize.File
	zr    *zip.Reader
	unzip int64    // bound on any part read from zr
	spill int64    // parts larger than this excelize reads from a temporary file
	tmp   *os.File // the document's bytes
	pre   *prefetch
}

// openWorkbook copies at most the document limit of body to a temporary
// file (so neither excelize nor this package holds the compressed bytes in
// memory) and opens it with explicit unzip limits, classifying what is not
// an .xlsx workbook. The merge list of want's sheet, if want is not nil,
// is read meanwhile.
func openWorkbook(name string, body io.Reader, lim limits, want *plan) (_ *workbook, err error) {
	lim = lim.orDefault()
	tmp, err := os.CreateTemp("", "xlsxtable-*.xlsx")
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	n, err := io.Copy(tmp, io.LimitReader(body, lim.doc+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if n > lim.doc {
		return nil, fmt.Errorf("%w: larger than %d bytes", ErrTooLarge, lim.doc)
	}
	if err := sniff(tmp, n); errors.Is(err, ErrLegacyXLS) {
		return nil, fmt.Errorf("%w; convert it with `libreoffice --headless --convert-to xlsx %s`", err, path.Base(name))
	} else if err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(tmp, n)
	if err != nil {
		return nil, fmt.Errorf("%w: truncated or corrupt zip archive: %w", ErrNotXLSX, err)
	}
	w := &workbook{name: name, zr: zr, unzip: lim.unzip, spill: lim.xml, tmp: tmp}
	if want != nil {
		// While excelize unzips the workbook, the merge list is scanned
		// on the other core.
		w.pre = w.prefetchMerges(want)
	}
	f, err := excelize.OpenFile(tmp.Name(), excelize.Options{
		UnzipSizeLimit: lim.unzip, UnzipXMLSizeLimit: lim.xml, RawCellValue: true})
	if err != nil {
		w.pre.stop()
		if f != nil {
			_ = f.Close()
		}
		if strings.Contains(err.Error(), "unzip size") {
			return nil, fmt.Errorf("%w: %w", ErrTooLarge, err)
		}
		return nil, fmt.Errorf("%w: %w", ErrNotXLSX, err)
	}
	w.f = f
	return w, nil
}

// sniff recognizes legacy, encrypted and non-zip documents by their bytes.
func sniff(r io.ReaderAt, size int64) error {
	head := make([]byte, min(size, 16))
	if _, err := r.ReadAt(head, 0); err != nil && err != io.EOF {
		return err
	}
	switch {
	case bytes.HasPrefix(head, oleMagic):
		if contains(io.NewSectionReader(r, 0, size), encryptionInfo) { // a compound file: an encrypted package?
			return ErrEncrypted
		}
		return ErrLegacyXLS
	case size == 0:
		return fmt.Errorf("%w: the document is empty", ErrNotXLSX)
	case !bytes.HasPrefix(head, []byte("PK")):
		return fmt.Errorf("%w: not a zip archive (starts with %q)", ErrNotXLSX, head)
	}
	return nil
}

// Close removes the temporary files excelize made and the document's copy.
func (w *workbook) Close() error {
	w.pre.stop()
	err := w.f.Close()
	w.tmp.Close()
	if rerr := os.Remove(w.tmp.Name()); err == nil {
		err = rerr
	}
	return err
}

// sheetName resolves the layout's sheet (by name, or by 1-based index).
func (w *workbook) sheetName(p *plan) (string, error) {
	list := w.f.GetSheetList()
	if p.SheetIndex > 0 {
		if p.SheetIndex > len(list) {
			return "", fmt.Errorf("%w: sheet_index %d, the workbook has %d sheets %q", ErrNoSheet, p.SheetIndex, len(list), list)
		}
		return list[p.SheetIndex-1], nil
	}
	for _, s := range list {
		if s == p.Sheet {
			return s, nil
		}
	}
	return "", fmt.Errorf("%w: %q (the workbook has %q)", ErrNoSheet, p.Sheet, list)
}

// contains reports whether r holds sub, reading it in chunks.
func contains(r io.Reader, sub []byte) bool {
	buf := make([]byte, 0, 1<<20+len(sub))
	chunk := make([]byte, 1<<20)
	for {
		n, err := r.Read(chunk)
		buf = append(buf, chunk[:n]...)
		if bytes.Contains(buf, sub) {
			return true
		}
		if err != nil {
			return false
		}
		buf = append(buf[:0], buf[max(0, len(buf)-len(sub)):]...)
	}
}
