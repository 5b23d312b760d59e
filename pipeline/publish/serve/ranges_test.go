package serve_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/pipeline/publish/serve"
)

// A request with many ranges cannot make the server write many times
// the file (issue 22, item 6): up to MaxRanges ranges are served as
// multipart, more get 416 with a short body.
func TestServeRangeCap(t *testing.T) {
	srv, _ := siteServer(t)
	const file = "/releases/v1.0.0/data/revenue.parquet"
	tests := []struct {
		n          int
		wantStatus int
	}{
		{2, http.StatusPartialContent},
		{serve.MaxRanges, http.StatusPartialContent},
		{serve.MaxRanges + 1, http.StatusRequestedRangeNotSatisfiable},
		{130000, http.StatusRequestedRangeNotSatisfiable},
	}
	for _, tt := range tests {
		spec := "bytes=" + strings.TrimSuffix(strings.Repeat("0-0,", tt.n), ",")
		resp, body := get(t, srv, file, "Range", spec)
		if resp.StatusCode != tt.wantStatus {
			t.Errorf("%d ranges: status %s, want %d", tt.n, resp.Status, tt.wantStatus)
		}
		if tt.wantStatus == http.StatusRequestedRangeNotSatisfiable && len(body) > 1024 {
			t.Errorf("%d ranges: %d bytes of body, want a short answer", tt.n, len(body))
		}
	}
}

// The server bounds how long a client may take (issue 22, item 6).
func TestServerTimeouts(t *testing.T) {
	srv := serve.NewServer(http.NotFoundHandler())
	if srv.ReadHeaderTimeout <= 0 || srv.WriteTimeout <= 0 || srv.IdleTimeout <= 0 || srv.MaxHeaderBytes <= 0 {
		t.Errorf("timeouts: read header %v, write %v, idle %v, max header bytes %d",
			srv.ReadHeaderTimeout, srv.WriteTimeout, srv.IdleTimeout, srv.MaxHeaderBytes)
	}
}
