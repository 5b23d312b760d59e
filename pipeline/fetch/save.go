package fetch

import (
	"context"
	"fmt"
	"io"

	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// save checks a body against the request's size limit and format and
// stores it. size is the announced length (-1 if unknown). Nothing is
// indexed when the check fails or the body breaks off.
func (f *Fetcher) save(ctx context.Context, req Request, meta snapshot.Meta, body io.Reader, size int64) (snapshot.Snapshot, error) {
	if size > req.MaxBytes {
		return snapshot.Snapshot{}, fmt.Errorf("%w: %d bytes announced, limit %d", ErrTooLarge, size, req.MaxBytes)
	}
	br, head, err := peek(&limitReader{r: bodyReader{body}, max: req.MaxBytes})
	if err != nil {
		return snapshot.Snapshot{}, err
	}
	if err := checkFormat(req.Format, head); err != nil {
		return snapshot.Snapshot{}, err
	}
	var r io.Reader = br
	if p := f.newProgress(req, size); p != nil {
		r = io.TeeReader(br, p)
		defer p.done()
	}
	return f.store.Put(ctx, meta, r)
}

// limitReader fails with ErrTooLarge once more than max bytes were read.
type limitReader struct {
	r      io.Reader
	n, max int64
}

func (l *limitReader) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	l.n += int64(n)
	if l.n > l.max {
		return 0, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, l.max)
	}
	return n, err
}
