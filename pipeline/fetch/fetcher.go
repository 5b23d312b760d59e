package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// Outcome is what a Get gave: snapshot.OutcomeNew (bytes not seen
// before for the document), snapshot.OutcomeUnchanged (a 304 or the same
// bytes) or snapshot.OutcomeFailed.
type Outcome = snapshot.Outcome

const (
	isNew       = snapshot.OutcomeNew
	isUnchanged = snapshot.OutcomeUnchanged
	isFailed    = snapshot.OutcomeFailed
)

// Request is one document to fetch.
type Request struct {
	SourceID string
	Name     string // the document's name within its source, e.g. "page-2.json"
	URL      string // http:, https: or file:
	Format   string // "xlsx", "zip", "json", "csv", "pdf", "html", "text" or "" (any)
	MaxBytes int64  // largest body accepted; 0 = Options.MaxBytes
}

// Fetcher fetches documents into a snapshot store. It is safe for
// concurrent use.
type Fetcher struct {
	store  *snapshot.Store
	opts   Options
	client *http.Client
	tty    bool // whether opts.Progress is a terminal
}

// New returns a Fetcher storing into store.
func New(store *snapshot.Store, opts Options) *Fetcher {
	opts = opts.withDefaults()
	return &Fetcher{store: store, opts: opts, client: opts.client(), tty: isTerminal(opts.Progress)}
}

// Get fetches one document into the store and returns it with its
// outcome. A 304 or the same bytes as the last fetch give back the stored
// snapshot (snapshot.OutcomeUnchanged) and store nothing new. Every failure is
// recorded in the store's index and returned as an *Error.
func (f *Fetcher) Get(ctx context.Context, req Request) (snapshot.Document, Outcome, error) {
	start := time.Now()
	doc, out, err := f.get(ctx, req)
	if err == nil {
		f.opts.Log.Debug("fetched", "source", req.SourceID, "document", req.Name, "url", req.URL,
			"outcome", out, "bytes", doc.Size, "sha256", doc.SHA256, "duration", time.Since(start))
	}
	return doc, out, err
}

func (f *Fetcher) get(ctx context.Context, req Request) (snapshot.Document, Outcome, error) {
	ctx, cancel := context.WithTimeout(ctx, f.opts.Timeout)
	defer cancel()
	if req.MaxBytes <= 0 {
		req.MaxBytes = f.opts.MaxBytes
	}
	start := time.Now()
	if req.SourceID == "" || req.Name == "" {
		return f.fail(ctx, req, attempt{start: start, err: errors.New("a request needs a source id and a document name")}, 1)
	}
	if !knownFormat(req.Format) {
		return f.fail(ctx, req, attempt{start: start, err: fmt.Errorf("%w %q", ErrUnknownFormat, req.Format)}, 1)
	}
	u, err := url.Parse(req.URL)
	if err != nil {
		return f.fail(ctx, req, attempt{start: start, err: err}, 1)
	}
	switch u.Scheme {
	case "http", "https":
		return f.getHTTP(ctx, req)
	case "file":
		return f.getFile(ctx, req, u)
	}
	return f.fail(ctx, req, attempt{start: start, err: fmt.Errorf("%w: %q", ErrUnsupportedScheme, u.Scheme)}, 1)
}

// attempt is what one try at a request gave.
type attempt struct {
	start    time.Time
	status   int
	finalURL string
	err      error
	retry    bool // err may go away when tried again
	after    time.Duration
}

// fail records a failed attempt and returns its error, naming the source,
// URL and expected format.
func (f *Fetcher) fail(ctx context.Context, req Request, a attempt, attempts int) (snapshot.Document, Outcome, error) {
	err := a.err
	if errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, ErrTimeout) {
		err = fmt.Errorf("%w after %s: %w", ErrTimeout, f.opts.Timeout, err)
	}
	e := &Error{SourceID: req.SourceID, Name: req.Name, URL: req.URL, Format: req.Format, Attempts: attempts, Err: err}
	f.record(ctx, req, a, e.Error())
	return snapshot.Document{}, isFailed, e
}

// record appends a failed attempt to the index, even when ctx is done.
func (f *Fetcher) record(ctx context.Context, req Request, a attempt, msg string) {
	rec := snapshot.Record{SourceID: req.SourceID, Name: req.Name, URL: req.URL, FinalURL: a.finalURL,
		Status: a.status, RetrievedAt: a.start, DurationMS: time.Since(a.start).Milliseconds(),
		Outcome: isFailed, Error: msg}
	if err := f.store.Record(context.WithoutCancel(ctx), rec); err != nil {
		f.opts.Log.Error("recording a failed fetch", "source", req.SourceID, "url", req.URL, "err", err)
	}
}
