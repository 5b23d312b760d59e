package fetch

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"io"
	"mime"
	"net/http"
	"time"

	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// getHTTP fetches over HTTP(S), retrying what may succeed later.
func (f *Fetcher) getHTTP(ctx context.Context, req Request) (snapshot.Document, Outcome, error) {
	last, ok := f.store.Last(ctx, req.SourceID, req.Name)
	if ok && (last.URL != req.URL || !f.store.Has(last.SHA256)) {
		ok = false // a moved URL or a lost object: fetch it whole
	}
	for n := 0; ; n++ {
		doc, out, a := f.try(ctx, req, last, ok)
		if a.err == nil {
			return doc, out, nil
		}
		if !a.retry || n >= f.opts.MaxRetries || ctx.Err() != nil {
			return f.fail(ctx, req, a, n+1)
		}
		wait := f.backoff(n, a.after)
		if dl, has := ctx.Deadline(); has && time.Until(dl) < wait {
			a.err = errors.Join(a.err, errors.New("the next retry would come after the timeout"))
			return f.fail(ctx, req, a, n+1)
		}
		f.record(ctx, req, a, (&Error{SourceID: req.SourceID, Name: req.Name, URL: req.URL, Format: req.Format,
			Attempts: n + 1, Err: a.err}).Error()+" (will retry)")
		f.opts.Log.Info("retrying", "source", req.SourceID, "url", req.URL, "attempt", n+1, "wait", wait, "err", a.err)
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			a.err = ctx.Err()
			return f.fail(ctx, req, a, n+1)
		}
	}
}

// try makes one request. A 304 (to a conditional request) gives back the
// last snapshot; a 200 is checked and stored.
func (f *Fetcher) try(ctx context.Context, req Request, last snapshot.Record, haveLast bool) (snapshot.Document, Outcome, attempt) {
	a := attempt{start: time.Now()}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodGet, req.URL, nil)
	if err != nil {
		a.err = err
		return snapshot.Document{}, isFailed, a
	}
	hreq.Header.Set("User-Agent", f.opts.UserAgent)
	if haveLast && last.ETag != "" {
		hreq.Header.Set("If-None-Match", last.ETag)
	}
	if haveLast && last.LastModified != "" {
		hreq.Header.Set("If-Modified-Since", last.LastModified)
	}
	resp, err := f.client.Do(hreq)
	if err != nil {
		a.err = err
		a.retry = retryable(ctx, err)
		return snapshot.Document{}, isFailed, a
	}
	defer resp.Body.Close()
	a.status, a.finalURL = resp.StatusCode, resp.Request.URL.String()
	switch {
	case resp.StatusCode == http.StatusNotModified && haveLast:
		return f.notModified(ctx, req, last, resp, a)
	case resp.StatusCode != http.StatusOK:
		se := &StatusError{Code: resp.StatusCode, Status: resp.Status, RetryAfter: retryAfter(resp.Header.Get("Retry-After"), time.Now())}
		_, _ = io.CopyN(io.Discard, resp.Body, 4<<10) // let the connection be reused
		a.err, a.retry, a.after = se, se.Temporary(), se.RetryAfter
		return snapshot.Document{}, isFailed, a
	}
	meta := snapshot.Meta{SourceID: req.SourceID, Name: req.Name, URL: req.URL, FinalURL: a.finalURL,
		Status: resp.StatusCode, ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified"),
		MediaType: mediaType(resp.Header.Get("Content-Type"), req.Name), RetrievedAt: a.start}
	snap, err := f.save(ctx, req, meta, resp.Body, resp.ContentLength)
	if err != nil {
		var be *bodyError
		a.err, a.retry = err, errors.As(err, &be) && ctx.Err() == nil
		return snapshot.Document{}, isFailed, a
	}
	return f.store.Document(snap), f.outcome(ctx, req, snap), a
}

// notModified records a 304 and gives back the last snapshot.
func (f *Fetcher) notModified(ctx context.Context, req Request, last snapshot.Record, resp *http.Response, a attempt) (snapshot.Document, Outcome, attempt) {
	rec := last
	rec.FinalURL, rec.Status, rec.Outcome, rec.Error = a.finalURL, resp.StatusCode, isUnchanged, ""
	rec.RetrievedAt, rec.DurationMS = a.start, time.Since(a.start).Milliseconds()
	if v := resp.Header.Get("ETag"); v != "" {
		rec.ETag = v
	}
	if v := resp.Header.Get("Last-Modified"); v != "" {
		rec.LastModified = v
	}
	if err := f.store.Record(ctx, rec); err != nil {
		a.err = err
		return snapshot.Document{}, isFailed, a
	}
	return f.store.Document(last.Snapshot()), isUnchanged, a
}

// retryable reports whether a failed request may succeed later: network
// errors may, redirect policy and certificate errors will not.
func retryable(ctx context.Context, err error) bool {
	var cert *tls.CertificateVerificationError
	return ctx.Err() == nil && !errors.Is(err, ErrRedirectLoop) && !errors.Is(err, ErrTooManyRedirects) &&
		!errors.Is(err, ErrUnsupportedScheme) && !errors.As(err, &cert)
}

// outcome is what the store recorded for the snapshot just put: new, or
// unchanged when the bytes are those of the document's last fetch.
func (f *Fetcher) outcome(ctx context.Context, req Request, snap snapshot.Snapshot) Outcome {
	if rec, ok := f.store.Last(ctx, req.SourceID, req.Name); ok && rec.SHA256 == snap.SHA256 {
		return rec.Outcome
	}
	return isNew
}

// mediaType is the response's media type without parameters, or the one
// the document's name suggests.
func mediaType(contentType, name string) string {
	if mt, _, err := mime.ParseMediaType(contentType); err == nil && mt != "application/octet-stream" {
		return mt
	}
	return snapshot.MediaType(name)
}

// bodyReader tags read errors of a response body as bodyErrors.
type bodyReader struct{ r io.Reader }

func (b bodyReader) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if err != nil && err != io.EOF {
		err = &bodyError{err}
	}
	return n, err
}

// peek returns a reader of the body and its first bytes.
func peek(r io.Reader) (*bufio.Reader, []byte, error) {
	br := bufio.NewReaderSize(r, sniffLen)
	head, err := br.Peek(sniffLen)
	if err == io.EOF || err == bufio.ErrBufferFull {
		err = nil
	}
	return br, head, err
}
