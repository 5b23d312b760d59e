package fetch

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// progressMin is the size above which a download shows a progress bar.
const progressMin = 1 << 20

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// progress draws a one-line bar for a download, at most every 100 ms.
type progress struct {
	w      io.Writer
	label  string
	total  int64 // -1 when unknown
	n      int64
	drawn  time.Time
	active bool // something was drawn
}

// newProgress returns a bar for a download of size bytes (-1: unknown),
// or nil when the progress writer is no terminal or the download is
// known to be small.
func (f *Fetcher) newProgress(req Request, size int64) *progress {
	if !f.tty || (size >= 0 && size <= progressMin) {
		return nil
	}
	return &progress{w: f.opts.Progress, label: req.SourceID + "/" + req.Name, total: size}
}

// Write counts downloaded bytes.
func (p *progress) Write(b []byte) (int, error) {
	p.n += int64(len(b))
	if p.n > progressMin && time.Since(p.drawn) >= 100*time.Millisecond {
		p.draw()
	}
	return len(b), nil
}

// done draws the final state and ends the line.
func (p *progress) done() {
	if p.active {
		p.draw()
		fmt.Fprintln(p.w)
	}
}

func (p *progress) draw() {
	p.drawn, p.active = time.Now(), true
	fmt.Fprint(p.w, "\r"+p.line()+"\x1b[K") // erase what a longer line left
}

// line is the bar's text, e.g. "src/a.xlsx [#####     ]  50%  1.0/2.0 MB".
func (p *progress) line() string {
	const width = 20
	mb := func(n int64) string { return fmt.Sprintf("%.1f", float64(n)/(1<<20)) }
	if p.total <= 0 {
		return fmt.Sprintf("%s %s MB", p.label, mb(p.n))
	}
	frac := min(1, float64(p.n)/float64(p.total))
	bar := strings.Repeat("#", int(frac*width)) + strings.Repeat(" ", width-int(frac*width))
	return fmt.Sprintf("%s [%s] %3.0f%% %s/%s MB", p.label, bar, frac*100, mb(p.n), mb(p.total))
}
