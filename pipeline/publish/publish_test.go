package publish_test

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"github.com/cubaexports/cubaexports/pipeline/publish"
	"github.com/cubaexports/cubaexports/pipeline/publish/internal/publishtest"
	"github.com/cubaexports/cubaexports/pipeline/publish/site"
)

func TestMain(m *testing.M) { publishtest.Main(m) }

// recorder is an in-memory S3 backend that records every object written.
type recorder struct {
	*s3mem.Backend
	mu    sync.Mutex
	puts  []string
	cache map[string]string // Cache-Control header of each PUT, by URL path
}

func (r *recorder) PutObject(bucket, key string, meta map[string]string, in io.Reader, size int64, c *gofakes3.PutConditions) (gofakes3.PutObjectResult, error) {
	r.mu.Lock()
	r.puts = append(r.puts, key)
	r.mu.Unlock()
	return r.Backend.PutObject(bucket, key, meta, in, size, c)
}

func (r *recorder) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	p := r.puts
	r.puts = nil
	return p
}

// fakeS3 starts an S3-compatible server over real HTTP with one bucket
// and returns its backend and the s3:// URL of prefix in it.
func fakeS3(t *testing.T, prefix string) (*recorder, string) {
	t.Helper()
	rec := &recorder{Backend: s3mem.New(), cache: map[string]string{}}
	if err := rec.CreateBucket("data"); err != nil {
		t.Fatal(err)
	}
	fake := gofakes3.New(rec).Server()
	// gofakes3 does not keep Cache-Control: record what the uploads send.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPut {
			rec.mu.Lock()
			rec.cache[r.URL.Path] = r.Header.Get("Cache-Control")
			rec.mu.Unlock()
		}
		fake.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	// The AWS SDK reads credentials from the standard variables; no
	// shared config files, no instance metadata (no network).
	t.Setenv("AWS_ACCESS_KEY_ID", "test-key")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "test-secret")
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	return rec, "s3://data/" + prefix + "?endpoint=" + srv.URL + "&region=us-east-1&use_path_style=true&disable_https=true"
}

func TestPublishS3(t *testing.T) {
	out := publishtest.Release(t)
	rec, to := fakeS3(t, "cubaexports/catalog")
	files, _, err := site.Render(t.Context(), out, "")
	if err != nil {
		t.Fatal(err)
	}

	// 1. The first publish writes every file of the site, once.
	res, err := publish.Publish(t.Context(), publish.Options{To: to, Releases: out})
	if err != nil {
		t.Fatal(err)
	}
	puts := rec.take()
	if len(puts) != len(files) || len(res.Uploaded) != len(files) || res.Skipped != 0 {
		t.Fatalf("first publish: %d puts, %d uploaded, %d skipped; want %d, %d, 0", len(puts), len(res.Uploaded), res.Skipped, len(files), len(files))
	}
	for _, f := range files {
		key := "cubaexports/catalog/" + f.Path
		if n := count(puts, key); n != 1 {
			t.Errorf("%s written %d times, want once", key, n)
		}
		obj, err := rec.GetObject("data", key, nil)
		if err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		got, _ := io.ReadAll(obj.Contents)
		obj.Contents.Close()
		if !bytes.Equal(got, data(t, f)) {
			t.Errorf("%s: stored bytes differ from the site's", key)
		}
	}
	// The index, latest and the home page come last, in this order, so no
	// reader sees a version listed before all its files are there.
	n := len(puts)
	if want := []string{"cubaexports/catalog/releases/index.json", "cubaexports/catalog/releases/latest", "cubaexports/catalog/index.html"}; !slices.Equal(puts[n-3:], want) {
		t.Errorf("last writes %q, want %q", puts[n-3:], want)
	}
	firstPage := slices.IndexFunc(puts, func(k string) bool { return !strings.Contains(k, "/releases/v") })
	for _, k := range puts[firstPage:] {
		if strings.Contains(k, "/releases/v") {
			t.Errorf("version file %s written after the pages", k)
		}
	}
	sums := slices.Index(puts, "cubaexports/catalog/releases/v1.0.0/SHA256SUMS")
	if sums != firstPage-1 {
		t.Errorf("SHA256SUMS written at %d, want last of the version (%d)", sums, firstPage-1)
	}
	// Immutable caching on version files, short on pages.
	b, err := publish.OpenBucket(t.Context(), to)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	for key, want := range map[string][2]string{
		"releases/v1.0.0/data/revenue.parquet": {"application/vnd.apache.parquet", "public, max-age=31536000, immutable"},
		"index.html":                           {"text/html; charset=utf-8", "public, max-age=300"},
	} {
		a, err := b.Attributes(t.Context(), key)
		if err != nil {
			t.Fatal(err)
		}
		cc := rec.cache["/data/cubaexports/catalog/"+key]
		if a.ContentType != want[0] || cc != want[1] || len(a.Metadata["sha256"]) != 64 {
			t.Errorf("%s: Content-Type %q, Cache-Control %q, sha256 %q; want %q", key, a.ContentType, cc, a.Metadata["sha256"], want)
		}
	}

	// 2. A second publish of the same releases writes nothing.
	res, err = publish.Publish(t.Context(), publish.Options{To: to, Releases: out})
	if err != nil {
		t.Fatal(err)
	}
	if puts := rec.take(); len(puts) != 0 || len(res.Uploaded) != 0 || res.Skipped != len(files) {
		t.Fatalf("second publish wrote %q (uploaded %d, skipped %d of %d)", puts, len(res.Uploaded), res.Skipped, len(files))
	}

	// 3. A page that changed is rewritten; a version's object never is.
	if _, err := rec.Backend.PutObject("data", "cubaexports/catalog/sources.html", map[string]string{}, strings.NewReader("old"), 3, nil); err != nil {
		t.Fatal(err)
	}
	tampered := "cubaexports/catalog/releases/v1.0.0/data/revenue.csv"
	if _, err := rec.DeleteObject("data", tampered); err != nil { // a fresh object, without our metadata
		t.Fatal(err)
	}
	if _, err := rec.Backend.PutObject("data", tampered, map[string]string{}, strings.NewReader("tampered"), 8, nil); err != nil {
		t.Fatal(err)
	}
	rec.take()
	_, err = publish.Publish(t.Context(), publish.Options{To: to, Releases: out})
	if !errors.Is(err, publish.ErrImmutable) || !strings.Contains(err.Error(), "releases/v1.0.0/data/revenue.csv") {
		t.Fatalf("publish over a different version object: err %v, want ErrImmutable naming the file", err)
	}
	if puts := rec.take(); slices.ContainsFunc(puts, func(k string) bool { return strings.Contains(k, "/releases/") }) || slices.Contains(puts, "cubaexports/catalog/index.html") {
		t.Errorf("publish wrote %q after finding a different version object", puts)
	}
	obj2, err := rec.GetObject("data", tampered, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(obj2.Contents)
	obj2.Contents.Close()
	if string(got) != "tampered" {
		t.Errorf("%s was overwritten", tampered)
	}
}

func TestPublishFile(t *testing.T) {
	out := publishtest.Release(t)
	dir := filepath.Join(t.TempDir(), "bucket")
	to := "file://" + filepath.ToSlash(dir)
	res, err := publish.Publish(t.Context(), publish.Options{To: to, Releases: out})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Uploaded) == 0 {
		t.Fatal("nothing uploaded")
	}
	got, err := os.ReadFile(filepath.Join(dir, "releases", "v1.0.0", "data", "revenue.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := os.ReadFile(filepath.Join(out, "releases", "v1.0.0", "data", "revenue.parquet"))
	if !bytes.Equal(got, want) {
		t.Error("revenue.parquet differs")
	}
	res, err = publish.Publish(t.Context(), publish.Options{To: to, Releases: out})
	if err != nil || len(res.Uploaded) != 0 {
		t.Fatalf("second publish: uploaded %q, err %v", res.Uploaded, err)
	}
}

func TestOpenBucketRejects(t *testing.T) {
	for _, to := range []string{"http://example.org/x", "ftp://a/b", "bucket", "://"} {
		if _, err := publish.OpenBucket(t.Context(), to); err == nil {
			t.Errorf("OpenBucket(%q): no error", to)
		}
	}
}

func data(t *testing.T, f site.File) []byte {
	if f.Data != nil {
		return f.Data
	}
	b, err := os.ReadFile(f.Source)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func count(s []string, v string) int {
	n := 0
	for _, x := range s {
		if x == v {
			n++
		}
	}
	return n
}
