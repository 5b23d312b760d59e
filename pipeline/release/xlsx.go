package release

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"reflect"
	"slices"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/pipeline/release/cite"
	"github.com/cubaexports/cubaexports/schemas"
)

// workbookName is the file name of a version's workbook.
func workbookName(version string) string { return "cubaexports-" + version + ".xlsx" }

// workbookMediatype is the media type of an .xlsx file.
const workbookMediatype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// writeWorkbook writes cubaexports-vX.Y.Z.xlsx: a README sheet (codebook,
// citation, license) and one sheet per table with typed cells.
func (d *draft) writeWorkbook(ctx context.Context) error {
	return d.write(ctx, workbookName(d.version), func(w io.Writer) error {
		return writeWorkbook(ctx, w, d.tables, d.citation(), d.in.TempDir)
	})
}

// writeWorkbook writes the workbook of tables to w. Every cell is written
// with the streaming writer; text is always a string cell, never a
// formula. The bytes depend only on the tables and the citation: the
// document properties carry the release date and the zip entries are
// rewritten in name order with the release date as their time. The
// streaming writer spills sheets larger than its chunk (16 MiB) to
// temporary files in tmpDir ("" : the system's), removed when done.
func writeWorkbook(ctx context.Context, w io.Writer, tables []datasets.Table, c cite.Citation, tmpDir string) error {
	f := excelize.NewFile(excelize.Options{TmpDir: tmpDir})
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "README"); err != nil {
		return err
	}
	st, err := newWorkbookStyles(f)
	if err != nil {
		return err
	}
	for _, t := range tables {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := writeTableSheet(f, t, st); err != nil {
			return fmt.Errorf("sheet %s: %w", t.Schema().Name, err)
		}
	}
	if err := writeReadmeSheet(f, tables, c, st); err != nil {
		return fmt.Errorf("sheet README: %w", err)
	}
	if err := setWorkbookProps(f, c); err != nil {
		return err
	}
	var raw bytes.Buffer
	if _, err := f.WriteTo(&raw); err != nil {
		return err
	}
	return normalizeZip(w, raw.Bytes(), c.Date)
}

// workbookStyles are the cell styles of the workbook.
type workbookStyles struct {
	header, datetime, wrap int
}

func newWorkbookStyles(f *excelize.File) (workbookStyles, error) {
	var s workbookStyles
	var err error
	if s.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}}); err != nil {
		return s, err
	}
	dt := "yyyy-mm-dd hh:mm:ss"
	if s.datetime, err = f.NewStyle(&excelize.Style{CustomNumFmt: &dt}); err != nil {
		return s, err
	}
	s.wrap, err = f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	return s, err
}

// setWorkbookProps fixes the document properties, so that two builds
// give the same bytes: created and modified are the release date.
func setWorkbookProps(f *excelize.File, c cite.Citation) error {
	when := c.Date.UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: c.Title + " " + c.Version, Subject: "Data set", Creator: c.Publisher, LastModifiedBy: c.Publisher,
		Created: when, Modified: when, Version: c.Version, Description: c.APA(), Language: "en",
	}); err != nil {
		return err
	}
	return f.SetAppProps(&excelize.AppProperties{Application: "cubaexports", AppVersion: "1.0"})
}

// cellValue is the typed cell of column col of a row: numbers as
// numbers, integers as integers, booleans, times as date-time cells, text
// as string cells; nil for a null.
func cellValue(col schemas.Column, v reflect.Value, st workbookStyles) any {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	switch col.Type {
	case schemas.Integer:
		return v.Int()
	case schemas.Number:
		return v.Float()
	case schemas.Boolean:
		return v.Bool()
	case schemas.Timestamp:
		return excelize.Cell{StyleID: st.datetime, Value: v.Interface().(time.Time).UTC()}
	}
	if v.String() == "" {
		return nil
	}
	return excelize.Cell{Value: v.String()} // a string value is always a string cell
}

// normalizeZip copies the zip archive raw to w with its entries sorted by
// name ([Content_Types].xml first) and dated at date, so its bytes do not
// depend on map order or the clock.
func normalizeZip(w io.Writer, raw []byte, date time.Time) error {
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return err
	}
	files := slices.Clone(zr.File)
	slices.SortFunc(files, func(a, b *zip.File) int {
		switch {
		case a.Name == b.Name:
			return 0
		case a.Name == "[Content_Types].xml":
			return -1
		case b.Name == "[Content_Types].xml":
			return 1
		case a.Name < b.Name:
			return -1
		}
		return 1
	})
	zw := zip.NewWriter(w)
	for _, zf := range files {
		out, err := zw.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: zip.Deflate, Modified: date.UTC()})
		if err != nil {
			return err
		}
		in, err := zf.Open()
		if err != nil {
			return err
		}
		_, err = io.Copy(out, in)
		in.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", zf.Name, err)
		}
	}
	return zw.Close()
}
