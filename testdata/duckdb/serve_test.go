package duckdb_test

import (
	"bufio"
	"bytes"
	"fmt"
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

// TestParquetOverHTTP serves a release with `cubaexports serve` (the real
// binary, as a user runs it) and reads revenue.parquet from it over HTTP.
//
// DuckDB reads http:// URLs through its httpfs extension, which the
// duckdb-go static library does not include: DuckDB would download it
// from its extension repository on first use, and tests never touch the
// network. So the test (1) always reads the file as DuckDB's httpfs does,
// with HTTP range requests (the footer first, then the rest in chunks),
// checks every range against the file, and has DuckDB count the rows of
// the bytes read that way; and (2) when httpfs is already installed on
// the machine (autoinstall off), also runs
// SELECT count(*) FROM read_parquet('http://.../revenue.parquet');
// and (3) always has DuckDB-Wasm, in headless Chromium, run read_parquet
// over the URL, through a proxy that logs its requests to serve: the
// same row count and sum of value as native DuckDB reading the local
// file, read with HTTP range requests and cross-origin (serve's CORS).
func TestParquetOverHTTP(t *testing.T) {
	if testing.Short() {
		t.Skip("builds cubaexports and a release; skipped with -short")
	}
	ctx := t.Context()
	tmp := t.TempDir()
	bin := buildCubaexports(t, tmp)
	for _, args := range [][]string{{"release", "--out", "out"}, {"site", "--releases", "out", "--out", "site"}} {
		c := exec.CommandContext(ctx, bin, args...)
		c.Dir = tmp
		c.Env = append(os.Environ(), "SOURCE_DATE_EPOCH="+sourceDateEpoch)
		if out, err := c.CombinedOutput(); err != nil {
			t.Fatalf("cubaexports %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	version, err := latestVersion(filepath.Join(tmp, "out", "releases", "latest"))
	if err != nil {
		t.Fatal(err)
	}
	local := filepath.Join(tmp, "out", "releases", version, "data", "revenue.parquet")
	want, err := os.ReadFile(local)
	if err != nil {
		t.Fatal(err)
	}

	base := startServe(t, bin, filepath.Join(tmp, "site"))
	url := base + "/releases/" + version + "/data/revenue.parquet"
	conn := openDuckDB(t)
	var wantRows int64
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM read_parquet(?)", local).Scan(&wantRows); err != nil {
		t.Fatal(err)
	}
	if wantRows == 0 {
		t.Fatal("revenue.parquet has no rows")
	}

	// (1) Range requests, as httpfs makes them.
	size := int64(len(want))
	footer := getRange(t, url, fmt.Sprintf("bytes=%d-%d", size-8, size-1), size)
	if !bytes.Equal(footer, want[size-8:]) || string(footer[4:]) != "PAR1" {
		t.Fatalf("footer range: %q", footer)
	}
	var got []byte
	const chunk = 4096
	for off := int64(0); off < size; off += chunk {
		end := min(off+chunk, size) - 1
		part := getRange(t, url, fmt.Sprintf("bytes=%d-%d", off, end), size)
		if !bytes.Equal(part, want[off:end+1]) {
			t.Fatalf("range %d-%d differs from the file", off, end)
		}
		got = append(got, part...)
	}
	fetched := filepath.Join(tmp, "fetched.parquet")
	if err := os.WriteFile(fetched, got, 0o644); err != nil {
		t.Fatal(err)
	}
	var rows int64
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM read_parquet(?)", fetched).Scan(&rows); err != nil {
		t.Fatalf("DuckDB reading the file fetched by ranges: %v", err)
	}
	if rows != wantRows {
		t.Errorf("fetched by ranges: %d rows, want %d", rows, wantRows)
	}

	// (3) DuckDB-Wasm over HTTP, in a browser, from another origin.
	var wantSum float64
	if err := conn.QueryRowContext(ctx, "SELECT sum(value)::DOUBLE FROM read_parquet(?)", local).Scan(&wantSum); err != nil {
		t.Fatal(err)
	}
	proxy, log := recordingProxy(t, base)
	p := "/releases/" + version + "/data/revenue.parquet"
	res := readParquetInBrowser(t, proxy.URL+p)
	if res.Rows != wantRows || res.Sum != wantSum {
		t.Errorf("DuckDB-Wasm %s over HTTP: %d rows, sum %v; DuckDB on the file: %d rows, sum %v", res.Version, res.Rows, res.Sum, wantRows, wantSum)
	}
	ranged, failed := rangeGets(log, p)
	if len(ranged) == 0 || len(failed) > 0 {
		t.Errorf("DuckDB-Wasm's requests to serve: range GETs %q, failed %q (all: %q)", ranged, failed, log.all())
	}
	t.Logf("DuckDB-Wasm %s read %s over HTTP: %d rows, %d range requests", res.Version, p, res.Rows, len(ranged))

	// (2) DuckDB itself over HTTP, when httpfs is installed locally.
	var installed bool
	if err := conn.QueryRowContext(ctx, "SELECT installed FROM duckdb_extensions() WHERE extension_name = 'httpfs'").Scan(&installed); err != nil {
		t.Fatal(err)
	}
	if !installed {
		t.Logf("DuckDB's httpfs extension is not installed (it is not linked into duckdb-go and would be downloaded from DuckDB's extension repository): read_parquet('%s') not run; range reads checked with a Go client instead", url)
		return
	}
	for _, q := range []string{"SET autoinstall_known_extensions = false", "LOAD httpfs"} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatalf("duckdb %s: %v", q, err)
		}
	}
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM read_parquet('"+url+"')").Scan(&rows); err != nil {
		t.Fatalf("DuckDB read_parquet over HTTP: %v", err)
	}
	if rows != wantRows {
		t.Errorf("read_parquet(%s): %d rows, want %d", url, rows, wantRows)
	}
}

// getRange GETs one byte range and checks the 206 answer.
func getRange(t *testing.T, url, rng string, size int64) []byte {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Range", rng)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusPartialContent {
		t.Fatalf("GET %s Range %s: %s", url, rng, resp.Status)
	}
	if cr := resp.Header.Get("Content-Range"); !strings.HasPrefix(cr, "bytes "+strings.TrimPrefix(rng, "bytes=")+"/") || !strings.HasSuffix(cr, fmt.Sprintf("/%d", size)) {
		t.Fatalf("Range %s: Content-Range %q", rng, cr)
	}
	return b
}

// startServe runs `cubaexports serve` on a free port and stops it with
// SIGTERM at the end of the test; it returns the base URL.
func startServe(t *testing.T, bin, root string) string {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--root", root)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { io.Copy(io.Discard, stdout); done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("cubaexports serve: %v\n%s", err, stderr.Bytes())
			}
		case <-time.After(20 * time.Second):
			cmd.Process.Kill()
			t.Error("cubaexports serve did not stop on SIGTERM")
		}
	})
	sc := bufio.NewScanner(stdout)
	if !sc.Scan() {
		t.Fatalf("cubaexports serve printed nothing: %s", stderr.Bytes())
	}
	_, addr, ok := strings.Cut(sc.Text(), " on ")
	if !ok {
		t.Fatalf("cubaexports serve printed %q", sc.Text())
	}
	return strings.TrimSuffix(addr, "/")
}
