package duckdb_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// wasmPage loads DuckDB-Wasm (node_modules/@duckdb/duckdb-wasm, installed
// by `make duckdb` from package.json) and runs one query over the Parquet
// URL in ?u=, writing the JSON result or the error into #out.
const wasmPage = `<!doctype html>
<html><head><meta charset="utf-8"><title>DuckDB-Wasm reads a cubaexports release</title>
<script type="importmap">{"imports": {
  "apache-arrow": "/m/apache-arrow/Arrow.dom.mjs",
  "tslib": "/m/tslib/tslib.es6.mjs",
  "flatbuffers": "/m/flatbuffers/mjs/flatbuffers.js"}}</script>
</head><body><pre id="out">pending</pre>
<script type="module">
const out = document.getElementById('out');
try {
  const duckdb = await import('/m/@duckdb/duckdb-wasm/dist/duckdb-browser.mjs');
  const dist = '/m/@duckdb/duckdb-wasm/dist/';
  const bundle = await duckdb.selectBundle({
    mvp: {mainModule: dist + 'duckdb-mvp.wasm', mainWorker: dist + 'duckdb-browser-mvp.worker.js'},
    eh: {mainModule: dist + 'duckdb-eh.wasm', mainWorker: dist + 'duckdb-browser-eh.worker.js'},
  });
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), new Worker(bundle.mainWorker));
  await db.instantiate(bundle.mainModule);
  const conn = await db.connect();
  const u = new URLSearchParams(location.search).get('u');
  const res = await conn.query("SELECT count(*)::INTEGER AS n, sum(value)::DOUBLE AS s FROM read_parquet('" + u.replaceAll("'", "''") + "')");
  const row = res.toArray()[0];
  out.textContent = JSON.stringify({rows: row.n, sum: row.s, version: (await conn.query('SELECT version() AS v')).toArray()[0].v});
} catch (e) {
  out.textContent = JSON.stringify({error: String(e)});
}
</script></body></html>
`

// wasmResult is what wasmPage reports.
type wasmResult struct {
	Rows    int64   `json:"rows"`
	Sum     float64 `json:"sum"`
	Version string  `json:"version"`
	Error   string  `json:"error"`
}

// rangeLog records the requests a proxy in front of serve passed on.
type rangeLog struct {
	mu   sync.Mutex
	reqs []string // "METHOD path Range -> status"
}

func (l *rangeLog) add(s string) { l.mu.Lock(); l.reqs = append(l.reqs, s); l.mu.Unlock() }

func (l *rangeLog) all() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.reqs...)
}

// recordingProxy forwards every request to base (the real `cubaexports
// serve`) and logs method, path, Range and status.
func recordingProxy(t *testing.T, base string) (*httptest.Server, *rangeLog) {
	t.Helper()
	target, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	log := &rangeLog{}
	p := httputil.NewSingleHostReverseProxy(target)
	p.ModifyResponse = func(r *http.Response) error {
		log.add(r.Request.Method + " " + r.Request.URL.Path + " " + r.Request.Header.Get("Range") + " -> " + r.Status)
		return nil
	}
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	return srv, log
}

// assetServer serves wasmPage at / and node_modules under /m/, with the
// media types module scripts and WebAssembly need.
func assetServer(t *testing.T, modules string) *httptest.Server {
	t.Helper()
	types := map[string]string{".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm"}
	files := http.StripPrefix("/m/", http.FileServer(http.Dir(modules)))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(wasmPage))
			return
		}
		if ct, ok := types[path.Ext(r.URL.Path)]; ok {
			w.Header().Set("Content-Type", ct)
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// chromium finds the browser; in CI (CI set) a missing browser or
// DuckDB-Wasm fails the test instead of skipping it.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed (apt-get install chromium); CI must run the DuckDB-Wasm check")
	}
	t.Skip("chromium is not installed: the DuckDB-Wasm check needs it (CI installs it)")
	return ""
}

// readParquetInBrowser has DuckDB-Wasm, in headless Chromium, run
// read_parquet over parquetURL, as an analyst's browser notebook would.
func readParquetInBrowser(t *testing.T, parquetURL string) wasmResult {
	t.Helper()
	exe := chromium(t)
	modules, err := filepath.Abs("node_modules")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(modules, "@duckdb", "duckdb-wasm", "dist", "duckdb-browser.mjs")); err != nil {
		t.Fatalf("DuckDB-Wasm is not installed in testdata/duckdb/node_modules (run `make duckdb`, which runs npm install): %v", err)
	}
	assets := assetServer(t, modules)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(filepath.Join(t.TempDir(), "chromium")),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(t.Context(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	defer cancelTimeout()
	if err := chromedp.Do(ctx, chromedp.Navigate(assets.URL+"/?u="+url.QueryEscape(parquetURL))); err != nil {
		t.Fatalf("chromium: %v", err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById('out').textContent !== 'pending'`)); err != nil {
		t.Fatalf("DuckDB-Wasm did not answer: %v", err)
	}
	text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('out').textContent`))
	if err != nil {
		t.Fatal(err)
	}
	var res wasmResult
	if err := json.Unmarshal([]byte(text), &res); err != nil {
		t.Fatalf("DuckDB-Wasm page: %q: %v", text, err)
	}
	if res.Error != "" {
		t.Fatalf("DuckDB-Wasm read_parquet('%s'): %s", parquetURL, res.Error)
	}
	return res
}

// rangeGets returns the logged GETs of p that asked for a byte range,
// and any logged request of p that did not succeed.
func rangeGets(log *rangeLog, p string) (ranged, failed []string) {
	for _, r := range log.all() {
		if !strings.Contains(r, " "+p+" ") {
			continue
		}
		if !strings.HasSuffix(r, "200 OK") && !strings.HasSuffix(r, "206 Partial Content") && !strings.HasSuffix(r, "204 No Content") {
			failed = append(failed, r)
		}
		if strings.HasPrefix(r, "GET ") && strings.Contains(r, "bytes=") {
			ranged = append(ranged, r)
		}
	}
	return ranged, failed
}
