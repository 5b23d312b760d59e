package fetch

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// refresh20 returns a refresh of 20 sources served on loopback with
// ETags, already fetched once, so that every later refresh is all 304s.
func refresh20(tb testing.TB) (refresh func() error, dir string, store *snapshot.Store) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		etag := `"` + r.URL.Path + `"`
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		fmt.Fprintf(w, `{"path":%q}`, r.URL.Path)
	}))
	tb.Cleanup(srv.Close)
	f, store, dir := testFetcher(tb, Options{})
	ctx := context.Background()
	refresh = func() error {
		for i := range 20 {
			id := fmt.Sprintf("src%02d", i)
			_, stale, _, err := f.Refresh(ctx, id, func(ctx context.Context) ([]snapshot.Document, error) {
				d, _, err := f.Get(ctx, Request{SourceID: id, Name: "data.json", URL: srv.URL + "/" + id, Format: "json"})
				return []snapshot.Document{d}, err
			})
			if err != nil || stale {
				return fmt.Errorf("refresh %s: stale=%v %w", id, stale, err)
			}
		}
		return nil
	}
	if err := refresh(); err != nil {
		tb.Fatal(err)
	}
	return refresh, dir, store
}

func BenchmarkRefresh20Unchanged(b *testing.B) {
	refresh, _, _ := refresh20(b)
	start := time.Now()
	for b.Loop() {
		if err := refresh(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(time.Since(start).Milliseconds())/float64(b.N), "ms/refresh")
}

func TestRefresh20UnchangedWritesNothing(t *testing.T) {
	refresh, dir, store := refresh20(t)
	before, _ := store.List(context.Background(), "")
	if n := objectFiles(t, dir); n != 20 {
		t.Fatalf("%d objects after the first refresh, want 20", n)
	}
	start := time.Now()
	if err := refresh(); err != nil {
		t.Fatal(err)
	}
	t.Logf("a refresh of 20 unchanged sources took %v", time.Since(start))
	if n := objectFiles(t, dir); n != 20 {
		t.Errorf("%d objects after an unchanged refresh, want 20", n)
	}
	after, _ := store.List(context.Background(), "")
	for _, r := range after[len(before):] {
		if r.Kind == snapshot.KindFetch && (r.Outcome != snapshot.OutcomeUnchanged || r.Status != 304) {
			t.Errorf("line %+v, want a 304 unchanged", r)
		}
	}
}
