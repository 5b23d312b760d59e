package serve_test

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/pipeline/publish/internal/publishtest"
	"github.com/cubaexports/cubaexports/pipeline/publish/serve"
	"github.com/cubaexports/cubaexports/pipeline/publish/site"
)

func TestMain(m *testing.M) { publishtest.Main(m) }

// siteServer generates the site of the test release and serves it.
func siteServer(t *testing.T) (*httptest.Server, string) {
	t.Helper()
	root := filepath.Join(t.TempDir(), "site")
	if _, err := site.Generate(t.Context(), site.Options{Releases: publishtest.Release(t), Out: root}); err != nil {
		t.Fatal(err)
	}
	h, err := serve.New(root, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, root
}

func get(t *testing.T, srv *httptest.Server, path string, hdr ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.URL.Opaque = path // send the path as written, traversal attempts included
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

func TestServe(t *testing.T) {
	srv, root := siteServer(t)
	parquet, err := os.ReadFile(filepath.Join(root, "releases", "v1.0.0", "data", "revenue.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(parquet)
	etag := `"` + hex.EncodeToString(sum[:]) + `"`

	tests := []struct {
		path, ctype, cache string
	}{
		{"/", "text/html; charset=utf-8", serve.Short},
		{"/index.html", "text/html; charset=utf-8", serve.Short},
		{"/v1.0.0/", "text/html; charset=utf-8", serve.Short},
		{"/v1.0.0/revenue.html", "text/html; charset=utf-8", serve.Short},
		{"/v1.0.0/charts/revenue.svg", "image/svg+xml", serve.Short},
		{"/style.css", "text/css; charset=utf-8", serve.Short},
		{"/releases/index.json", "application/json", serve.Short},
		{"/releases/latest", "text/plain; charset=utf-8", serve.Short},
		{"/releases/v1.0.0/data/revenue.csv", "text/csv; charset=utf-8", serve.Immutable},
		{"/releases/v1.0.0/data/revenue.parquet", "application/vnd.apache.parquet", serve.Immutable},
		{"/releases/v1.0.0/cubaexports-v1.0.0.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", serve.Immutable},
		{"/releases/v1.0.0/datapackage.json", "application/json", serve.Immutable},
		{"/releases/v1.0.0/SHA256SUMS", "text/plain; charset=utf-8", serve.Immutable},
	}
	for _, tt := range tests {
		resp, body := get(t, srv, tt.path)
		if resp.StatusCode != 200 {
			t.Errorf("GET %s: %s", tt.path, resp.Status)
			continue
		}
		if got := resp.Header.Get("Content-Type"); got != tt.ctype {
			t.Errorf("GET %s: Content-Type %q, want %q", tt.path, got, tt.ctype)
		}
		if got := resp.Header.Get("Cache-Control"); got != tt.cache {
			t.Errorf("GET %s: Cache-Control %q, want %q", tt.path, got, tt.cache)
		}
		s := sha256.Sum256(body)
		if got, want := resp.Header.Get("ETag"), `"`+hex.EncodeToString(s[:])+`"`; got != want {
			t.Errorf("GET %s: ETag %s, want the body's SHA-256 %s", tt.path, got, want)
		}
	}

	// Conditional request: the ETag gives 304.
	resp, body := get(t, srv, "/releases/v1.0.0/data/revenue.parquet", "If-None-Match", etag)
	if resp.StatusCode != http.StatusNotModified || len(body) != 0 {
		t.Errorf("If-None-Match: %s, %d bytes", resp.Status, len(body))
	}
	// Range requests, as DuckDB makes them: the footer of the Parquet file.
	resp, body = get(t, srv, "/releases/v1.0.0/data/revenue.parquet", "Range", "bytes=-8")
	if resp.StatusCode != http.StatusPartialContent || string(body) != string(parquet[len(parquet)-8:]) || !strings.HasSuffix(string(body), "PAR1") {
		t.Errorf("Range bytes=-8: %s %q", resp.Status, body)
	}
	resp, body = get(t, srv, "/releases/v1.0.0/data/revenue.parquet", "Range", "bytes=4-99")
	if resp.StatusCode != http.StatusPartialContent || string(body) != string(parquet[4:100]) {
		t.Errorf("Range bytes=4-99: %s, %d bytes", resp.Status, len(body))
	}
	if got := resp.Header.Get("Content-Range"); got != "bytes 4-99/"+itoa(len(parquet)) {
		t.Errorf("Content-Range %q", got)
	}
	// A directory without its slash is redirected, relatively.
	resp, _ = get(t, srv, "/v1.0.0")
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "v1.0.0/" {
		t.Errorf("GET /v1.0.0: %s Location %q", resp.Status, resp.Header.Get("Location"))
	}
	// HEAD works, POST does not.
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL+"/index.html", nil)
	if r, err := http.DefaultClient.Do(req); err != nil || r.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %v %v", r.Status, err)
	} else {
		r.Body.Close()
	}
}

func TestServeTraversal(t *testing.T) {
	srv, root := siteServer(t)
	// A secret next to the site root, and a symlink out of it.
	if err := os.WriteFile(filepath.Join(filepath.Dir(root), "secret.txt"), []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(filepath.Dir(root), "secret.txt"), filepath.Join(root, "link.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, ".hidden"), []byte("hidden"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{
		"/../secret.txt", "/releases/../../secret.txt", "/%2e%2e/secret.txt", "/releases/%2e%2e/%2e%2e/secret.txt",
		"/..%2fsecret.txt", "/%2e%2e%2fsecret.txt", "/releases/..\\..\\secret.txt", "/link.txt", "/.hidden",
		"//secret.txt", "/./index.html", "/nothing.html", "/releases/v9.9.9/data/revenue.csv", "/index.html%00",
	} {
		resp, body := get(t, srv, p)
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %s, want 404", p, resp.Status)
		}
		if strings.Contains(string(body), "secret") || strings.Contains(string(body), "hidden") {
			t.Errorf("GET %s leaked %q", p, body)
		}
	}
}

func FuzzServePath(f *testing.F) {
	for _, s := range []string{"/", "/index.html", "/../x", "/releases/v1.0.0/", "/a/./b", "/%2e%2e/"} {
		f.Add(s)
	}
	root := f.TempDir()
	if err := os.WriteFile(filepath.Join(root, "index.html"), []byte("<p>home</p>"), 0o644); err != nil {
		f.Fatal(err)
	}
	outside := filepath.Join(filepath.Dir(root), "outside-"+filepath.Base(root))
	if err := os.WriteFile(outside, []byte("outside"), 0o644); err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { os.Remove(outside) })
	h, err := serve.New(root, nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, p string) {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.URL.Path = p
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if strings.Contains(w.Body.String(), "outside") {
			t.Fatalf("path %q served a file outside the root", p)
		}
		if w.Code == 200 && w.Body.String() != "<p>home</p>" {
			t.Fatalf("path %q: 200 with %q", p, w.Body.String())
		}
	})
}

func itoa(n int) string { return strconv.Itoa(n) }

// Any origin may read the files with ranges (CORS): every answer says
// so and exposes the range headers, and a preflight gets 204 allowing
// Range; other methods stay refused.
func TestServeCORS(t *testing.T) {
	srv, _ := siteServer(t)
	resp, _ := get(t, srv, "/index.html", "Origin", "https://example.org", "Range", "bytes=0-9")
	if resp.StatusCode != http.StatusPartialContent || resp.Header.Get("Access-Control-Allow-Origin") != "*" ||
		!strings.Contains(resp.Header.Get("Access-Control-Expose-Headers"), "Content-Range") {
		t.Errorf("GET with Origin: %s, headers %v", resp.Status, resp.Header)
	}
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodOptions, srv.URL+"/index.html", nil)
	req.Header.Set("Origin", "https://example.org")
	req.Header.Set("Access-Control-Request-Method", "GET")
	req.Header.Set("Access-Control-Request-Headers", "range")
	r, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != http.StatusNoContent || r.Header.Get("Access-Control-Allow-Origin") != "*" ||
		!strings.Contains(r.Header.Get("Access-Control-Allow-Headers"), "Range") ||
		r.Header.Get("Access-Control-Allow-Methods") != "GET, HEAD" {
		t.Errorf("preflight: %s, headers %v", r.Status, r.Header)
	}
	req, _ = http.NewRequestWithContext(t.Context(), http.MethodPut, srv.URL+"/index.html", nil)
	if r, err := http.DefaultClient.Do(req); err != nil || r.StatusCode != http.StatusMethodNotAllowed || r.Header.Get("Allow") != "GET, HEAD, OPTIONS" {
		t.Errorf("PUT: %v %v", r.Status, err)
	} else {
		r.Body.Close()
	}
}
