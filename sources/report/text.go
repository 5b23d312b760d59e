package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
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

// ErrFormat is wrapped by errors for documents that cannot be read as
// their format: a malformed or encrypted PDF, binary bytes where text or
// HTML was expected, a document whose name declares a format its bytes
// are not.
var ErrFormat = errors.New("unreadable document")

// ErrTooLarge is wrapped by errors for documents past one of the Limits:
// too much text, too many pages, a PDF stream inflating past its bound.
var ErrTooLarge = errors.New("document past a limit")

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

// DeclaredFormat is the format a document's name declares by its
// extension (".pdf", ".html", ".htm", ".txt"), or "" when it declares
// none.
func DeclaredFormat(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".pdf":
		return FormatPDF
	case ".html", ".htm", ".xhtml":
		return FormatHTML
	case ".txt", ".text":
		return FormatText
	}
	return ""
}

// sniff names the format of a document from its first bytes and checks
// it against the one its name declares: a document named .pdf must be a
// PDF, and HTML or text must not hold the bytes of a binary file (random
// bytes named .pdf, an image named .txt), which would otherwise be read
// as pages of junk.
func sniff(name string, head []byte) (string, error) {
	got := DetectFormat(head)
	if d := DeclaredFormat(name); d == FormatPDF && got != FormatPDF {
		return "", fmt.Errorf("%w: named as a PDF but it does not start with %%PDF-", ErrFormat)
	}
	if got != FormatPDF && binary(head) {
		return "", fmt.Errorf("%w: binary data, not text or HTML", ErrFormat)
	}
	return got, nil
}

// binary reports whether the first bytes of a document hold a byte no
// text file has (NUL and the other C0 controls but tab, line ends, form
// feed and escape), as the WHATWG sniffing algorithm decides.
func binary(head []byte) bool {
	for _, c := range head {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B {
			return true
		}
	}
	return false
}

// ReadPages calls fn with each page of the document in r, in order, its
// text normalized, within DefaultLimits. See ReadPagesLimited.
func ReadPages(ctx context.Context, name string, r io.Reader, fn func(Page) error) error {
	return ReadPagesLimited(ctx, name, r, DefaultLimits(), fn)
}

// ReadPagesLimited calls fn with each page of the document in r, in
// order, its text normalized. name is the document's name for errors, and
// its extension declares a format (DeclaredFormat) the bytes must match.
// A PDF is read page by page (r is spooled to a temporary file unless it
// is an io.ReadSeeker), so memory does not grow with the number of pages;
// HTML and text are read whole. A document past lim fails with
// ErrTooLarge. ctx is checked at every page and while text is
// normalized. An error of fn stops the reading and is returned as is.
func ReadPagesLimited(ctx context.Context, name string, r io.Reader, lim Limits, fn func(Page) error) error {
	br := newPeekReader(r)
	head, err := br.peek(sniffLen)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	format, err := sniff(name, head)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	switch format {
	case FormatPDF:
		rs, size, cleanup, err := seekable(br, r)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		defer cleanup()
		return pdfPages(ctx, name, rs, size, lim, fn)
	case FormatHTML:
		b, err := readAll(ctx, name, br, lim)
		if err != nil {
			return err
		}
		text, err := HTMLText(bytes.NewReader(b))
		if err != nil {
			return fmt.Errorf("%s: %w: %w", name, ErrFormat, err)
		}
		t, err := normalizeText(ctx, text)
		if err != nil {
			return err
		}
		return fn(Page{N: 1, Text: t})
	}
	b, err := readAll(ctx, name, br, lim)
	if err != nil {
		return err
	}
	return textPages(ctx, name, string(b), lim, fn)
}

// textPages calls fn with each page of plain text (split at form feeds),
// normalized, one at a time.
func textPages(ctx context.Context, name, s string, lim Limits, fn func(Page) error) error {
	for n, rest, more := 1, s, true; more; n++ {
		if n > lim.MaxPages {
			return fmt.Errorf("%s: %w: more than %d pages", name, ErrTooLarge, lim.MaxPages)
		}
		var p string
		p, rest, more = strings.Cut(rest, "\f")
		t, err := normalizeText(ctx, p)
		if err != nil {
			return err
		}
		if err := fn(Page{N: n, Text: t}); err != nil {
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

func readAll(ctx context.Context, name string, r io.Reader, lim Limits) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	b, err := io.ReadAll(io.LimitReader(r, lim.MaxTextBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if int64(len(b)) > lim.MaxTextBytes {
		return nil, fmt.Errorf("%s: %w: larger than %d bytes of text or HTML (limit max_text_bytes)", name, ErrTooLarge, lim.MaxTextBytes)
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
