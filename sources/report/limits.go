package report

// Limits bound what reading one document may cost, so that no document
// (a hostile one, or junk with the wrong name) can stall a run or
// exhaust memory. Every field must be positive; DefaultLimits gives the
// values docs/reports.md lists, and `extract-claims` takes each as a flag.
type Limits struct {
	// MaxTextBytes bounds an HTML or text document (read whole) and the
	// text of all the pages of a PDF together.
	MaxTextBytes int64
	// MaxPages bounds the pages of a document (PDF pages, form feeds).
	MaxPages int
	// MaxStreamBytes bounds one PDF stream once inflated.
	MaxStreamBytes int64
	// MaxInflatedBytes bounds all of a PDF's streams inflated together.
	MaxInflatedBytes int64
	// MaxPDFMemory bounds the memory of the PDFium instance that reads a
	// PDF (its WebAssembly memory). PDFium is started once per process,
	// so the first PDF read sets it for the process.
	MaxPDFMemory int64
}

// DefaultLimits are the limits ReadPages and a new Finder use: ample for
// the reports the project reads (the largest is a few MiB of PDF, a few
// hundred KiB of text) and small enough that a run survives any input.
func DefaultLimits() Limits {
	return Limits{
		MaxTextBytes:     64 << 20,
		MaxPages:         10000,
		MaxStreamBytes:   64 << 20,
		MaxInflatedBytes: 256 << 20,
		MaxPDFMemory:     1 << 30,
	}
}
