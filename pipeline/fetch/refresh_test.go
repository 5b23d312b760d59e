package fetch

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/cubaexports/cubaexports/sources/snapshot"
)

func TestRefresh(t *testing.T) {
	var down atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			w.WriteHeader(503)
			return
		}
		w.Write([]byte("[" + r.URL.Path[1:] + "]"))
	}))
	defer srv.Close()
	var logs bytes.Buffer
	f, store, _ := testFetcher(t, Options{MaxRetries: -1, Log: slog.New(slog.NewTextHandler(&logs, nil))})
	get := f.Source("src", "json", 0)
	fetch := func(ctx context.Context) ([]snapshot.Document, error) {
		var docs []snapshot.Document
		for _, name := range []string{"1", "2"} {
			d, err := get.Get(ctx, "page-"+name+".json", srv.URL+"/"+name)
			if err != nil {
				return nil, err
			}
			docs = append(docs, d)
		}
		return docs, nil
	}
	ctx := context.Background()

	down.Store(true)
	_, _, _, err := f.Refresh(ctx, "src", fetch)
	var se *StatusError
	if !errors.Is(err, snapshot.ErrNoSnapshot) || !errors.As(err, &se) || se.Code != 503 {
		t.Fatalf("never fetched: %v", err)
	}

	down.Store(false)
	docs, stale, since, err := f.Refresh(ctx, "src", fetch)
	if err != nil || stale || len(docs) != 2 || body(t, docs[1]) != "[2]" || since.IsZero() {
		t.Fatalf("fresh: %v stale=%v %d docs", err, stale, len(docs))
	}

	down.Store(true)
	old, stale, oldSince, err := f.Refresh(ctx, "src", fetch)
	if err != nil || !stale || !oldSince.Equal(since) || len(old) != 2 || old[0].Snapshot != docs[0].Snapshot || body(t, old[0]) != "[1]" {
		t.Fatalf("fallback: %v stale=%v since %v (want %v)", err, stale, oldSince, since)
	}
	if !bytes.Contains(logs.Bytes(), []byte("using the last good documents")) {
		t.Errorf("no warning logged: %s", logs.String())
	}
	st, _ := store.Status(ctx)
	if len(st) != 1 || !st[0].LastSuccess.Equal(since) || st[0].StaleSince.IsZero() {
		t.Errorf("status %+v", st)
	}

	empty := func(context.Context) ([]snapshot.Document, error) { return nil, nil }
	if _, stale, _, err := f.Refresh(ctx, "src", empty); err != nil || !stale {
		t.Errorf("no documents is a failure: %v stale=%v", err, stale)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, _, _, err := f.Refresh(cancelled, "src", fetch); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}
