package release

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"

	"github.com/apache/arrow/go/v15/arrow"

	"github.com/cubaexports/cubaexports/datasets"

	"github.com/cubaexports/cubaexports/schemas"
)

// checkTables reads every table's Parquet file back into rows, writes
// them as CSV and compares the bytes with the table's CSV file. Both are
// streamed, a Parquet batch (at most one row group's rows) at a time, so
// a large table is never held whole.
func (v *verifier) checkTables(ctx context.Context) error {
	for _, t := range schemas.All() {
		if err := ctx.Err(); err != nil {
			return err
		}
		csvRel, pqRel := "data/"+t.Name+".csv", "data/"+t.Name+".parquet"
		f, err := os.Open(filepath.Join(v.dir, filepath.FromSlash(csvRel)))
		if err != nil {
			v.fail(csvRel, "table %s: %v", t.Name, err)
			continue
		}
		cmp := &lineCompare{want: bufio.NewReaderSize(f, 1<<16)}
		err = v.parquetAsCSV(ctx, filepath.Join(v.dir, filepath.FromSlash(pqRel)), t.Name, cmp)
		f.Close()
		var werr csvWriteError
		switch {
		case errors.As(err, &werr):
			v.fail(pqRel, "table %s: writing its rows as CSV: %v", t.Name, werr.err)
			continue
		case errors.Is(err, errDiffer):
		case err != nil:
			if ctx.Err() != nil {
				return ctx.Err()
			}
			v.fail(pqRel, "table %s: %v", t.Name, err)
			continue
		default:
			cmp.finish()
		}
		if cmp.line > 0 {
			v.fail(pqRel, "table %s: the Parquet rows differ from %s at line %d: Parquet has %q, CSV has %q",
				t.Name, csvRel, cmp.line, cmp.got, cmp.wanted)
		}
	}
	return nil
}

// parquetAsCSV writes the rows of the table's Parquet file at path to w
// as the table's CSV file, one batch at a time.
func (v *verifier) parquetAsCSV(ctx context.Context, path, name string, w io.Writer) error {
	batches := 0
	write := func(recs []arrow.Record) error {
		rows, err := datasets.FromRecords(name, recs)
		if err != nil {
			return err
		}
		out := w
		if batches++; batches > 1 {
			out = &skipLine{w: w} // the header is written once
		}
		if err := rows.WriteCSV(out); err != nil {
			if errors.Is(err, errDiffer) {
				return err
			}
			return csvWriteError{err}
		}
		return nil
	}
	err := eachParquetBatch(ctx, path, name, v.mem, func(rec arrow.Record) error { return write([]arrow.Record{rec}) })
	if err == nil && batches == 0 { // no rows: the header alone
		err = write(nil)
	}
	return err
}

// csvWriteError is an error of the CSV writer, not of the Parquet file.
type csvWriteError struct{ err error }

func (e csvWriteError) Error() string { return e.err.Error() }

// errDiffer stops the comparison at the first line that differs.
var errDiffer = errors.New("the bytes differ")

// lineCompare compares the bytes written to it with want, line by line
// (a line ends after its "\n"). It records the first line that differs
// (1-based) with that line of each side ("" past the end), and then
// refuses more bytes with errDiffer.
type lineCompare struct {
	want        *bufio.Reader
	partial     []byte // the written line not yet ended
	n           int    // lines compared
	line        int    // the first line that differs, 0 while none
	got, wanted string
}

func (c *lineCompare) Write(p []byte) (int, error) {
	if c.line > 0 {
		return 0, errDiffer
	}
	written := len(p)
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			c.partial = append(c.partial, p...)
			break
		}
		c.partial = append(c.partial, p[:i+1]...)
		p = p[i+1:]
		if !c.compare(string(c.partial)) {
			return written, errDiffer
		}
		c.partial = c.partial[:0]
	}
	return written, nil
}

// compare compares the next line of want with got; false when they differ.
func (c *lineCompare) compare(got string) bool {
	c.n++
	want, _ := c.want.ReadString('\n')
	if got != want {
		c.line, c.got, c.wanted = c.n, got, want
		return false
	}
	return true
}

// finish compares what is left after the last write: the last line if it
// did not end, and anything more in want.
func (c *lineCompare) finish() {
	if c.line > 0 {
		return
	}
	if len(c.partial) > 0 && !c.compare(string(c.partial)) {
		return
	}
	if rest, _ := c.want.ReadString('\n'); rest != "" {
		c.n++
		c.line, c.got, c.wanted = c.n, "", rest
	}
}

// skipLine passes on what is written to it after its first line.
type skipLine struct {
	w       io.Writer
	skipped bool
}

func (s *skipLine) Write(p []byte) (int, error) {
	n := len(p)
	if !s.skipped {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			return n, nil
		}
		s.skipped, p = true, p[i+1:]
	}
	if _, err := s.w.Write(p); err != nil {
		return 0, err
	}
	return n, nil
}

// checkDataPackage checks that datapackage.json describes every data file
// and that each resource's bytes and hash match its file.
func (v *verifier) checkDataPackage(ctx context.Context) error {
	const name = "datapackage.json"
	b, err := os.ReadFile(filepath.Join(v.dir, name))
	if err != nil {
		v.fail(name, "%v", err)
		return nil
	}
	var p struct {
		Resources []resource `json:"resources"`
	}
	if err := json.Unmarshal(b, &p); err != nil {
		v.fail(name, "%v", err)
		return nil
	}
	described := map[string]bool{}
	for _, r := range p.Resources {
		if err := ctx.Err(); err != nil {
			return err
		}
		described[r.Path] = true
		v.checkResource(name, r)
	}
	for _, t := range schemas.All() {
		for _, rel := range []string{"data/" + t.Name + ".csv", "data/" + t.Name + ".parquet"} {
			if !described[rel] {
				v.fail(name, "no resource for %s", rel)
			}
		}
	}
	return nil
}

func (v *verifier) checkResource(name string, r resource) {
	if r.Path == "" || !filepath.IsLocal(filepath.FromSlash(r.Path)) {
		v.fail(name, "resource %q: path %q is not inside the release", r.Name, r.Path)
		return
	}
	s, err := v.hash(r.Path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		v.fail(name, "resource %q: %s is missing", r.Name, r.Path)
	case err != nil:
		v.fail(name, "resource %q: %v", r.Name, err)
	case r.Bytes != s.Bytes:
		v.fail(name, "resource %q: bytes %d, %s has %d", r.Name, r.Bytes, r.Path, s.Bytes)
	case r.Hash != "sha256:"+s.SHA256:
		v.fail(name, "resource %q: hash %s, %s has sha256:%s", r.Name, r.Hash, r.Path, s.SHA256)
	}
}
