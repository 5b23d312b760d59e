package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources/report"
)

// claimColumns are extract-claims' columns, in order.
var claimColumns = []string{"file", "page", "start", "end", "kind", "value", "low", "high", "currency", "unit",
	"period", "qualifier", "country", "year", "quote"}

func cmdExtractClaims(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "extract-claims", "FILE...", "List the candidate figures of reports (PDF, HTML or text, told from their bytes), one row per figure:\n"+
		"page and character offsets in the page's normalized text, kind (money, count, percent, duration, other),\n"+
		"value or low/high, currency, unit, period, qualifier, country, year and the sentence. See docs/reports.md.")
	format := fs.String("format", "csv", "output format: csv or jsonl")
	lim := report.DefaultLimits()
	fs.Int64Var(&lim.MaxTextBytes, "max-text-bytes", lim.MaxTextBytes, "refuse an HTML or text document, or a PDF's text, larger than this")
	fs.IntVar(&lim.MaxPages, "max-pages", lim.MaxPages, "refuse a document with more pages")
	fs.Int64Var(&lim.MaxStreamBytes, "max-stream-bytes", lim.MaxStreamBytes, "refuse a PDF with a stream inflating past this")
	fs.Int64Var(&lim.MaxInflatedBytes, "max-inflated-bytes", lim.MaxInflatedBytes, "refuse a PDF whose streams inflate past this together")
	fs.Int64Var(&lim.MaxPDFMemory, "max-pdf-memory", lim.MaxPDFMemory, "the memory PDFium may use")
	if err := parse(fs, args); err != nil {
		return err
	}
	if lim.MaxTextBytes <= 0 || lim.MaxPages <= 0 || lim.MaxStreamBytes <= 0 || lim.MaxInflatedBytes <= 0 || lim.MaxPDFMemory <= 0 {
		return usageError{fmt.Errorf("extract-claims: every --max-* limit must be positive")}
	}
	if *format != "csv" && *format != "jsonl" {
		return usageError{fmt.Errorf("--format %q: use csv or jsonl", *format)}
	}
	if fs.NArg() == 0 {
		return usageError{fmt.Errorf("extract-claims: name at least one file")}
	}
	w := newClaimWriter(e.stdout, *format)
	f := report.NewFinder()
	f.Limits = lim
	for _, name := range fs.Args() {
		if err := extractFile(ctx, f, w, name); err != nil {
			return err
		}
	}
	return w.flush()
}

func extractFile(ctx context.Context, f *report.Finder, w *claimWriter, name string) error {
	file, err := os.Open(name)
	if err != nil {
		return err
	}
	defer file.Close()
	return f.ReadClaims(ctx, name, file, func(c report.Claim) error { return w.write(name, c) })
}

// claimWriter writes claims as CSV (text cells formula-escaped, as in the
// release CSV files) or as JSON lines.
type claimWriter struct {
	csv  *csv.Writer
	json *json.Encoder
	head bool
}

func newClaimWriter(w io.Writer, format string) *claimWriter {
	if format == "jsonl" {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return &claimWriter{json: enc}
	}
	return &claimWriter{csv: csv.NewWriter(w)}
}

func num(p *float64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(*p, 'f', -1, 64)
}

// claimJSON is a claim's JSON line: numbers as numbers, absent ones null.
type claimJSON struct {
	File      string   `json:"file"`
	Page      int      `json:"page"`
	Start     int      `json:"start"`
	End       int      `json:"end"`
	Kind      string   `json:"kind"`
	Value     *float64 `json:"value"`
	Low       *float64 `json:"low"`
	High      *float64 `json:"high"`
	Currency  string   `json:"currency"`
	Unit      string   `json:"unit"`
	Period    string   `json:"period"`
	Qualifier string   `json:"qualifier"`
	Country   string   `json:"country"`
	Year      *int     `json:"year"`
	Quote     string   `json:"quote"`
}

func (w *claimWriter) write(file string, c report.Claim) error {
	if w.json != nil {
		j := claimJSON{File: file, Page: c.Page, Start: c.Start, End: c.End, Kind: c.Kind, Value: c.Value, Low: c.Low,
			High: c.High, Currency: c.Currency, Unit: c.Unit, Period: c.Period, Qualifier: c.Qualifier, Country: c.Country, Quote: c.Quote}
		if c.Year != 0 {
			y := c.Year
			j.Year = &y
		}
		return w.json.Encode(j)
	}
	if !w.head {
		w.head = true
		if err := w.csv.Write(claimColumns); err != nil {
			return err
		}
	}
	year := ""
	if c.Year != 0 {
		year = strconv.Itoa(c.Year)
	}
	esc := schemas.EscapeCell
	return w.csv.Write([]string{esc(file), strconv.Itoa(c.Page), strconv.Itoa(c.Start), strconv.Itoa(c.End), c.Kind,
		num(c.Value), num(c.Low), num(c.High), c.Currency, esc(c.Unit), c.Period, c.Qualifier, c.Country, year, esc(c.Quote)})
}

func (w *claimWriter) flush() error {
	if w.csv == nil {
		return nil
	}
	if !w.head {
		if err := w.csv.Write(claimColumns); err != nil {
			return err
		}
	}
	w.csv.Flush()
	return w.csv.Error()
}
