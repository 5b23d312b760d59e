package serve_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromiumPath finds Debian's chromium. Outside CI a missing browser
// skips the browser test; in CI (CI set) it fails it.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/chromium", "chromium", "chromium-browser"} {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	if os.Getenv("CI") == "" {
		t.Skip("chromium is not installed (apt-get install chromium): browser test skipped; with CI set it fails instead")
	}
	t.Fatal("CI is set but chromium is not installed (.ci/run installs it with apt-get install chromium)")
	return ""
}

// TestBrowser loads the site from the serve handler in headless chromium:
// the home page, a version page and a table page render, a download link
// gives the file with the SHA-256 the page shows, the JSON-LD parses, and
// screenshots at phone and desktop widths are saved (to the test's temp
// dir, and to $CUBAEXPORTS_SCREENSHOTS when set).
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser; skipped with -short")
	}
	exe := chromiumPath(t)
	srv, root := siteServer(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(filepath.Join(t.TempDir(), "chromium")),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1280, 800),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(t.Context(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	defer cancelTimeout()

	shots := []string{t.TempDir()}
	if d := os.Getenv("CUBAEXPORTS_SCREENSHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		shots = append(shots, d)
	}
	shoot := func(name string, width int64) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900)); err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
			t.Fatalf("screenshot %s is not a PNG", name)
		}
		for _, d := range shots {
			p := filepath.Join(d, name)
			if err := os.WriteFile(p, png, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("screenshot %s (%d bytes)", p, len(png))
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	count := func(sel string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+strconvQuote(sel)+`).length`))
		if err != nil {
			t.Fatalf("counting %s: %v", sel, err)
		}
		return n
	}
	evalString := func(js string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return s
	}

	// Home page: title, the citation box, the charts inline.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS(`figure.chart svg`))); err != nil {
		t.Fatalf("home page: %v", err)
	}
	if h1 := text("h1"); !strings.Contains(h1, "Cuba's state exports of professional services") {
		t.Errorf("home h1 %q", h1)
	}
	if cite := text("section.cite pre"); !strings.Contains(cite, "(Version v1.0.0) [Data set]") {
		t.Errorf("home citation %q", cite)
	}
	if charts := count("figure.chart svg"); charts != 4 { // revenue, contract rates, workers, macro shares
		t.Errorf("home: %d charts, want 4", charts)
	}
	checkCharts(t, ctx, "home")
	shoot("site-home-390.png", 390)
	// At phone width the page must not scroll sideways (wide tables scroll in their own box).
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 900)); err != nil {
		t.Fatal(err)
	}
	overflow, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
	if err != nil {
		t.Fatal(err)
	}
	if overflow {
		t.Error("home page is wider than a 390px screen")
	}
	shoot("site-home-1280.png", 1280)

	// Version page, reached by the home page's link, with its JSON-LD.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`section.latest h2 a`)),
		chromedp.WaitVisible(chromedp.CSS(`table.files`))); err != nil {
		t.Fatalf("version page: %v", err)
	}
	versionURL, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if h1 := text("h1"); !strings.HasSuffix(versionURL, "/v1.0.0/index.html") || !strings.Contains(h1, "v1.0.0") {
		t.Errorf("version page %s, h1 %q", versionURL, h1)
	}
	ld := evalString(`document.querySelector('script[type="application/ld+json"]').textContent`)
	var dataset struct {
		Context      string `json:"@context"`
		Type         string `json:"@type"`
		Name         string `json:"name"`
		Version      string `json:"version"`
		License      string `json:"license"`
		Temporal     string `json:"temporalCoverage"`
		Citation     string `json:"citation"`
		Distribution []struct {
			EncodingFormat string `json:"encodingFormat"`
			ContentURL     string `json:"contentUrl"`
			SHA256         string `json:"sha256"`
		} `json:"distribution"`
		Variables []struct{ Name string } `json:"variableMeasured"`
	}
	if err := json.Unmarshal([]byte(ld), &dataset); err != nil {
		t.Fatalf("JSON-LD does not parse: %v\n%s", err, ld)
	}
	if dataset.Context != "https://schema.org/" || dataset.Type != "Dataset" || dataset.Version != "1.0.0" ||
		!strings.HasPrefix(dataset.License, "https://") || dataset.Temporal == "" || dataset.Citation == "" || len(dataset.Variables) == 0 {
		t.Errorf("JSON-LD: %+v", dataset)
	}
	base, _ := url.Parse(versionURL)
	found := false
	for _, d := range dataset.Distribution {
		if !strings.HasSuffix(d.ContentURL, "data/revenue.parquet") {
			continue
		}
		found = true
		u, err := base.Parse(d.ContentURL)
		if err != nil {
			t.Fatal(err)
		}
		if got := browserSHA256(t, ctx, u.String()); got != d.SHA256 || d.EncodingFormat != "application/vnd.apache.parquet" {
			t.Errorf("JSON-LD revenue.parquet: fetched SHA-256 %s, JSON-LD says %s (%s)", got, d.SHA256, d.EncodingFormat)
		}
	}
	if !found {
		t.Error("JSON-LD has no distribution for revenue.parquet")
	}

	// Table page: preview and codebook, and the CSV download link.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`a[href="revenue.html"]`)),
		chromedp.WaitVisible(chromedp.CSS(`table.codebook`))); err != nil {
		t.Fatalf("table page: %v", err)
	}
	h1 := text("h1")
	previewRows, codebookRows := count("table.preview tbody tr"), count("table.codebook tbody tr")
	if !strings.HasPrefix(h1, "revenue") || previewRows != 20 || codebookRows < 10 {
		t.Errorf("table page: h1 %q, %d preview rows (want 20), %d codebook rows", h1, previewRows, codebookRows)
	}
	href := evalString(`document.querySelector('table.files a[href$="data/revenue.csv"]').href`)
	shown := evalString(`document.querySelector('table.files a[href$="data/revenue.csv"]').closest("tr").querySelector("code.sha").textContent`)
	file, err := os.ReadFile(filepath.Join(root, "releases", "v1.0.0", "data", "revenue.csv"))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(file)
	want := hex.EncodeToString(sum[:])
	if got := browserSHA256(t, ctx, href); got != want || shown != want {
		t.Errorf("download %s: browser got SHA-256 %s, page shows %s, file is %s", href, got, shown, want)
	}
	shoot("site-table-revenue-390.png", 390)
	shoot("site-table-revenue-1280.png", 1280)

	// Brazil's page, reached from the index of countries.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/countries/index.html"),
		chromedp.Click(chromedp.CSS(`a[href="BRA.html"]`)), chromedp.WaitVisible(chromedp.CSS(`table.figures`))); err != nil {
		t.Fatalf("Brazil page: %v", err)
	}
	if h1 := text("h1"); !strings.HasPrefix(h1, "Brazil") {
		t.Errorf("Brazil page h1 %q", h1)
	}
	if n := count("figure.chart svg"); n == 0 {
		t.Error("Brazil page has no chart")
	}
	checkCharts(t, ctx, "BRA")
	shoot("site-country-brazil-390.png", 390)
	shoot("site-country-brazil-1280.png", 1280)
}

// checkCharts measures the page's charts at a 390px viewport: every text
// of a chart is drawn at least 11 CSS pixels high, every point lies inside
// its plot, and the page does not scroll sideways.
func checkCharts(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 900)); err != nil {
		t.Fatal(err)
	}
	js := `(() => {
  const out = {texts: 0, small: [], points: 0, outside: [], wide: document.documentElement.scrollWidth > window.innerWidth + 1};
  for (const svg of document.querySelectorAll("figure.chart svg")) {
    const scale = svg.getScreenCTM().a;
    for (const t of svg.querySelectorAll("text")) {
      out.texts++;
      const px = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (px < 11) out.small.push(t.textContent + " " + px.toFixed(1) + "px");
    }
    const plot = svg.querySelector("rect.plot").getBoundingClientRect();
    for (const p of svg.querySelectorAll(".pt")) {
      out.points++;
      const b = p.getBoundingClientRect();
      if (b.left < plot.left - 0.5 || b.right > plot.right + 0.5 || b.top < plot.top - 0.5 || b.bottom > plot.bottom + 0.5) {
        out.outside.push(p.querySelector("title").textContent);
      }
    }
  }
  return JSON.stringify(out);
})()`
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil {
		t.Fatalf("%s: measuring the charts: %v", page, err)
	}
	var m struct {
		Texts, Points  int
		Small, Outside []string
		Wide           bool
	}
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatal(err)
	}
	if m.Texts == 0 || m.Points == 0 {
		t.Errorf("%s: %d chart texts and %d points measured", page, m.Texts, m.Points)
	}
	if len(m.Small) > 0 {
		t.Errorf("%s: chart text smaller than 11px at 390px: %q", page, m.Small)
	}
	if len(m.Outside) > 0 {
		t.Errorf("%s: points outside their plot: %q", page, m.Outside)
	}
	if m.Wide {
		t.Errorf("%s is wider than a 390px screen", page)
	}
	t.Logf("%s: %d chart texts, %d points measured at 390px", page, m.Texts, m.Points)
}

// browserSHA256 has the page fetch u and hash the bytes (Web Crypto).
func browserSHA256(t *testing.T, ctx context.Context, u string) string {
	t.Helper()
	js := `(async () => {
  const r = await fetch(` + strconvQuote(u) + `);
  if (!r.ok) throw new Error("HTTP " + r.status);
  const d = await crypto.subtle.digest("SHA-256", await r.arrayBuffer());
  return Array.from(new Uint8Array(d)).map(b => b.toString(16).padStart(2, "0")).join("");
})()`
	hexsum, err := chromedp.Run(ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("fetching %s in the browser: %v", u, err)
	}
	return hexsum
}

func strconvQuote(s string) string { b, _ := json.Marshal(s); return string(b) }
