package main

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// site generates the catalog; the same releases give the same bytes; a
// directory that is not a site is not replaced; publish to file:// twice
// uploads nothing the second time.
func TestSiteAndPublish(t *testing.T) {
	dir := t.TempDir()
	must(t, cli(t, dir, "release"), 0)
	r := must(t, cli(t, dir, "site", "--out", "a"), 0)
	if !strings.Contains(r.stdout, "site of 1 versions (latest v1.0.0) in a") {
		t.Errorf("site: %s", r.stdout)
	}
	must(t, cli(t, dir, "site", "--out", "b"), 0)
	must(t, cli(t, dir, "site", "--out", "a"), 0) // replaces a site
	a, b := tree(t, filepath.Join(dir, "a")), tree(t, filepath.Join(dir, "b"))
	if len(a) < 25 {
		t.Fatalf("site has %d files", len(a))
	}
	for p, ab := range a {
		if !bytes.Equal(ab, b[p]) {
			t.Errorf("%s differs between two sites of the same releases", p)
		}
	}
	if len(a) != len(b) {
		t.Errorf("%d files, then %d", len(a), len(b))
	}
	for _, p := range []string{"index.html", "sources.html", "style.css", "v1.0.0/index.html", "v1.0.0/revenue.html",
		"v1.0.0/charts/revenue.svg", "releases/index.json", "releases/latest", "releases/v1.0.0/data/revenue.parquet"} {
		if _, ok := a[p]; !ok {
			t.Errorf("site lacks %s", p)
		}
	}
	// The world page shows Cuba's economy around the figures: the macro
	// shares, their chart split at the declared breaks (issue 23).
	if svg := string(a["countries/charts/WLD-macro_shares.svg"]); !strings.Contains(svg, "exports, % of GDP (World Bank)") {
		t.Errorf("the world page's macro chart lacks the World Bank series: %.200q", svg)
	}
	if w := string(a["countries/WLD.html"]); !strings.Contains(w, `id="macro_shares"`) || !strings.Contains(w, "WLD-macro_shares.svg") {
		t.Errorf("the world page lacks the macro shares section")
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Mkdir(filepath.Join(dir, "mine"), 0o755)
	os.WriteFile(filepath.Join(dir, "mine", "notes.txt"), []byte("mine"), 0o644)
	r = must(t, cli(t, dir, "site", "--out", "mine"), 1)
	if !strings.Contains(r.stderr, "not a generated site") {
		t.Errorf("site over a foreign directory: %s", r.stderr)
	}
	must(t, cli(t, dir, "site", "--bogus"), 2)

	to := "file://" + filepath.ToSlash(filepath.Join(dir, "bucket"))
	r = must(t, cli(t, dir, "publish", "--to", to, "--dry-run"), 0)
	if !strings.Contains(r.stdout, "would upload") || !strings.Contains(r.stdout, "releases/v1.0.0/data/revenue.parquet\n") {
		t.Errorf("publish --dry-run: %s", r.stdout)
	}
	if _, err := os.Stat(filepath.Join(dir, "bucket", "index.html")); err == nil {
		t.Error("--dry-run wrote index.html")
	}
	r = must(t, cli(t, dir, "publish", "--to", to), 0)
	if !strings.Contains(r.stdout, "uploaded ") || strings.Contains(r.stdout, "uploaded 0 ") {
		t.Errorf("first publish: %s", r.stdout)
	}
	r = must(t, cli(t, dir, "publish", "--to", to), 0)
	if !strings.Contains(r.stdout, "uploaded 0 objects") {
		t.Errorf("second publish: %s", r.stdout)
	}
	must(t, cli(t, dir, "publish"), 2)
	must(t, cli(t, dir, "publish", "--to", "ftp://x/y"), 1)
}

// serve listens, answers, and stops cleanly on SIGTERM.
func TestServeCommand(t *testing.T) {
	dir := t.TempDir()
	must(t, cli(t, dir, "release"), 0)
	must(t, cli(t, dir, "site"), 0) // default --out out/site
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0")
	cmd.Dir = dir
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	sc := bufio.NewScanner(stdout)
	if !sc.Scan() {
		t.Fatalf("serve printed nothing; stderr: %s", stderr.String())
	}
	line := sc.Text()
	_, addr, ok := strings.Cut(line, " on ")
	if !ok || !strings.HasPrefix(addr, "http://127.0.0.1:") {
		t.Fatalf("serve printed %q", line)
	}
	resp, err := http.Get(strings.TrimSuffix(addr, "/") + "/releases/v1.0.0/data/revenue.csv")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	want, _ := os.ReadFile(filepath.Join(dir, "out", "releases", "v1.0.0", "data", "revenue.csv"))
	if resp.StatusCode != 200 || !bytes.Equal(body, want) || resp.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
		t.Errorf("GET revenue.csv: %s, %d bytes, Cache-Control %q", resp.Status, len(body), resp.Header.Get("Cache-Control"))
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { rest, _ := io.ReadAll(stdout); line = string(rest); done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve exited with %v after SIGTERM, want a clean exit (0); stderr: %s", err, stderr.String())
		}
		if !strings.Contains(line, "stopped") {
			t.Errorf("serve did not say it stopped: %q", line)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop within 20s of SIGTERM")
	}
}
