package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/cubaexports/cubaexports/sources/snapshot"
)

func TestLimits(t *testing.T) {
	big := strings.Repeat("a,b\n", 500)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("GET /big", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(big)) })
	mux.HandleFunc("GET /big-chunked", func(w http.ResponseWriter, r *http.Request) {
		for i := range 4 {
			w.Write([]byte(big[i*500 : (i+1)*500]))
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("GET /error.xlsx", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<!DOCTYPE html><html><body>Service unavailable</body></html>"))
	})
	mux.HandleFunc("GET /loop/a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop/b", http.StatusFound) })
	mux.HandleFunc("GET /loop/b", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop/a", http.StatusFound) })
	mux.HandleFunc("GET /chain/{n}", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, fmt.Sprintf("/chain/%s0", r.PathValue("n")), http.StatusMovedPermanently)
	})
	mux.HandleFunc("GET /to-file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	tests := []struct {
		name, path, format string
		maxBytes           int64
		is                 error
		want               string
	}{
		{"slow response past the timeout", "/slow", "", 0, ErrTimeout, "timed out after 200ms"},
		{"announced body over the limit", "/big", "csv", 1000, ErrTooLarge, "2000 bytes announced, limit 1000"},
		{"streamed body over the limit", "/big-chunked", "csv", 1000, ErrTooLarge, "more than 1000 bytes"},
		{"HTML error page instead of XLSX", "/error.xlsx", "xlsx", 0, ErrUnexpectedBody, `want a zip archive (PK\x03\x04), got a body starting "<!DOCTYPE html>`},
		{"redirect loop", "/loop/a", "", 0, ErrRedirectLoop, "/loop/b redirects back to"},
		{"too many redirects", "/chain/1", "", 0, ErrTooManyRedirects, "stopped after 10"},
		{"redirect to a file", "/to-file", "", 0, ErrUnsupportedScheme, "redirected to file:///etc/passwd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, store, dir := testFetcher(t, Options{Timeout: 200 * time.Millisecond})
			url := srv.URL + tt.path
			start := time.Now()
			_, out, err := f.Get(context.Background(), Request{SourceID: "src", Name: "doc", URL: url, Format: tt.format, MaxBytes: tt.maxBytes})
			if !errors.Is(err, tt.is) || out != snapshot.OutcomeFailed {
				t.Fatalf("got %v (%v), want %v", err, out, tt.is)
			}
			mustContain(t, err, "source src", url, tt.want)
			if time.Since(start) > 2*time.Second {
				t.Errorf("took %v", time.Since(start))
			}
			if n := objectFiles(t, dir); n != 0 {
				t.Errorf("%d files stored for a rejected body", n)
			}
			recs := records(t, store)
			if len(recs) != 1 || recs[0].Outcome != snapshot.OutcomeFailed || recs[0].SHA256 != "" {
				t.Errorf("index %+v", recs)
			}
		})
	}
}

func TestRedirectFinalURL(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /old.csv", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/files/new.csv", http.StatusMovedPermanently)
	})
	mux.HandleFunc("GET /files/new.csv", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("a\n1\n")) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	f, store, _ := testFetcher(t, Options{})
	doc, _, err := f.Get(context.Background(), Request{SourceID: "src", Name: "v.csv", URL: srv.URL + "/old.csv", Format: "csv"})
	if err != nil {
		t.Fatal(err)
	}
	if doc.URL != srv.URL+"/old.csv" {
		t.Errorf("snapshot URL %q, want the requested one", doc.URL)
	}
	recs := records(t, store)
	if len(recs) != 1 || recs[0].FinalURL != srv.URL+"/files/new.csv" || recs[0].URL != srv.URL+"/old.csv" || recs[0].Status != 200 {
		t.Errorf("index %+v", recs)
	}
}

func TestCheckFormat(t *testing.T) {
	tests := []struct {
		format, head string
		ok           bool
	}{
		{"xlsx", "PK\x03\x04rest", true},
		{"xlsx", "<!DOCTYPE html>", false},
		{"zip", "PK\x05\x06", false},
		{"pdf", "%PDF-1.7", true},
		{"pdf", " %PDF-1.7", false},
		{"json", "\xef\xbb\xbf \n [1]", true},
		{"json", `{"a":1}`, true},
		{"json", "<html>", false},
		{"json", "", false},
		{"csv", "a,b\n1,2", true},
		{"csv", "  <!doctype html><p>", false},
		{"csv", "<HTML><body>", false},
		{"text", "<p>fine, not a page</p>", true},
		{"csv", "", false},
		{"html", "<html></html>", true},
		{"html", "\x00\x01", false},
		{"", "\x00anything", true},
	}
	for _, tt := range tests {
		err := checkFormat(tt.format, []byte(tt.head))
		if (err == nil) != tt.ok {
			t.Errorf("checkFormat(%q, %q) = %v, want ok=%v", tt.format, tt.head, err, tt.ok)
		}
		if err != nil && !errors.Is(err, ErrUnexpectedBody) {
			t.Errorf("checkFormat(%q, %q) = %v, not ErrUnexpectedBody", tt.format, tt.head, err)
		}
	}
}
