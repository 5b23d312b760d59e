package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"
)

// pdfOptions change how makePDF writes a document.
type pdfOptions struct {
	encrypt      bool // encrypt (RC4), with userPassword (may be empty)
	userPassword string
}

// makePDF writes a synthetic PDF with one page per element of pages, in
// Helvetica with the Windows-1252 encoding (so Spanish and Portuguese
// accents, curly quotes and the euro sign come through). It is the
// committed generator of the PDF fixtures: they are made at test time
// from the text fixtures, so no PDF bytes are stored.
func makePDF(t testing.TB, pages []string, opt pdfOptions) []byte {
	t.Helper()
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCreationDate(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	pdf.SetModificationDate(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	pdf.SetCatalogSort(true)
	pdf.SetAutoPageBreak(false, 10)
	if opt.encrypt {
		pdf.SetProtection(fpdf.CnProtectPrint, opt.userPassword, "owner")
	}
	tr := pdf.UnicodeTranslatorFromDescriptor("")
	pdf.SetFont("Helvetica", "", 10)
	for _, p := range pages {
		pdf.AddPage()
		for _, para := range strings.Split(p, "\n") {
			if strings.TrimSpace(para) == "" {
				pdf.Ln(4)
				continue
			}
			pdf.MultiCell(0, 5, tr(para), "", "L", false)
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
