package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Page is the normalized text of one page of a document. N counts from 1.
type Page struct {
	N    int
	Text string
}

// Document formats.
const (
	FormatPDF  = "pdf"
	FormatHTML = "html"
	FormatText = "text"
)

// maxTextSize bounds an HTML or text document, which is read whole.
const maxTextSize = 64 << 20

// ErrFormat is wrapped by errors for documents that cannot be read as
// their format: a malformed or encrypted PDF, HTML or text past the size
// limit.
var ErrFormat = errors.New("unreadable document")

// DetectFormat names a document's format from its first bytes: "%PDF-"
// is PDF, a leading "<" (after a byte-order mark and spaces) is HTML,
// anything else is text.
func DetectFormat(head []byte) string {
	h := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n")
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return FormatPDF
	case len(h) > 0 && h[0] == '<':
		return FormatHTML
	}
	return FormatText
}

// ReadPages calls fn with each page of the document in r, in order, its
// text normalized. name is the document's name for errors. A PDF is read
// page by page (r is spooled to a temporary file unless it is an
// io.ReadSeeker), so memory does not grow with the number of pages; HTML
// and text are read whole (at most 64 MiB). An error of fn stops the
// reading and is returned as is.
func ReadPages(ctx context.Context, name string, r io.Reader, fn func(Page) error) error {
	br := newPeekReader(r)
	head, err := br.peek(512)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	switch DetectFormat(head) {
	case FormatPDF:
		rs, size, cleanup, err := seekable(br, r)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		defer cleanup()
		return pdfPages(ctx, name, rs, size, fn)
	case FormatHTML:
		b, err := readAll(ctx, name, br)
		if err != nil {
			return err
		}
		text, err := HTMLText(bytes.NewReader(b))
		if err != nil {
			return fmt.Errorf("%s: %w: %w", name, ErrFormat, err)
		}
		return fn(Page{N: 1, Text: Normalize(text)})
	}
	b, err := readAll(ctx, name, br)
	if err != nil {
		return err
	}
	for i, t := range TextPages(string(b)) {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(Page{N: i + 1, Text: t}); err != nil {
			return err
		}
	}
	return nil
}

// TextPages splits plain text into pages at form feeds and normalizes
// each. Text without form feeds is one page.
func TextPages(s string) []string {
	parts := strings.Split(s, "\f")
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = Normalize(p)
	}
	return out
}

func readAll(ctx context.Context, name string, r io.Reader) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	b, err := io.ReadAll(io.LimitReader(r, maxTextSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(b) > maxTextSize {
		return nil, fmt.Errorf("%s: %w: larger than %d MiB", name, ErrFormat, maxTextSize>>20)
	}
	return b, nil
}

// peekReader lets ReadPages look at the first bytes and still read them.
type peekReader struct {
	r    io.Reader
	head []byte
	off  int
}

func newPeekReader(r io.Reader) *peekReader { return &peekReader{r: r} }

func (p *peekReader) peek(n int) ([]byte, error) {
	buf := make([]byte, n)
	k, err := io.ReadFull(p.r, buf)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return nil, err
	}
	p.head = buf[:k]
	return p.head, nil
}

func (p *peekReader) Read(b []byte) (int, error) {
	if p.off < len(p.head) {
		n := copy(b, p.head[p.off:])
		p.off += n
		return n, nil
	}
	return p.r.Read(b)
}

// seekable returns the whole document as an io.ReadSeeker with its size:
// the original reader rewound when it can seek, else a temporary file.
func seekable(br *peekReader, orig io.Reader) (io.ReadSeeker, int64, func(), error) {
	if rs, ok := orig.(io.ReadSeeker); ok {
		size, err := rs.Seek(0, io.SeekEnd)
		if err == nil {
			if _, err = rs.Seek(0, io.SeekStart); err == nil {
				return rs, size, func() {}, nil
			}
		}
	}
	f, err := os.CreateTemp("", "cubaexports-report-*.pdf")
	if err != nil {
		return nil, 0, nil, err
	}
	cleanup := func() { f.Close(); os.Remove(f.Name()) }
	size, err := io.Copy(f, br)
	if err == nil {
		_, err = f.Seek(0, io.SeekStart)
	}
	if err != nil {
		cleanup()
		return nil, 0, nil, err
	}
	return f, size, cleanup, nil
}
