package report

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
)

// PDFium inflates a PDF's streams as it reads them, in its WebAssembly
// memory, with no bound of its own: a PDF of a few hundred KiB can hold a
// stream that inflates to gigabytes (a "zip bomb"), which used GBs and
// ended in "wasm error: unreachable". checkStreams inflates every
// FlateDecode stream once, in Go, into nothing, counting the bytes, and
// refuses the document before PDFium sees it when one stream or all of
// them together inflate past the Limits. The cost is one pass of
// inflation over the document (what PDFium would do anyway for the text).
// A stream under filters other than Flate is bounded by MaxPDFMemory
// alone.

// streamKeyword opens a stream's data in a PDF ("stream" and a line end).
var streamKeyword = []byte("stream")

// scanChunk is how much of the file checkStreams reads at a time.
const scanChunk = 1 << 20

// checkStreams reads the PDF in ra (size bytes) for streams whose data
// inflates as zlib, and fails with ErrTooLarge when one inflates past
// lim.MaxStreamBytes or all together past lim.MaxInflatedBytes.
func checkStreams(ctx context.Context, ra io.ReaderAt, size int64, lim Limits) error {
	var total int64
	buf := make([]byte, scanChunk+len(streamKeyword)+2)
	for off := int64(0); off < size; off += scanChunk {
		if err := ctx.Err(); err != nil {
			return err
		}
		n, err := ra.ReadAt(buf[:min(int64(len(buf)), size-off)], off)
		if err != nil && err != io.EOF {
			return err
		}
		chunk := buf[:n]
		for i := 0; ; {
			k := bytes.Index(chunk[i:], streamKeyword)
			if k < 0 || i+k >= scanChunk {
				break
			}
			at := i + k
			i = at + len(streamKeyword)
			data, ok := streamData(chunk, at)
			if !ok {
				continue
			}
			inflated, err := inflatedSize(ctx, ra, off+int64(data), size, lim.MaxStreamBytes)
			if err != nil {
				return err
			}
			if inflated > lim.MaxStreamBytes {
				return fmt.Errorf("%w: a stream at byte %d inflates past %d bytes (limit max_stream_bytes)", ErrTooLarge, off+int64(at), lim.MaxStreamBytes)
			}
			if total += inflated; total > lim.MaxInflatedBytes {
				return fmt.Errorf("%w: its streams inflate past %d bytes together (limit max_inflated_bytes)", ErrTooLarge, lim.MaxInflatedBytes)
			}
		}
	}
	return nil
}

// streamData returns where a stream's data starts when the keyword at at
// of chunk opens one (not "endstream", and followed by a line end).
func streamData(chunk []byte, at int) (int, bool) {
	if at >= 3 && string(chunk[at-3:at]) == "end" {
		return 0, false
	}
	j := at + len(streamKeyword)
	switch {
	case j+1 < len(chunk) && chunk[j] == '\r' && chunk[j+1] == '\n':
		return j + 2, true
	case j < len(chunk) && (chunk[j] == '\n' || chunk[j] == '\r'):
		return j + 1, true
	}
	return 0, false
}

// inflatedSize inflates the zlib data at off, up to max+1 bytes, and
// returns how many bytes it gave (0 when the bytes there are not zlib, or
// a stream under another filter). Damaged data counts up to the damage:
// PDFium would stop there too.
func inflatedSize(ctx context.Context, ra io.ReaderAt, off, size, max int64) (int64, error) {
	zr, err := zlib.NewReader(io.NewSectionReader(ra, off, size-off))
	if err != nil {
		return 0, nil
	}
	defer zr.Close()
	var n int64
	buf := make([]byte, 256<<10)
	for n <= max {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		k, err := io.ReadFull(zr, buf[:min(int64(len(buf)), max+1-n)])
		n += int64(k)
		if err != nil {
			return n, nil // the end, or damage: PDFium stops there too
		}
	}
	return n, nil
}

// readerAt reads an io.ReadSeeker at offsets (by seeking), for a reader
// that is not an io.ReaderAt; not safe for concurrent use.
type readerAt struct{ rs io.ReadSeeker }

func (r readerAt) ReadAt(p []byte, off int64) (int, error) {
	if _, err := r.rs.Seek(off, io.SeekStart); err != nil {
		return 0, err
	}
	n, err := io.ReadFull(r.rs, p)
	if errors.Is(err, io.ErrUnexpectedEOF) {
		err = io.EOF
	}
	return n, err
}

// asReaderAt returns rs as an io.ReaderAt.
func asReaderAt(rs io.ReadSeeker) io.ReaderAt {
	if ra, ok := rs.(io.ReaderAt); ok {
		return ra
	}
	return readerAt{rs}
}
