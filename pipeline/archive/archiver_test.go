package archive

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cubaexports/cubaexports/pipeline/fetch"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

var modTime = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)

// requestLog records every request a test server got.
type requestLog struct {
	mu   sync.Mutex
	reqs []*http.Request
}

func (l *requestLog) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		l.reqs = append(l.reqs, r.Clone(context.Background()))
		l.mu.Unlock()
		h.ServeHTTP(w, r)
	})
}

func (l *requestLog) take() []*http.Request {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := l.reqs
	l.reqs = nil
	return out
}

func serve(body, ctype string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", ctype)
		http.ServeContent(w, r, "", modTime, strings.NewReader(body))
	}
}

// publisher is a stand-in for a publisher's site: HTML, a PDF, a
// redirect, 404, 410, 403, a path robots.txt disallows, a slow page, and
// soft 404s (redirected to the root; titled "not found").
func publisher(t *testing.T, log *requestLog) *httptest.Server {
	mux := http.NewServeMux()
	mux.Handle("GET /robots.txt", serve("User-agent: *\nDisallow: /private/\n", "text/plain"))
	mux.Handle("GET /{$}", serve("<html><title>Home</title><p>Welcome</p></html>", "text/html"))
	mux.Handle("GET /news.html", serve("<html><title>News</title><p>In 2022 health services brought in US$ 6.4 billion.</p></html>", "text/html; charset=utf-8"))
	mux.Handle("GET /report.pdf", serve("%PDF-1.4 synthetic\n", "application/pdf"))
	mux.Handle("GET /landing.pdf", serve("<html>a landing page</html>", "text/html"))
	mux.Handle("GET /old", http.RedirectHandler("/news.html", http.StatusMovedPermanently))
	mux.Handle("GET /gone404", http.NotFoundHandler())
	mux.Handle("GET /gone410", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusGone) }))
	mux.Handle("GET /forbidden", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { http.Error(w, "no", http.StatusForbidden) }))
	mux.Handle("GET /private/doc", serve("secret", "text/plain"))
	mux.Handle("GET /slow", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }))
	mux.Handle("GET /titled", serve("<html><head><title>Página no encontrada</title></head></html>", "text/html"))
	mux.Handle("GET /", http.RedirectHandler("/", http.StatusFound)) // every other path: the root
	srv := httptest.NewServer(log.wrap(mux))
	t.Cleanup(srv.Close)
	return srv
}

// waybackServer stands in for the availability API (captures of the
// URLs in captures), the raw captures, and Save Page Now 2 (a job that is
// pending once, then succeeds).
func waybackServer(t *testing.T, log *requestLog, captures map[string]string) *httptest.Server {
	mux := http.NewServeMux()
	var srv *httptest.Server
	polls := 0
	mux.Handle("GET /robots.txt", serve("User-agent: *\nAllow: /\n", "text/plain"))
	mux.HandleFunc("GET /wayback/available", func(w http.ResponseWriter, r *http.Request) {
		u := r.URL.Query().Get("url")
		if _, ok := captures[u]; !ok {
			fmt.Fprint(w, `{"url": "`+u+`", "archived_snapshots": {}}`)
			return
		}
		fmt.Fprintf(w, `{"url": %q, "archived_snapshots": {"closest": {"status": "200", "available": true, "url": %q, "timestamp": "20200115000000"}}}`,
			u, srv.URL+"/web/20200115000000/"+u)
	})
	// The raw captures, outside the mux, which would clean the "//" of
	// the archived URL.
	raw := func(w http.ResponseWriter, r *http.Request) {
		orig, ok := strings.CutPrefix(r.URL.Path, "/web/20200115000000id_/")
		body, has := captures[orig]
		if !ok || !has {
			http.NotFound(w, r)
			return
		}
		serve(body, "text/html")(w, r)
	}
	mux.HandleFunc("POST /save", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "LOW key:secret" || r.FormValue("url") == "" {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		fmt.Fprintf(w, `{"url": %q, "job_id": "spn2-1"}`, r.FormValue("url"))
	})
	mux.HandleFunc("GET /save/status/spn2-1", func(w http.ResponseWriter, r *http.Request) {
		polls++
		if polls == 1 {
			fmt.Fprint(w, `{"status": "pending", "job_id": "spn2-1", "resources": []}`)
			return
		}
		fmt.Fprint(w, `{"status": "success", "job_id": "spn2-1", "original_url": "https://saved.example/doc", "timestamp": "20261205120000", "duration_sec": 6.2}`)
	})
	srv = httptest.NewServer(log.wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/web/") {
			raw(w, r)
			return
		}
		mux.ServeHTTP(w, r)
	})))
	t.Cleanup(srv.Close)
	return srv
}

func countObjects(t *testing.T, store *snapshot.Store) int {
	t.Helper()
	objs, err := store.Objects()
	if err != nil {
		t.Fatal(err)
	}
	return len(objs)
}

func testOptions(wb *Wayback) Options {
	return Options{Interval: -1, Wayback: wb, Rand: bytes.NewReader(bytes.Repeat([]byte{7}, 1024)),
		Contact: "mailto:maintainer@example.org",
		Fetch:   fetch.Options{MaxRetries: -1, Timeout: 2 * time.Second, Progress: &bytes.Buffer{}},
		Now:     func() time.Time { return time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC) }}
}

func TestArchive(t *testing.T) {
	var pubLog, wbLog requestLog
	pub := publisher(t, &pubLog)
	gone := pub.URL + "/gone410"
	wb := waybackServer(t, &wbLog, map[string]string{gone: "<html><p>The archived page: 30,000 doctors.</p></html>"})
	store, err := snapshot.OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	targets := []Target{
		{SourceID: "s_html", URL: pub.URL + "/news.html", Published: "2022-03"},
		{SourceID: "s_pdf", URL: pub.URL + "/report.pdf"},
		{SourceID: "s_redirect", URL: pub.URL + "/old", OriginalURL: pub.URL + "/gone404"},
		{SourceID: "s_gone", URL: gone, Published: "2020"},
		{SourceID: "s_forbidden", URL: pub.URL + "/forbidden"},
		{SourceID: "s_private", URL: pub.URL + "/private/doc"},
		{SourceID: "s_slow", URL: pub.URL + "/slow"},
		{SourceID: "s_soft", URL: pub.URL + "/moved-away"},
		{SourceID: "s_titled", URL: pub.URL + "/titled"},
		{SourceID: "s_landing", URL: pub.URL + "/landing.pdf"},
		{SourceID: "s_ftp", URL: "ftp://example.org/x"},
	}
	w := &Wayback{AvailabilityURL: wb.URL + "/wayback/available", SaveURL: wb.URL + "/save"}
	opts := testOptions(w)
	opts.Fetch.Timeout = 300 * time.Millisecond // the slow page times out
	m, sum, err := Run(context.Background(), store, targets, opts)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"s_html/url": "ok", "s_pdf/url": "ok", "s_redirect/url": "redirected", "s_redirect/original_url": "gone",
		"s_gone/url": "gone", "s_forbidden/url": "blocked", "s_private/url": "blocked", "s_slow/url": "failed",
		"s_soft/url": "gone", "s_titled/url": "gone", "s_landing/url": "failed", "s_ftp/url": "not_tried"}
	got := map[string]Record{}
	for _, r := range m.Records {
		got[r.SourceID+"/"+r.Role] = r
		if r.LinkStatus != want[r.SourceID+"/"+r.Role] {
			t.Errorf("%s %s: link status %s, want %s (error %q)", r.SourceID, r.Role, r.LinkStatus, want[r.SourceID+"/"+r.Role], r.Error)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d records, want %d", len(got), len(want))
	}
	if r := got["s_html/url"]; !r.Archived() || r.MediaType != "text/html" || r.ArchivedFrom != FromPublisher || r.ArchivedAt == nil {
		t.Errorf("html record %+v", r)
	}
	if r := got["s_pdf/url"]; r.MediaType != "application/pdf" || !r.Archived() {
		t.Errorf("pdf record %+v", r)
	}
	r := got["s_redirect/url"]
	if r.FinalURL != pub.URL+"/news.html" || len(r.Redirects) != 2 || r.Redirects[0].Status != 301 || r.Redirects[1].Status != 200 {
		t.Errorf("redirect record %+v", r)
	}
	r = got["s_gone/url"]
	if r.HTTPStatus != 410 || r.ArchivedFrom != FromWayback || !r.Archived() || r.WaybackTimestamp != "20200115000000" ||
		r.WaybackURL != wb.URL+"/web/20200115000000/"+gone {
		t.Errorf("gone record %+v", r)
	}
	if r := got["s_soft/url"]; r.Soft404 == "" || r.Archived() {
		t.Errorf("soft 404 record %+v", r)
	}
	if r := got["s_private/url"]; !strings.Contains(r.Error, "robots.txt disallows") {
		t.Errorf("robots record %+v", r)
	}
	// Politeness: every request carries the User-Agent; the private page
	// was never requested; the availability API was asked for the date.
	for _, q := range pubLog.take() {
		if ua := q.Header.Get("User-Agent"); ua != "cubaexports-archive/1 (+mailto:maintainer@example.org)" {
			t.Errorf("%s: User-Agent %q", q.URL, ua)
		}
		if q.URL.Path == "/private/doc" {
			t.Error("a path robots.txt disallows was requested")
		}
	}
	sawDate := false
	for _, q := range wbLog.take() {
		if q.URL.Path == "/wayback/available" && q.URL.Query().Get("timestamp") == "20220331" {
			sawDate = true
		}
	}
	if !sawDate {
		t.Error("no availability request for the end of 2022-03")
	}
	if !sum.Wrote || sum.New == 0 {
		t.Errorf("first run: %+v", sum)
	}

	// A second run with nothing changed: every request for a document
	// stored before is conditional, nothing is stored, the manifest is
	// not written again, the Wayback Machine is asked nothing for URLs
	// with a capture.
	objects := countObjects(t, store)
	m2, sum2, err := Run(context.Background(), store, targets, opts)
	if err != nil {
		t.Fatal(err)
	}
	if sum2.Wrote || sum2.New != 0 || sum2.Manifest != sum.Manifest {
		t.Errorf("second run wrote: %+v", sum2)
	}
	if n := countObjects(t, store); n != objects {
		t.Errorf("second run: %d objects, want %d", n, objects)
	}
	b1, _ := m.Encode()
	b2, _ := m2.Encode()
	if !bytes.Equal(b1, b2) {
		t.Errorf("second manifest differs:\n%s\n%s", b1, b2)
	}
	stored := map[string]bool{"/robots.txt": true, "/news.html": true, "/report.pdf": true, "/old": true, "/moved-away": true, "/titled": true, "/": true}
	for _, q := range pubLog.take() {
		cond := q.Header.Get("If-Modified-Since") != "" || q.Header.Get("If-None-Match") != ""
		if stored[q.URL.Path] && !cond {
			t.Errorf("second run: unconditional request for %s", q.URL)
		}
		if strings.HasPrefix(q.URL.Path, "/cubaexports-probe-") {
			t.Errorf("second run probed again: %s", q.URL)
		}
	}
	for _, q := range wbLog.take() {
		if q.URL.Path == "/wayback/available" && q.URL.Query().Get("url") == gone {
			t.Error("second run asked the availability API again for a URL with a capture")
		}
		if q.URL.Path != "/wayback/available" && q.Header.Get("If-Modified-Since") == "" {
			t.Errorf("second run: unconditional request for %s", q.URL)
		}
	}
}

func TestHTTPSSuggestion(t *testing.T) {
	tls := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/doc" {
			serve("<p>doc</p>", "text/html")(w, r)
			return
		}
		http.NotFound(w, r)
	}))
	defer tls.Close()
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/doc" {
			http.Redirect(w, r, tls.URL+"/doc", http.StatusMovedPermanently)
			return
		}
		http.NotFound(w, r)
	}))
	defer plain.Close()
	store, err := snapshot.OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	opts := testOptions(nil)
	opts.Transport = tls.Client().Transport
	_, sum, err := Run(context.Background(), store, []Target{{SourceID: "s", URL: plain.URL + "/doc"}}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Suggestions) != 1 || sum.Suggestions[0].To != tls.URL+"/doc" {
		t.Errorf("suggestions %+v, want %s", sum.Suggestions, tls.URL+"/doc")
	}
}

// A host whose robots.txt answers a server error is skipped: its
// documents are not requested; never archived, they are not_tried;
// archived before, their record stands.
func TestRobotsServerErrorSkipsHost(t *testing.T) {
	var log requestLog
	var down atomic.Bool
	mux := http.NewServeMux()
	mux.HandleFunc("GET /robots.txt", func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		http.NotFound(w, r) // no robots.txt: everything allowed
	})
	mux.Handle("GET /doc", serve("doc", "text/plain"))
	srv := httptest.NewServer(log.wrap(mux))
	defer srv.Close()
	store, err := snapshot.OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	archived := Target{SourceID: "archived", URL: srv.URL + "/doc"}
	m, _, err := Run(context.Background(), store, []Target{archived}, testOptions(nil))
	if err != nil || m.Records[0].LinkStatus != StatusOK {
		t.Fatalf("first run: %+v, %v", m, err)
	}
	log.take()
	down.Store(true)
	never := Target{SourceID: "never", URL: srv.URL + "/doc"}
	m, _, err = Run(context.Background(), store, []Target{archived, never}, testOptions(nil))
	if err != nil {
		t.Fatal(err)
	}
	if r := m.Records[0]; r.SourceID != "archived" || r.LinkStatus != StatusOK || !r.Archived() || !strings.Contains(r.Error, "robots.txt") {
		t.Errorf("record archived before %+v, want it kept, saying why it was not checked", r)
	}
	if r := m.Records[1]; r.LinkStatus != StatusNotTried || !strings.Contains(r.Error, "robots.txt") {
		t.Errorf("record %+v, want not_tried for a host whose robots.txt fails", r)
	}
	for _, q := range log.take() {
		if q.URL.Path == "/doc" {
			t.Error("the document of a skipped host was requested")
		}
	}
}

func TestSavePageNow(t *testing.T) {
	var log requestLog
	wb := waybackServer(t, &log, nil)
	clock := newFakeClock()
	w := &Wayback{AvailabilityURL: wb.URL + "/wayback/available", SaveURL: wb.URL + "/save", AccessKey: "key", Secret: "secret",
		Clock: clock, Client: wb.Client(), PollEvery: time.Second}
	done := make(chan struct{})
	var c Capture
	var err error
	go func() { c, err = w.Save(context.Background(), "https://saved.example/doc"); close(done) }()
	for range 2 { // pending, then success
		<-clock.waits
		clock.Advance(time.Second)
	}
	<-done
	if err != nil {
		t.Fatal(err)
	}
	if c.Timestamp != "20261205120000" || c.URL != wb.URL+"/web/20261205120000/https://saved.example/doc" {
		t.Errorf("capture %+v", c)
	}
	if c.Raw() != wb.URL+"/web/20261205120000id_/https://saved.example/doc" {
		t.Errorf("raw %s", c.Raw())
	}
	w.Secret = ""
	if _, err := w.Save(context.Background(), "https://x"); err == nil {
		t.Error("a save without keys did not fail")
	}
}

func TestWaybackTimestamp(t *testing.T) {
	now := time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)
	for in, want := range map[string]string{"2020-01-15": "20200115", "2020-02": "20200229", "2019": "20191231", "": "20261205", "bad": "20261205"} {
		if got := waybackTimestamp(in, now); got != want {
			t.Errorf("waybackTimestamp(%q) = %s, want %s", in, got, want)
		}
	}
}
