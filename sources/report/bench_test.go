package report

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// BenchmarkPDFiumInit measures starting PDFium without the compilation
// cache: compiling the WebAssembly module and making the first instance.
func BenchmarkPDFiumInit(b *testing.B) {
	for b.Loop() {
		pool, err := webassembly.Init(webassembly.Config{MinIdle: 1, MaxIdle: 1, MaxTotal: 1,
			FSConfig: wazero.NewFSConfig(), Stdout: io.Discard, Stderr: io.Discard})
		if err != nil {
			b.Fatal(err)
		}
		inst, err := pool.GetInstance(0)
		if err != nil {
			b.Fatal(err)
		}
		inst.Close()
		pool.Close()
	}
}

// BenchmarkPDFiumInitCached starts PDFium with a warm on-disk
// compilation cache, as ReadPages starts after its first run.
func BenchmarkPDFiumInitCached(b *testing.B) {
	cache, err := wazero.NewCompilationCacheWithDir(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	start := func() {
		rc := wazero.NewRuntimeConfig().WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).WithCompilationCache(cache)
		pool, err := webassembly.Init(webassembly.Config{MinIdle: 1, MaxIdle: 1, MaxTotal: 1, RuntimeConfig: rc,
			FSConfig: wazero.NewFSConfig(), Stdout: io.Discard, Stderr: io.Discard})
		if err != nil {
			b.Fatal(err)
		}
		inst, err := pool.GetInstance(0)
		if err != nil {
			b.Fatal(err)
		}
		inst.Close()
		pool.Close()
	}
	start() // fills the cache
	b.ResetTimer()
	for b.Loop() {
		start()
	}
}

// synthetic500 is a 500-page synthetic PDF, each page a few paragraphs
// with figures.
func synthetic500(b *testing.B) []byte {
	pages := make([]string, 500)
	for i := range pages {
		var s strings.Builder
		for j := range 12 {
			fmt.Fprintf(&s, "Synthetic paragraph %d of page %d: the invented mission in Angola was paid US$ %d,%03d a month in 2019, and about %d workers served there.\n\n", j+1, i+1, i%90+1, j*7, 100+j)
		}
		pages[i] = s.String()
	}
	return makePDF(b, pages, pdfOptions{})
}

// BenchmarkPDF500Pages reads a 500-page PDF page by page (after the pool
// has started) and reports the time per page, the largest live heap
// (after a collection, every 100 pages) and how much it grew from page
// 100 to page 500: bounded memory means no growth with the page count.
func BenchmarkPDF500Pages(b *testing.B) {
	body := synthetic500(b)
	if _, err := pdfPool(DefaultLimits().MaxPDFMemory); err != nil {
		b.Fatal(err)
	}
	var peak, first, last uint64
	var ms runtime.MemStats
	b.ResetTimer()
	for b.Loop() {
		n := 0
		err := ReadPages(context.Background(), "synthetic_500.pdf", bytes.NewReader(body), func(p Page) error {
			n++
			if n%100 == 0 {
				runtime.GC()
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapAlloc)
				if n == 100 && first == 0 {
					first = ms.HeapAlloc
				}
				last = ms.HeapAlloc
			}
			return nil
		})
		if err != nil || n != 500 {
			b.Fatalf("%d pages, %v", n, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*500), "µs/page")
	b.ReportMetric(float64(peak)/(1<<20), "live-heap-max-MiB")
	b.ReportMetric((float64(last)-float64(first))/(1<<20), "live-heap-growth-p100-p500-MiB")
	b.ReportMetric(float64(len(body))/(1<<20), "pdf-MiB")
}

// BenchmarkFindClaims runs the claim finder over the pages of the
// English fixture.
func BenchmarkFindClaims(b *testing.B) {
	pages := TextPages(string(readFixture(b, "synthetic_report_en.txt")))
	f := NewFinder()
	for b.Loop() {
		for i, p := range pages {
			f.FindClaims(Page{N: i + 1, Text: p})
		}
	}
}

// BenchmarkFindClaimsLongSentence runs the finder over about 80 KB of
// text without a sentence break (the Spanish fixture 40 times, full stops
// and line ends removed): a long sentence must cost about in proportion
// to its length, which holds while the quote and the line checks stay
// bounded (compare with 40 × BenchmarkFindClaims' text size).
func BenchmarkFindClaimsLongSentence(b *testing.B) {
	s := strings.Repeat(string(readFixture(b, "synthetic_report_es.html")), 40)
	text := Normalize(strings.ReplaceAll(strings.ReplaceAll(s, "\n", " "), ". ", " "))
	f := NewFinder()
	for b.Loop() {
		f.FindClaims(Page{N: 1, Text: text})
	}
}
