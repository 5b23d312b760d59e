package release

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// tmpPrefix starts the name of every temporary directory and file under
// OUT/releases; anything so named is left over from a crashed run.
const tmpPrefix = ".tmp-"

// write creates the file rel (slash-separated, relative to the draft's
// directory), fills it, fsyncs and closes it, and records its size and
// SHA-256. It returns ctx's error if ctx is done before it starts.
func (d *draft) write(ctx context.Context, rel string, fill func(w io.Writer) error) error {
	sum, err := d.create(ctx, rel, fill)
	if err != nil {
		return err
	}
	d.files = append(d.files, sum)
	return nil
}

// writeEach writes several files at once, one goroutine each (their
// fills only read the draft), and records them in the order given.
func (d *draft) writeEach(ctx context.Context, files ...namedFill) error {
	sums := make([]fileSum, len(files))
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Go(func() { sums[i], errs[i] = d.create(ctx, f.rel, f.fill) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	d.files = append(d.files, sums...)
	return nil
}

// namedFill is a file to write: its path and what fills it.
type namedFill struct {
	rel  string
	fill func(w io.Writer) error
}

// create writes one file as write does and returns its size and hash.
func (d *draft) create(ctx context.Context, rel string, fill func(w io.Writer) error) (fileSum, error) {
	if err := ctx.Err(); err != nil {
		return fileSum{}, err
	}
	path := filepath.Join(d.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fileSum{}, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fileSum{}, err
	}
	hw := &hashWriter{w: f, f: f, h: sha256.New()}
	bw := bufio.NewWriterSize(hw, 256<<10)
	err = fill(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fileSum{}, fmt.Errorf("%s: %w", rel, err)
	}
	return fileSum{Path: rel, Bytes: hw.n, SHA256: hex.EncodeToString(hw.h.Sum(nil))}, nil
}

// written returns the recorded size and hash of rel, if it was written.
func (d *draft) written(rel string) (fileSum, bool) {
	for _, f := range d.files {
		if f.Path == rel {
			return f, true
		}
	}
	return fileSum{}, false
}

// sum returns the recorded size and hash of a written file.
func (d *draft) sum(rel string) fileSum {
	for _, f := range d.files {
		if f.Path == rel {
			return f
		}
	}
	panic("release: " + rel + " was not written")
}

// hashWriter hashes and counts what it passes on. Every writebackBytes
// written to f it starts their writeback (writeback), so that the
// file's final fsync waits for little.
type hashWriter struct {
	w    io.Writer
	f    *os.File // the file w writes to; nil: none
	h    hash.Hash
	n    int64
	sent int64 // bytes whose writeback was started
}

// writebackBytes is how many bytes hashWriter lets gather before it
// starts writing them back.
const writebackBytes = 8 << 20

func (hw *hashWriter) Write(p []byte) (int, error) {
	n, err := hw.w.Write(p)
	hw.h.Write(p[:n])
	hw.n += int64(n)
	if hw.f != nil && hw.n-hw.sent >= writebackBytes {
		writeback(hw.f, hw.sent, hw.n-hw.sent)
		hw.sent = hw.n
	}
	return n, err
}

// syncDir fsyncs a directory, so the names in it are durable.
func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// renameNew renames the directory tmp to final, which must not exist,
// and fsyncs their parent.
func renameNew(tmp, final string) error {
	if _, err := os.Lstat(final); !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("release: %s already exists; a published version is never overwritten", final)
	}
	if err := os.Rename(tmp, final); err != nil {
		return err
	}
	return syncDir(filepath.Dir(final))
}

// writeAtomic replaces path with data: it writes a temporary file next to
// it, fsyncs it, renames it over path and fsyncs the directory.
func writeAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, tmpPrefix+filepath.Base(path)+"-")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.Remove(f.Name())
		}
	}()
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(0o644)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return err
	}
	return syncDir(dir)
}

// removeStale removes what crashed runs left under root: every entry whose
// name starts with tmpPrefix.
func removeStale(root string) error {
	ents, err := os.ReadDir(root)
	if err != nil {
		return err
	}
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), tmpPrefix) {
			if err := os.RemoveAll(filepath.Join(root, e.Name())); err != nil {
				return fmt.Errorf("release: removing a crashed run's %s: %w", e.Name(), err)
			}
		}
	}
	return nil
}

// day formats t as its UTC date.
func day(t time.Time) string { return t.UTC().Format(time.DateOnly) }

// rfc3339 formats t as RFC 3339 in UTC, to the second.
func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }
