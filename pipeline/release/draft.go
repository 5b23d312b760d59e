package release

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/apache/arrow/go/v15/arrow/memory"

	"github.com/cubaexports/cubaexports/datasets"
)

// draft is a release being built: its input, its tables (sorted), its
// version, and the files written so far. A table's CSV text is never held
// whole: it is rendered as it is hashed, diffed or written.
type draft struct {
	in      Input
	tables  []datasets.Table
	version string
	mem     memory.Allocator
	dir     string    // the temporary directory being written
	files   []fileSum // files written so far, in order
	// changelog is CHANGELOG.md, rendered by plan before the commit.
	changelog []byte
	// doi is the version's reserved DOI (see reserveDOI); zero without.
	doi DOI
}

// fileSum is a written file: its path relative to the version directory
// (slash-separated), its size and its hex SHA-256.
type fileSum struct {
	Path   string
	Bytes  int64
	SHA256 string
}

// newDraft holds the rows in canonical order (sorting a copy if need be).
func newDraft(in Input, mem memory.Allocator) (*draft, error) {
	rows := sortedCopy(in.Rows)
	return &draft{in: in, tables: rows.Tables(), mem: mem}, nil
}

// writeCSV renders table i's CSV file to w.
func (d *draft) writeCSV(w io.Writer, i int) error {
	if err := d.tables[i].WriteCSV(w); err != nil {
		return fmt.Errorf("release: table %s: %w", d.tables[i].Schema().Name, err)
	}
	return nil
}

// fingerprint is the hex SHA-256 over, for each table in release order,
// its name, a NUL, its CSV bytes and a NUL.
func (d *draft) fingerprint() (string, error) {
	h := sha256.New()
	bw := bufio.NewWriterSize(h, 64<<10)
	for i, t := range d.tables {
		bw.WriteString(t.Schema().Name)
		bw.WriteByte(0)
		if err := d.writeCSV(bw, i); err != nil {
			return "", err
		}
		bw.WriteByte(0)
	}
	if err := bw.Flush(); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// entry is the index entry of the draft's version.
func (d *draft) entry(fingerprint string) Entry {
	rows := make(map[string]int, len(d.tables))
	for _, t := range d.tables {
		rows[t.Schema().Name] = t.Len()
	}
	return Entry{Version: d.version, Date: day(d.in.Date), Fingerprint: fingerprint, Rows: rows}
}

// commit writes every file of the version into a temporary directory
// under root, verifies it and renames it to final. On error the
// temporary directory is removed.
func (d *draft) commit(ctx context.Context, root, final string) (err error) {
	if _, err := os.Lstat(final); !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("release: %s already exists; a published version is never overwritten", final)
	}
	if d.dir, err = os.MkdirTemp(root, tmpPrefix+d.version+"-"); err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(d.dir)
		}
	}()
	// MkdirTemp makes the directory private; a published version is for everyone to read.
	if err := os.Chmod(d.dir, 0o755); err != nil {
		return err
	}
	for _, step := range []func(context.Context) error{
		d.writeData, d.writeCodebook, d.writeCitation, d.writeChangelog, d.writeProvenance, d.writeWorkbook, d.writeDataPackage, d.writeSums,
	} {
		if err := step(ctx); err != nil {
			return fmt.Errorf("release %s: %w", d.version, err)
		}
	}
	if err := syncDir(filepath.Join(d.dir, "data")); err != nil {
		return err
	}
	if err := syncDir(d.dir); err != nil {
		return err
	}
	if err := verifyDir(ctx, d.dir, d.mem); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("release %s: the written release does not verify: %w", d.version, err)
	}
	step(stepWritten)
	return renameNew(d.dir, final)
}
