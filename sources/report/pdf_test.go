package report

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"
)

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func collect(t testing.TB, name string, body []byte) []Page {
	t.Helper()
	var pages []Page
	err := ReadPages(context.Background(), name, bytes.NewReader(body), func(p Page) error {
		pages = append(pages, p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// Each text fixture, printed to PDF, reads back page by page with the
// same words, accents included.
func TestPDFPages(t *testing.T) {
	for _, name := range []string{"synthetic_report_en.txt", "synthetic_report_pt.txt"} {
		t.Run(name, func(t *testing.T) {
			want := TextPages(string(readFixture(t, name)))
			pages := collect(t, name, makePDF(t, strings.Split(string(readFixture(t, name)), "\f"), pdfOptions{}))
			if len(pages) != len(want) {
				t.Fatalf("%d pages, want %d", len(pages), len(want))
			}
			for i, p := range pages {
				if p.N != i+1 {
					t.Errorf("page %d numbered %d", i+1, p.N)
				}
				if g, w := strings.Join(strings.Fields(p.Text), " "), strings.Join(strings.Fields(want[i]), " "); g != w {
					t.Errorf("page %d:\n got %q\nwant %q", i+1, g, w)
				}
			}
		})
	}
}

func TestPDFErrors(t *testing.T) {
	good := makePDF(t, []string{"Synthetic page one.", "Synthetic page two."}, pdfOptions{})
	for _, tc := range []struct {
		name string
		body []byte
		want string
	}{
		{"encrypted.pdf", makePDF(t, []string{"Synthetic secret."}, pdfOptions{encrypt: true, userPassword: "synthetic"}), "encrypted.pdf: unreadable document: the PDF is encrypted"},
		{"truncated.pdf", good[:len(good)/3], "truncated.pdf: unreadable document"},
		{"garbage.pdf", []byte("%PDF-1.7\nthis is not a PDF body at all\n"), "garbage.pdf: unreadable document"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := ReadPages(context.Background(), tc.name, bytes.NewReader(tc.body), func(Page) error { return nil })
			if !errors.Is(err, ErrFormat) || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("got %v, want an ErrFormat starting %q", err, tc.want)
			}
		})
	}
}

// A PDF encrypted with an owner password only (an empty user password)
// is read: encryption that does not stop reading is not an error.
func TestPDFOwnerPasswordOnly(t *testing.T) {
	pages := collect(t, "owner.pdf", makePDF(t, []string{"Synthetic US$ 5 figure."}, pdfOptions{encrypt: true}))
	if len(pages) != 1 || !strings.Contains(pages[0].Text, "US$ 5") {
		t.Errorf("got %+v", pages)
	}
}

func TestPDFCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	body := makePDF(t, []string{"a", "b"}, pdfOptions{})
	err := ReadPages(ctx, "c.pdf", bytes.NewReader(body), func(Page) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v", err)
	}
}
