package release

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/apache/arrow/go/v15/arrow/memory"

	"github.com/cubaexports/cubaexports/datasets"
)

// draft is a release being built: its input, its tables with their CSV
// bytes, its version, and the files written so far.
type draft struct {
	in      Input
	tables  []datasets.Table
	csv     [][]byte // the CSV bytes of tables[i]
	version string
	mem     memory.Allocator
	dir     string    // the temporary directory being written
	files   []fileSum // files written so far, in order
	// changelog is CHANGELOG.md, rendered by plan before the commit.
	changelog []byte
}

// fileSum is a written file: its path relative to the version directory
// (slash-separated), its size and its hex SHA-256.
type fileSum struct {
	Path   string
	Bytes  int64
	SHA256 string
}

// newDraft sorts a copy of the rows and renders every table's CSV.
func newDraft(in Input, mem memory.Allocator) (*draft, error) {
	rows := sortedCopy(in.Rows)
	d := &draft{in: in, tables: rows.Tables(), mem: mem}
	for _, t := range d.tables {
		var b bytes.Buffer
		if err := t.WriteCSV(&b); err != nil {
			return nil, fmt.Errorf("release: table %s: %w", t.Schema().Name, err)
		}
		d.csv = append(d.csv, b.Bytes())
	}
	return d, nil
}

// fingerprint is the hex SHA-256 over, for each table in release order,
// its name, a NUL, its CSV bytes and a NUL.
func (d *draft) fingerprint() string {
	h := sha256.New()
	for i, t := range d.tables {
		h.Write([]byte(t.Schema().Name))
		h.Write([]byte{0})
		h.Write(d.csv[i])
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
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
	return renameNew(d.dir, final)
}
