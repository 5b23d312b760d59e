package report

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// bombPDF writes a one-page PDF whose content stream inflates to
// inflated bytes of spaces: a few KiB on disk.
func bombPDF(t testing.TB, inflated int) []byte {
	t.Helper()
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for n := inflated; n > 0; n -= len(chunk) {
		if _, err := zw.Write(chunk[:min(n, len(chunk))]); err != nil {
			t.Fatal(err)
		}
	}
	zw.Close()
	var b bytes.Buffer
	var offs []int
	obj := func(body string) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offs), body)
	}
	b.WriteString("%PDF-1.4\n")
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>")
	obj(fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.Bytes()))
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return b.Bytes()
}

// A small PDF whose stream inflates to 100 MiB is refused before
// PDFium reads it, with an error naming the limit; one under the limits
// reads. (Before the limits, a 408 KB PDF inflating to 400 MB used 2.3 GB.)
func TestPDFStreamLimits(t *testing.T) {
	small := DefaultLimits()
	small.MaxStreamBytes, small.MaxInflatedBytes = 1<<20, 3<<20
	for _, tc := range []struct {
		name     string
		inflated int
		lim      Limits
		want     string // "" reads
	}{
		{"100 MiB under the default limits", 100 << 20, DefaultLimits(), "limit max_stream_bytes"},
		{"2 MiB over a 1 MiB stream limit", 2 << 20, small, "limit max_stream_bytes"},
		{"512 KiB under it", 512 << 10, small, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := bombPDF(t, tc.inflated)
			if len(body) > 1<<20 {
				t.Fatalf("the bomb is %d bytes, not small", len(body))
			}
			err := ReadPagesLimited(context.Background(), "bomb.pdf", bytes.NewReader(body), tc.lim, func(Page) error { return nil })
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("got %v, want the page read", err)
			case tc.want != "" && (!errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("got %v, want ErrTooLarge naming %q", err, tc.want)
			}
		})
	}
}

// Several streams each under the stream limit are refused together past
// the document's limit.
func TestPDFInflatedTotal(t *testing.T) {
	lim := DefaultLimits()
	lim.MaxStreamBytes, lim.MaxInflatedBytes = 1<<20, 2<<20
	one := bombPDF(t, 900<<10)
	body := append(append([]byte{}, one...), one...) // two copies of the stream
	body = append(body, one...)
	err := checkStreams(context.Background(), bytes.NewReader(body), int64(len(body)), lim)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "max_inflated_bytes") {
		t.Fatalf("got %v, want ErrTooLarge naming max_inflated_bytes", err)
	}
}

// Bytes that are not the declared format are an error, not pages of junk:
// random bytes named .pdf read as 97k rows of claims before.
func TestSniffRefuses(t *testing.T) {
	random := make([]byte, 64<<10)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(r.Uint32())
	}
	for _, tc := range []struct {
		name string
		body []byte
		want string // "" reads
	}{
		{"random.pdf", random, "named as a PDF"},
		{"random.bin", random, "binary data"},
		{"random.txt", random, "binary data"},
		{"page.html", append([]byte("<p>"), random...), "binary data"},
		{"notes.pdf", []byte("US$ 5 a month"), "named as a PDF"},
		{"notes.txt", []byte("US$ 5 a month\fpage two\tend\r\n"), ""},
		{"notes", []byte("\xEF\xBB\xBFUS$ 5 a month"), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := 0
			err := ReadPages(context.Background(), tc.name, bytes.NewReader(tc.body), func(Page) error { n++; return nil })
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("got %v, want pages", err)
			case tc.want != "" && (!errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("got %v (%d pages), want ErrFormat with %q", err, n, tc.want)
			}
		})
	}
}

// Text past MaxTextBytes or with more pages than MaxPages is refused.
func TestTextLimits(t *testing.T) {
	lim := DefaultLimits()
	lim.MaxTextBytes, lim.MaxPages = 1000, 3
	for _, tc := range []struct {
		name, body, want string
	}{
		{"large.txt", strings.Repeat("1234 ", 201), "max_text_bytes"},
		{"pages.txt", "a\fb\fc\fd", "more than 3 pages"},
	} {
		err := ReadPagesLimited(context.Background(), tc.name, strings.NewReader(tc.body), lim, func(Page) error { return nil })
		if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want ErrTooLarge with %q", tc.name, err, tc.want)
		}
	}
	if err := ReadPagesLimited(context.Background(), "ok.txt", strings.NewReader("a\fb\fc"), lim, func(Page) error { return nil }); err != nil {
		t.Errorf("3 pages: %v", err)
	}
}

// A paragraph of numbers without a sentence end gives a claim per number,
// each quoting a bounded window around its figure (before, each quoted
// the whole paragraph: 200 KB gave 8 GB of CSV), within the page.
func TestQuotesBounded(t *testing.T) {
	for _, tc := range []struct {
		name, unit string
	}{
		{"numbers", "1234 "},
		{"commas", "1234, "},
		{"money", "US$ 1,234 in Angola; "},
		{"table", "Qatar | 1234\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reps := 30_000 / len(tc.unit)
			text := Normalize(strings.Repeat(tc.unit, reps))
			chars := utf8.RuneCountInString(text)
			n := 0
			err := NewFinder().EachClaim(context.Background(), Page{N: 1, Text: text}, func(c Claim) error {
				n++
				if len(c.Quote) > MaxQuote+len("… ")+len(" …") {
					t.Fatalf("quote of %d bytes: %q", len(c.Quote), c.Quote)
				}
				if c.Start < 0 || c.End > chars || c.Start >= c.End {
					t.Fatalf("claim %d-%d outside the page", c.Start, c.End)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if n != reps {
				t.Errorf("%d claims, want one per number: %d", n, reps)
			}
		})
	}
}

// A short sentence is quoted whole; a long one by a window that holds
// the figure, cut at spaces and marked.
func TestQuoteWindow(t *testing.T) {
	long := strings.Repeat("word ", 200) + "US$ 5,000 a month " + strings.Repeat("more ", 200)
	for _, tc := range []struct {
		text, figure string
		whole        bool
	}{
		{"Doctors earn US$ 5,000 a month in Qatar.", "US$ 5,000", true},
		{long, "US$ 5,000", false},
	} {
		cs := NewFinder().FindClaims(Page{N: 1, Text: Normalize(tc.text)})
		if len(cs) != 1 {
			t.Fatalf("%d claims in %.40q", len(cs), tc.text)
		}
		q := cs[0].Quote
		if tc.whole && q != Normalize(tc.text) {
			t.Errorf("quote %q, want the sentence", q)
		}
		if !tc.whole && (!strings.HasPrefix(q, "… word") || !strings.HasSuffix(q, "more …") || !strings.Contains(q, tc.figure) || len(q) > MaxQuote+8) {
			t.Errorf("quote %q, want a marked window around %q", q, tc.figure)
		}
	}
}

// The finder stops at the sentence when ctx is done: a cancel from the
// first claim's callback ends the page with ctx's error, after at most a
// sentence's claims.
func TestEachClaimCancels(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	text := Normalize(strings.Repeat("1234 ", 200_000))
	n := 0
	err := NewFinder().EachClaim(ctx, Page{N: 1, Text: text}, func(Claim) error {
		n++
		cancel()
		return nil
	})
	if !errors.Is(err, context.Canceled) || n > maxSentence {
		t.Fatalf("got %v after %d claims, want context.Canceled within a sentence", err, n)
	}
	err = ReadPages(ctx, "x.txt", strings.NewReader("US$ 5"), func(Page) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("ReadPages on a done context: %v", err)
	}
}

// Normalizing in chunks gives what normalizing whole gives, a combining
// mark at a chunk's start included.
func TestNormalizeChunks(t *testing.T) {
	line := strings.Repeat("e\u0301 ", normalizeChunk/8) + "\n"
	s := line + "\u0301x" + strings.Repeat("remit-\ntances ", 10) + line
	got, err := normalizeText(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	if want := tidyWhole(s); got != want {
		t.Errorf("chunked normalization differs from whole (%d vs %d bytes)", len(got), len(want))
	}
}

// tidyWhole is Normalize done in one piece, for comparison.
func tidyWhole(s string) string {
	var b strings.Builder
	replaceRunes(&b, strings.ReplaceAll(s, "\r\n", "\n"))
	out, _ := tidy(context.Background(), norm.NFC.String(b.String()))
	return out
}

// BenchmarkClaimsNumbers runs the finder over a page of "1234 " (one
// claim per 5 bytes, the worst case of issue 22) and reports ns per MB.
func BenchmarkClaimsNumbers(b *testing.B) {
	text := Normalize(strings.Repeat("1234 ", 1<<20/5))
	f := NewFinder()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if err := f.EachClaim(context.Background(), Page{N: 1, Text: text}, func(Claim) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}
