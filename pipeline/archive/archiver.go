package archive

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/cubaexports/cubaexports/pipeline/fetch"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// Target is one row of the sources table to archive.
type Target struct {
	SourceID    string
	URL         string // where the figures were read
	OriginalURL string // the original publisher's copy, when URL is a mirror
	Published   string // publication date, YYYY[-MM[-DD]], when known
}

// Options tune an archive run. The zero value is polite: one request per
// host per second, robots.txt honoured, no Wayback Machine.
type Options struct {
	// Agent is the product token robots.txt groups are matched against
	// and the start of the User-Agent; default "cubaexports".
	Agent string
	// Contact is how a publisher reaches the maintainer (a URL or an
	// e-mail address), put in the User-Agent; default the project's page.
	Contact string
	// Interval is the least time between two requests to one host;
	// default 1s, negative for none.
	Interval time.Duration
	// Clock spaces the requests and waits between Save Page Now polls;
	// default SystemClock.
	Clock Clock
	// Transport sends the requests; default http.DefaultTransport.
	Transport http.RoundTripper
	// Fetch are the fetcher's options (timeouts, retries, size limit);
	// its Transport, Client and UserAgent are the archiver's.
	Fetch fetch.Options
	// Wayback, when set, is asked for each URL's capture nearest the
	// document's date; with Save, a URL it has none of is captured.
	Wayback *Wayback
	Save    bool
	// Rand makes the random paths of the soft-404 probes; default
	// crypto/rand.
	Rand io.Reader
	// Now is the run's time (the manifest's store time, the Wayback date
	// of an undated document); default time.Now.
	Now func() time.Time
	Log *slog.Logger
}

// UserAgent is the User-Agent the archiver sends.
func (o Options) UserAgent() string {
	return fmt.Sprintf("%s-archive/1 (+%s)", o.Agent, o.Contact)
}

func (o Options) withDefaults() Options {
	if o.Agent == "" {
		o.Agent = "cubaexports"
	}
	if o.Contact == "" {
		o.Contact = "https://github.com/cubaexports/cubaexports"
	}
	if o.Interval == 0 {
		o.Interval = time.Second
	}
	if o.Clock == nil {
		o.Clock = SystemClock{}
	}
	if o.Transport == nil {
		o.Transport = http.DefaultTransport
	}
	if o.Rand == nil {
		o.Rand = rand.Reader
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	return o
}

// Suggestion is a change of the curated sheet the archive run found
// (item 5 of issue 17): never applied by the program.
type Suggestion struct {
	SourceID, Role, From, To, Why string
}

// Summary is what a run did.
type Summary struct {
	Counts      map[string]int // documents per link status
	New         int            // documents whose bytes were stored for the first time
	Wrote       bool           // a new manifest was stored
	Manifest    string         // the SHA-256 of the latest manifest
	Suggestions []Suggestion
	Errors      []string // per document, what went wrong
}

// archiver is one run's state.
type archiver struct {
	opts    Options
	store   *snapshot.Store
	fetcher *fetch.Fetcher
	probe   *http.Client
	polite  *politeTransport
	mu      sync.Mutex
	robots  map[string]robotsResult // by origin
	probes  map[string]probeResult  // by origin
}

type robotsResult struct {
	r    *Robots
	skip error
}

// Run archives the documents of targets into store and stores the
// manifest of what it found, unless it is the latest manifest's bytes
// (a run that found nothing new writes no manifest). The previous
// manifest's Wayback captures are reused, so an unchanged run asks the
// Wayback Machine nothing about URLs it already has a capture of.
func Run(ctx context.Context, store *snapshot.Store, targets []Target, opts Options) (*Manifest, Summary, error) {
	opts = opts.withDefaults()
	a := &archiver{opts: opts, store: store, robots: map[string]robotsResult{}, probes: map[string]probeResult{}}
	a.polite = &politeTransport{base: opts.Transport, userAgent: opts.UserAgent(),
		limiter: NewHostLimiter(opts.Interval, opts.Clock), allowed: a.allowed}
	fo := opts.Fetch
	fo.Transport, fo.Client, fo.UserAgent = a.polite, nil, opts.UserAgent()
	if fo.Log == nil {
		fo.Log = opts.Log
	}
	if fo.Progress == nil {
		fo.Progress = io.Discard
	}
	a.fetcher = fetch.New(store, fo)
	a.probe = &http.Client{Transport: a.polite, Timeout: 30 * time.Second}
	if opts.Wayback != nil && opts.Wayback.Client == nil {
		w := *opts.Wayback
		w.Client = &http.Client{Transport: a.polite, Timeout: 60 * time.Second}
		if w.Clock == nil {
			w.Clock = opts.Clock
		}
		a.opts.Wayback = &w
	}
	prev, _, _, err := Latest(ctx, store)
	if err != nil {
		return nil, Summary{}, err
	}
	sum := Summary{Counts: map[string]int{}}
	m := &Manifest{}
	for _, t := range targets {
		for _, d := range []struct{ role, url string }{{RoleURL, t.URL}, {RoleOriginal, t.OriginalURL}} {
			if d.url == "" {
				continue
			}
			if err := ctx.Err(); err != nil {
				return nil, sum, err
			}
			var old *Record
			for _, r := range prev.Of(t.SourceID) {
				if r.Role == d.role && r.URL == d.url {
					old = &r
				}
			}
			rec, isNew := a.document(ctx, t, d.role, d.url, old)
			m.Records = append(m.Records, rec)
			sum.Counts[rec.LinkStatus]++
			if isNew {
				sum.New++
			}
			if rec.Error != "" {
				sum.Errors = append(sum.Errors, fmt.Sprintf("%s %s %s: %s", t.SourceID, d.role, d.url, rec.Error))
			}
			if rec.HTTPSURL != "" {
				sum.Suggestions = append(sum.Suggestions, Suggestion{SourceID: t.SourceID, Role: d.role, From: d.url,
					To: rec.HTTPSURL, Why: "the publisher redirects this http URL to the same path over https"})
			}
		}
	}
	if sum.Wrote, err = save(ctx, store, m, opts.Now()); err != nil {
		return nil, sum, err
	}
	_, latest, _, err := Latest(ctx, store)
	if err != nil {
		return nil, sum, err
	}
	sum.Manifest = latest.SHA256
	return m, sum, nil
}

// document archives one URL of a sources row; old is the previous
// manifest's record of the same URL. It reports whether bytes were
// stored for the first time.
func (a *archiver) document(ctx context.Context, t Target, role, raw string, old *Record) (Record, bool) {
	rec := Record{SourceID: t.SourceID, Role: role, URL: raw}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		rec.LinkStatus, rec.Error = StatusNotTried, "not an http(s) URL"
		return rec, false
	}
	tr := &trace{}
	doc, out, ferr := a.fetcher.Get(withTrace(ctx, tr), fetch.Request{SourceID: StoreSource(t.SourceID), Name: role,
		URL: raw, Format: formatOf(u)})
	if len(tr.hops) > 0 {
		for i := range tr.hops {
			if tr.hops[i].Status == http.StatusNotModified {
				tr.hops[i].Status = http.StatusOK // a 304 confirms the 200 stored before
			}
		}
		last := tr.hops[len(tr.hops)-1]
		rec.HTTPStatus = last.Status
		if last.URL != raw {
			rec.FinalURL, rec.Redirects = last.URL, tr.hops
		}
	}
	isNew := false
	switch {
	case ferr != nil && tr.skipped != "" && old != nil:
		// The host was skipped (its robots.txt did not answer): nothing
		// was asked, so what was found before stands.
		kept := *old
		kept.Error = ferr.Error()
		return kept, false
	case ferr != nil:
		rec.LinkStatus = classify(ferr, tr)
		rec.Error = ferr.Error()
	default:
		rec.LinkStatus = StatusOK
		if rec.FinalURL != "" {
			rec.LinkStatus = StatusRedirected
		}
		soft := ""
		if out == snapshot.OutcomeUnchanged && old != nil && old.LiveSHA256() == doc.SHA256 {
			soft = old.Soft404 // the same bytes as last time: the same verdict, no new probe
		} else {
			soft = a.soft404(ctx, u, rec.FinalURL, doc)
		}
		if soft != "" {
			rec.LinkStatus, rec.Soft404 = StatusGone, soft
			rec.Live = doc.SHA256
		} else {
			rec.setCopy(doc.Snapshot, FromPublisher)
			isNew = out == snapshot.OutcomeNew
		}
	}
	if rec.FinalURL != "" && u.Scheme == "http" {
		if f, err := url.Parse(rec.FinalURL); err == nil && f.Scheme == "https" && strings.EqualFold(f.Hostname(), u.Hostname()) && f.Path == u.Path {
			rec.HTTPSURL = rec.FinalURL
		}
	}
	a.wayback(ctx, t, &rec, old)
	if rec.LinkStatus == StatusGone && rec.WaybackURL != "" {
		cp := Capture{URL: rec.WaybackURL, Timestamp: rec.WaybackTimestamp}
		wdoc, wout, err := a.fetcher.Get(withTrace(ctx, &trace{}), fetch.Request{SourceID: StoreSource(t.SourceID),
			Name: role + ".wayback", URL: cp.Raw(), Format: formatOf(u)})
		if err != nil {
			rec.addError(fmt.Errorf("the Wayback copy: %w", err))
		} else {
			rec.setCopy(wdoc.Snapshot, FromWayback)
			isNew = isNew || wout == snapshot.OutcomeNew
		}
	}
	if !rec.Archived() && old != nil && old.Archived() && rec.LinkStatus != StatusGone {
		// A failure now keeps the copy made before.
		rec.SHA256, rec.Size, rec.MediaType, rec.ArchivedAt, rec.ArchivedFrom = old.SHA256, old.Size, old.MediaType, old.ArchivedAt, old.ArchivedFrom
	}
	return rec, isNew
}

// wayback sets the record's capture: the previous manifest's for the same
// URL, else the availability API's nearest the document's date, else,
// with Save, a new one.
func (a *archiver) wayback(ctx context.Context, t Target, rec *Record, old *Record) {
	w := a.opts.Wayback
	if old != nil && old.WaybackURL != "" {
		rec.WaybackURL, rec.WaybackTimestamp = old.WaybackURL, old.WaybackTimestamp
		return
	}
	if w == nil {
		return
	}
	c, ok, err := w.Available(ctx, rec.URL, waybackTimestamp(t.Published, a.opts.Now()))
	if err != nil {
		rec.addError(err)
		return
	}
	if !ok && a.opts.Save {
		if c, err = w.Save(ctx, rec.URL); err != nil {
			rec.addError(err)
			return
		}
		ok = true
	}
	if ok {
		rec.WaybackURL, rec.WaybackTimestamp = c.URL, c.Timestamp
	}
}

func (r *Record) setCopy(s snapshot.Snapshot, from string) {
	at := s.RetrievedAt.UTC()
	r.SHA256, r.Size, r.MediaType, r.ArchivedAt, r.ArchivedFrom = s.SHA256, s.Size, s.MediaType, &at, from
}

func (r *Record) addError(err error) {
	if r.Error != "" {
		r.Error += "; "
	}
	r.Error += err.Error()
}

// LiveSHA256 is the hash of what the live URL served last: the copy's,
// or the soft-404 page's.
func (r Record) LiveSHA256() string {
	if r.Live != "" {
		return r.Live
	}
	if r.ArchivedFrom == FromPublisher {
		return r.SHA256
	}
	return ""
}

// classify is the link status of a failed fetch.
func classify(err error, tr *trace) string {
	switch {
	case tr.blocked != "":
		return StatusBlocked
	case tr.skipped != "":
		return StatusNotTried
	}
	var se *fetch.StatusError
	if errors.As(err, &se) {
		switch se.Code {
		case http.StatusNotFound, http.StatusGone:
			return StatusGone
		case http.StatusUnauthorized, http.StatusForbidden, http.StatusUnavailableForLegalReasons:
			return StatusBlocked
		}
	}
	return StatusFailed
}

// formatOf is the format the fetcher checks a body against: a URL
// ending in .pdf must give a PDF (a landing page in its place is
// refused); anything else is any format.
func formatOf(u *url.URL) string {
	if strings.EqualFold(path.Ext(u.Path), ".pdf") {
		return "pdf"
	}
	return ""
}

// allowed reports whether robots.txt of u's origin lets us fetch u; an
// error means the host is skipped (robots.txt answered a server error or
// could not be reached). robots.txt is fetched once per origin and run,
// conditionally, into the store (so what we obeyed is kept).
func (a *archiver) allowed(ctx context.Context, u *url.URL) (bool, error) {
	if u.Path == "/robots.txt" {
		return true, nil
	}
	o := origin(u)
	a.mu.Lock()
	res, ok := a.robots[o]
	a.mu.Unlock()
	if !ok {
		res = a.fetchRobots(ctx, o)
		a.mu.Lock()
		a.robots[o] = res
		a.mu.Unlock()
	}
	if res.skip != nil {
		return false, res.skip
	}
	return res.r.Allowed(u), nil
}

func (a *archiver) fetchRobots(ctx context.Context, o string) robotsResult {
	ctx = withTrace(ctx, nil) // robots.txt itself is never checked against robots.txt
	doc, _, err := a.fetcher.Get(ctx, fetch.Request{SourceID: "archive-robots", Name: strings.NewReplacer("://", "_", ":", "_").Replace(o),
		URL: o + "/robots.txt", Format: "text", MaxBytes: maxRobotsBytes})
	var se *fetch.StatusError
	switch {
	case err == nil:
	case errors.As(err, &se) && se.Code >= 400 && se.Code < 500:
		return robotsResult{r: &Robots{}} // no robots.txt: everything allowed
	case errors.Is(err, fetch.ErrUnexpectedBody):
		return robotsResult{r: &Robots{}} // an HTML page, not a robots.txt
	default:
		return robotsResult{skip: fmt.Errorf("%s/robots.txt: %w", o, err)}
	}
	rc, err := doc.Open()
	if err != nil {
		return robotsResult{skip: err}
	}
	defer rc.Close()
	return robotsResult{r: ParseRobots(rc, a.opts.Agent)}
}

func sha256Hex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}
