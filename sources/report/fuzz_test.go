package report

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

func addFixtureSeeds(f *testing.F) {
	for _, name := range []string{"synthetic_report_en.txt", "synthetic_report_pt.txt", "synthetic_report_es.html"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	for _, s := range []string{"US$8 billion", "$50-$120 an hour", "between 5,000 and 7,000", "N$647 621 per year",
		"4.882.234.500 dólares", "R$ 11.520 por mês", "1 to 3 years", "entre 1 y", "US$ 5 -", "9999999999999999999999 billion",
		"1.2.3.4.5", "in 2019.3 See", "\n12 The", "US$\u00a0", "Angola, Namibia and", "between  and 5",
		"US$8 bN$647 621 per yearillion", "ocho mil millones de dólares", "8 mil 200 millones de CUC", "half a billion",
		"Host | Paid\nQatar | USD 5,200", "Q: x?\nA: $5 a day\n_____\n1 note", "15-20 per cent", "Q 9.500 en Guatemala",
		"las autoridades angoleñas", "\f"} {
		f.Add(s)
	}
}

// FuzzFindClaims: on any text the finder ends, and every claim lies
// within its page, has a known kind, and states a value or a range.
func FuzzFindClaims(f *testing.F) {
	addFixtureSeeds(f)
	finder := NewFinder()
	kinds := map[string]bool{KindMoney: true, KindCount: true, KindPercent: true, KindDuration: true, KindOther: true}
	f.Fuzz(func(t *testing.T, s string) {
		text := Normalize(s)
		n := utf8.RuneCountInString(text)
		for _, c := range finder.FindClaims(Page{N: 1, Text: text}) {
			if c.Start < 0 || c.End > n || c.Start >= c.End {
				t.Fatalf("claim %d-%d outside a page of %d characters: %+v", c.Start, c.End, n, c)
			}
			if !kinds[c.Kind] || c.Quote == "" {
				t.Fatalf("claim %+v", c)
			}
			if (c.Value == nil) == (c.Low == nil || c.High == nil) {
				t.Fatalf("claim with neither or both of value and range: %+v", c)
			}
			if (c.Currency != "") != (c.Kind == KindMoney) {
				t.Fatalf("currency %q on a %s claim", c.Currency, c.Kind)
			}
		}
	})
}

// FuzzHTMLText: any bytes give text (the HTML parser recovers from any
// error) that normalizes; after text without markup, what stands inside
// a <script> element never reaches the main text.
func FuzzHTMLText(f *testing.F) {
	addFixtureSeeds(f)
	f.Add("<p>a<script>x</p>")
	f.Add("<main><nav>n</nav><p>US$ 5</p></main><main>2</main>")
	f.Fuzz(func(t *testing.T, s string) {
		const marker = "ZZSCRIPTMARKERZZ"
		text, err := HTMLText(strings.NewReader(s + "<script>" + marker + "</script>"))
		if err != nil {
			t.Fatalf("HTMLText: %v", err)
		}
		if !strings.ContainsAny(s, "<&") && strings.Contains(text, marker) {
			t.Fatalf("script text reached the main text: %q", text)
		}
		if n := Normalize(text); !utf8.ValidString(n) {
			t.Fatalf("invalid UTF-8 %q", n)
		}
	})
}

// FuzzNormalize: normalizing twice changes nothing, and the result is
// valid UTF-8 without NBSPs, soft hyphens or ligatures.
func FuzzNormalize(f *testing.F) {
	addFixtureSeeds(f)
	f.Add("remit-\ntances ﬁ\u00a0\u00ad")
	f.Fuzz(func(t *testing.T, s string) {
		a := Normalize(s)
		if b := Normalize(a); a != b {
			t.Fatalf("not idempotent:\n%q\n%q", a, b)
		}
		if !utf8.ValidString(a) || strings.ContainsAny(a, "\u00a0\u00ad\ufb01\ufb02\u202f\r\t") {
			t.Fatalf("result %q", a)
		}
	})
}

// FuzzReadPDF: any bytes read as a PDF (PDFium, after the stream check)
// give an error that says why (ErrFormat or ErrTooLarge) or pages within
// the limits, numbered from 1, of valid UTF-8; nothing panics or hangs.
func FuzzReadPDF(f *testing.F) {
	f.Add(makePDF(f, []string{"Doctors earn US$ 5,000 a month in Qatar.", "Page two: 1,200 nurses."}, pdfOptions{}))
	f.Add(bombPDF(f, 64<<10))
	f.Add([]byte("%PDF-1.4\n1 0 obj\n<< /Length 5 /Filter /FlateDecode >>\nstream\nx\x9c\x03\x00\nendstream\n"))
	f.Add([]byte("%PDF-"))
	lim := DefaultLimits()
	lim.MaxTextBytes, lim.MaxPages, lim.MaxStreamBytes, lim.MaxInflatedBytes = 1<<20, 20, 1<<20, 4<<20
	f.Fuzz(func(t *testing.T, body []byte) {
		if !bytes.HasPrefix(body, []byte("%PDF-")) {
			body = append([]byte("%PDF-"), body...)
		}
		var n, size int
		err := ReadPagesLimited(context.Background(), "fuzz.pdf", bytes.NewReader(body), lim, func(p Page) error {
			n++
			size += len(p.Text)
			if p.N != n || !utf8.ValidString(p.Text) {
				t.Fatalf("page %d numbered %d, valid UTF-8 %v", n, p.N, utf8.ValidString(p.Text))
			}
			return nil
		})
		if err != nil && !errors.Is(err, ErrFormat) && !errors.Is(err, ErrTooLarge) {
			t.Fatalf("error %v is neither ErrFormat nor ErrTooLarge", err)
		}
		if n > lim.MaxPages || int64(size) > lim.MaxTextBytes*2 {
			t.Fatalf("%d pages, %d bytes of text past the limits", n, size)
		}
	})
}
