package fetch

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"sync/atomic"
	"testing"

	"github.com/cubaexports/cubaexports/sources/snapshot"
)

func TestConditionalGet(t *testing.T) {
	const lastMod = "Wed, 21 Oct 2025 07:28:00 GMT"
	tests := []struct {
		name    string
		headers map[string]string // validators the server sends
		matches func(*http.Request) bool
	}{
		{"etag", map[string]string{"ETag": `"v1"`},
			func(r *http.Request) bool { return r.Header.Get("If-None-Match") == `"v1"` }},
		{"last-modified", map[string]string{"Last-Modified": lastMod},
			func(r *http.Request) bool { return r.Header.Get("If-Modified-Since") == lastMod }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var conditional atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				for k, v := range tt.headers {
					w.Header().Set(k, v)
				}
				if tt.matches(r) {
					conditional.Add(1)
					w.WriteHeader(http.StatusNotModified)
					return
				}
				w.Write([]byte(`{"rows":[1,2]}`))
			}))
			defer srv.Close()
			f, store, dir := testFetcher(t, Options{})
			req := Request{SourceID: "src", Name: "a.json", URL: srv.URL + "/a.json", Format: "json"}
			first, out, err := f.Get(context.Background(), req)
			if err != nil || out != snapshot.OutcomeNew {
				t.Fatalf("first get: %v %v", out, err)
			}
			second, out, err := f.Get(context.Background(), req)
			if err != nil || out != snapshot.OutcomeUnchanged || conditional.Load() != 1 {
				t.Fatalf("second get: %v %v, %d conditional hits", out, err, conditional.Load())
			}
			if second.Snapshot != first.Snapshot || body(t, second) != `{"rows":[1,2]}` {
				t.Errorf("304 gave %+v, want %+v", second.Snapshot, first.Snapshot)
			}
			if n := objectFiles(t, dir); n != 1 {
				t.Errorf("%d objects after a 304, want 1", n)
			}
			recs := records(t, store)
			if len(recs) != 2 || recs[1].Status != 304 || recs[1].Outcome != snapshot.OutcomeUnchanged || recs[1].SHA256 != first.SHA256 {
				t.Errorf("index %+v", recs)
			}
		})
	}
}

func TestIdenticalBytesOn200(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Write([]byte("year,value\n2020,1\n"))
	}))
	defer srv.Close()
	f, store, dir := testFetcher(t, Options{})
	req := Request{SourceID: "src", Name: "v.csv", URL: srv.URL + "/v.csv", Format: "csv"}
	first, _, err := f.Get(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	second, out, err := f.Get(context.Background(), req)
	if err != nil || out != snapshot.OutcomeUnchanged {
		t.Fatalf("identical bytes: %v %v", out, err)
	}
	if second.Snapshot != first.Snapshot || first.MediaType != "text/csv" {
		t.Errorf("snapshots %+v %+v", first.Snapshot, second.Snapshot)
	}
	if n := objectFiles(t, dir); n != 1 {
		t.Errorf("%d objects, want 1", n)
	}
	if recs := records(t, store); len(recs) != 2 || recs[1].Outcome != snapshot.OutcomeUnchanged || recs[1].Status != 200 {
		t.Errorf("index %+v", recs)
	}
}

func TestNoConditionalGetWhenURLMovedOrObjectLost(t *testing.T) {
	var conditional atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") != "" {
			conditional.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Write([]byte("[1]"))
	}))
	defer srv.Close()
	f, store, dir := testFetcher(t, Options{})
	ctx := context.Background()
	req := Request{SourceID: "src", Name: "a.json", URL: srv.URL + "/old", Format: "json"}
	first, _, err := f.Get(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	req.URL = srv.URL + "/new"
	moved, out, err := f.Get(ctx, req)
	if err != nil || out != snapshot.OutcomeUnchanged || conditional.Load() != 0 || moved.SHA256 != first.SHA256 {
		t.Fatalf("moved URL: %v %v, %d conditional requests", out, err, conditional.Load())
	}
	if err := os.Remove(store.ObjectPath(first.SHA256)); err != nil {
		t.Fatal(err)
	}
	restored, _, err := f.Get(ctx, req)
	if err != nil || conditional.Load() != 0 || body(t, restored) != "[1]" || objectFiles(t, dir) != 1 {
		t.Fatalf("lost object: %v, %d conditional requests", err, conditional.Load())
	}
}
