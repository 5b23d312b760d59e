package xlsxtable

import (
	"errors"
	"io"
	"sync"
)

// The merge list of a sheet follows its rows in the XML, so it is read by
// a pass of its own over the sheet's bytes (scanMerges, a byte scan, not
// an XML decoding). That pass runs on its own goroutine while excelize
// opens the workbook (which unzips a large sheet to a temporary file), so
// on two cores it costs no time on the extraction's critical path.

var errStopped = errors.New("merge scan stopped")

// prefetch is a merge scan running in the background.
type prefetch struct {
	part string // the sheet part scanned; "" if it could not be resolved
	refs []string
	err  error
	done chan struct{} // closed when the scan has ended
	quit chan struct{} // closed to stop the scan
	once sync.Once
}

// prefetchMerges starts scanning the merge list of the sheet p reads.
func (w *workbook) prefetchMerges(p *plan) *prefetch {
	pf := &prefetch{done: make(chan struct{}), quit: make(chan struct{})}
	go func() {
		defer close(pf.done)
		part, err := w.sheetPartOf(p.Sheet, p.SheetIndex)
		if err != nil {
			return // the sheet is resolved again, with its error, when read
		}
		rc, err := w.openPart(part)
		if err != nil {
			return
		}
		defer rc.Close()
		pf.part = part
		pf.refs, pf.err = scanMerges(stoppable{rc, pf.quit})
	}()
	return pf
}

// stop ends the scan and waits for it (nil-safe; idempotent).
func (pf *prefetch) stop() {
	if pf == nil {
		return
	}
	pf.once.Do(func() { close(pf.quit) })
	<-pf.done
}

// result waits for the scan and returns its merge list if it scanned part.
func (pf *prefetch) result(part string) (refs []string, ok bool, err error) {
	if pf == nil {
		return nil, false, nil
	}
	<-pf.done
	if pf.part != part || errors.Is(pf.err, errStopped) {
		return nil, false, nil
	}
	return pf.refs, true, pf.err
}

// stoppable is a reader that fails once quit is closed.
type stoppable struct {
	r    io.Reader
	quit <-chan struct{}
}

func (s stoppable) Read(p []byte) (int, error) {
	select {
	case <-s.quit:
		return 0, errStopped
	default:
		return s.r.Read(p)
	}
}

// merges is the merge list of a sheet part: the prefetched one, or read
// now.
func (w *workbook) merges(part string) ([]string, error) {
	if refs, ok, err := w.pre.result(part); ok {
		return refs, err
	}
	rc, err := w.openPart(part)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return scanMerges(rc)
}
