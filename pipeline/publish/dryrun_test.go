package publish_test

import (
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/cubaexports/cubaexports/pipeline/publish"
	"github.com/cubaexports/cubaexports/pipeline/publish/internal/publishtest"
	"github.com/cubaexports/cubaexports/pipeline/publish/site"
)

// countingServer is an HTTP server that counts the connections made to
// it; it answers nothing useful.
func countingServer(t *testing.T) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var conns atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "no", http.StatusForbidden)
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, &conns
}

// TestDryRunTouchesNothing: a dry run to s3:// without credentials makes
// no connection, neither to the bucket's endpoint nor to the instance
// metadata service the AWS SDK probes for credentials; to file:// it
// creates no directory. It lists every file of the site.
func TestDryRunTouchesNothing(t *testing.T) {
	out := publishtest.Release(t)
	files, _, err := site.Render(t.Context(), out, "")
	if err != nil {
		t.Fatal(err)
	}
	bucket, bucketConns := countingServer(t)
	imds, imdsConns := countingServer(t)
	t.Setenv("AWS_ACCESS_KEY_ID", "")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "")
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.URL)
	dir := filepath.Join(t.TempDir(), "bucket")
	for _, to := range []string{
		"s3://data/prefix?endpoint=" + bucket.URL + "&region=us-east-1&use_path_style=true&disable_https=true",
		"file://" + filepath.ToSlash(dir),
	} {
		res, err := publish.Publish(t.Context(), publish.Options{To: to, Releases: out, DryRun: true})
		if err != nil {
			t.Fatalf("%s: %v", to, err)
		}
		if len(res.Uploaded) != len(files) {
			t.Errorf("%s: dry run lists %d objects, want every file of the site (%d)", to, len(res.Uploaded), len(files))
		}
	}
	if n, m := bucketConns.Load(), imdsConns.Load(); n != 0 || m != 0 {
		t.Errorf("dry run made %d connections to the bucket and %d to the metadata service, want none", n, m)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("dry run to file:// created %s (stat: %v)", dir, err)
	}
}
