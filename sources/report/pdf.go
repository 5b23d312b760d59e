package report

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/klippa-app/go-pdfium"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// pdfPool is PDFium compiled to WebAssembly, run by wazero: no cgo and
// no program outside the binary. The module sees no file system
// (documents are passed as readers) and its output is discarded.
//
// Compiling the module is the slow part of starting it (seconds; the
// measurements are in docs/dependencies.md), so the pool is made once per
// process, on first use, and kept, and the compiled code is cached on
// disk, in the user cache directory (cubaexports/wazero), for later
// processes. When no cache directory can be made, every process compiles.
//
// Its memory is bounded by the MaxPDFMemory of the first PDF read (the
// instance's WebAssembly memory cannot grow past it; an allocation past
// it fails the document, not the process).
func pdfPool(memory int64) (pdfium.Pool, error) {
	pdfPoolOnce.Do(func() { pdfPoolValue, pdfPoolErr = startPDFium(memory) })
	return pdfPoolValue, pdfPoolErr
}

var (
	pdfPoolOnce  sync.Once
	pdfPoolValue pdfium.Pool
	pdfPoolErr   error
)

func startPDFium(memory int64) (pdfium.Pool, error) {
	pages := uint32(min(max(memory>>16, 1), 1<<16))
	rc := wazero.NewRuntimeConfig().WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
		WithMemoryLimitPages(pages)
	if dir, err := os.UserCacheDir(); err == nil {
		if cache, err := wazero.NewCompilationCacheWithDir(filepath.Join(dir, "cubaexports", "wazero")); err == nil {
			rc = rc.WithCompilationCache(cache)
		}
	}
	return webassembly.Init(webassembly.Config{
		MinIdle: 1, MaxIdle: 1, MaxTotal: 2,
		FSConfig:      wazero.NewFSConfig(),
		RuntimeConfig: rc,
		Stdout:        io.Discard, Stderr: io.Discard,
		ReuseWorkers: true,
	})
}

// pdfTimeout bounds the wait for a free PDFium instance.
const pdfTimeout = 5 * time.Minute

// pdfPages reads a PDF page by page: PDFium reads the file through rs as
// it needs it, and only the current page is loaded.
func pdfPages(ctx context.Context, name string, rs io.ReadSeeker, size int64, lim Limits, fn func(Page) error) error {
	if err := checkStreams(ctx, asReaderAt(rs), size, lim); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if _, err := rs.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	pool, err := pdfPool(lim.MaxPDFMemory)
	if err != nil {
		return fmt.Errorf("%s: starting PDFium: %w", name, err)
	}
	ictx, cancel := context.WithTimeout(ctx, pdfTimeout)
	inst, err := pool.GetInstanceWithContext(ictx)
	cancel()
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("%s: PDFium instance: %w", name, err)
	}
	defer inst.Close()
	doc, err := inst.OpenDocument(&requests.OpenDocument{FileReader: rs, FileReaderSize: size})
	if err != nil {
		return pdfOpenError(name, err)
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
	pc, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	if err != nil {
		return fmt.Errorf("%s: %w: page count: %w", name, ErrFormat, err)
	}
	if pc.PageCount > lim.MaxPages {
		return fmt.Errorf("%s: %w: %d pages, more than %d (limit max_pages)", name, ErrTooLarge, pc.PageCount, lim.MaxPages)
	}
	var textBytes int64
	for i := range pc.PageCount {
		if err := ctx.Err(); err != nil {
			return err
		}
		text, err := pdfPageText(inst, doc.Document, i)
		if err != nil {
			return fmt.Errorf("%s: page %d: %w: %w", name, i+1, ErrFormat, err)
		}
		if textBytes += int64(len(text)); textBytes > lim.MaxTextBytes {
			return fmt.Errorf("%s: page %d: %w: more than %d bytes of text (limit max_text_bytes)", name, i+1, ErrTooLarge, lim.MaxTextBytes)
		}
		t, err := normalizeText(ctx, text)
		if err != nil {
			return err
		}
		if err := fn(Page{N: i + 1, Text: t}); err != nil {
			return err
		}
	}
	return nil
}

func pdfOpenError(name string, err error) error {
	switch {
	case errors.Is(err, pdfiumerrors.ErrPassword), errors.Is(err, pdfiumerrors.ErrSecurity):
		return fmt.Errorf("%s: %w: the PDF is encrypted with a password (or an unsupported security handler); give an unencrypted copy", name, ErrFormat)
	case errors.Is(err, pdfiumerrors.ErrFormat), errors.Is(err, pdfiumerrors.ErrFile):
		return fmt.Errorf("%s: %w: not a readable PDF (damaged or truncated): %w", name, ErrFormat, err)
	}
	return fmt.Errorf("%s: %w: opening the PDF: %w", name, ErrFormat, err)
}

// pdfPageText loads one page, takes its text and closes it again.
func pdfPageText(inst pdfium.Pdfium, d references.FPDF_DOCUMENT, index int) (string, error) {
	page, err := inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: d, Index: index})
	if err != nil {
		return "", err
	}
	defer inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: page.Page})
	tp, err := inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: requests.Page{ByReference: &page.Page}})
	if err != nil {
		return "", err
	}
	defer inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	n, err := inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
	if err != nil {
		return "", err
	}
	if n.Count <= 0 {
		return "", nil
	}
	t, err := inst.FPDFText_GetText(&requests.FPDFText_GetText{TextPage: tp.TextPage, StartIndex: 0, Count: n.Count})
	if err != nil {
		return "", err
	}
	return t.Text, nil
}
