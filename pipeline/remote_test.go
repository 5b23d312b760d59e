package pipeline

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cubaexports/cubaexports/pipeline/fetch"
	"github.com/cubaexports/cubaexports/sources"
)

// The failure policy end to end: a network source is fetched into the
// store; when its server fails the last good snapshot is used and the
// source is reported stale; offline builds read the store; a source never
// fetched and without bootstrap documents is skipped with the reason.
func TestRemoteSourceFailurePolicy(t *testing.T) {
	body, err := os.ReadFile("../testdata/synthetic_curated/sources.csv")
	if err != nil {
		t.Fatal(err)
	}
	var down atomic.Bool
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if down.Load() {
			http.Error(w, "maintenance", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Write(body)
	}))
	defer srv.Close()

	data := t.TempDir()
	env := map[string]string{"CUBAEXPORTS_URL_CURATED": srv.URL + "/sheets/sources.csv"}
	off := true // no test reaches the network: the other remote sources stay off
	cfg := Config{Date: date, DataDir: data, Getenv: func(k string) string { return env[k] },
		File: File{Sources: map[string]sources.Override{"worldbank_fx": {Disabled: &off}, "fed_fx": {Disabled: &off},
			"imf_fx": {Disabled: &off}, "bls_cpi": {Disabled: &off}, "worldbank_gdp": {Disabled: &off},
			"worldbank_exports_pct_gdp": {Disabled: &off}, "worldbank_merchandise_exports": {Disabled: &off}}},
		Fetch: fetch.Options{MaxRetries: 1, BackoffBase: time.Millisecond, BackoffMax: time.Millisecond}}

	b, err := Assemble(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(b.Rows.Sources); n < 2 || len(b.Stale) != 0 {
		t.Fatalf("online: %d sources rows, stale %v", n, b.Stale)
	}
	if b.Inputs[0].URL != srv.URL+"/sheets/sources.csv" {
		t.Errorf("input %+v", b.Inputs[0])
	}

	down.Store(true)
	b, err = Assemble(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, stale := b.Stale["curated"]; !stale || len(b.Rows.Sources) < 2 {
		t.Errorf("server down: stale %v, %d rows; want the last good snapshot, marked stale", b.Stale, len(b.Rows.Sources))
	}

	before := hits.Load()
	cfg.Offline = true
	b, err = Assemble(context.Background(), cfg)
	if err != nil || len(b.Rows.Sources) < 2 || hits.Load() != before {
		t.Errorf("offline: %v, %d rows, %d requests", err, len(b.Rows.Sources), hits.Load()-before)
	}

	cfg.DataDir = t.TempDir()
	b, err = Assemble(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if why := b.Skipped["curated"]; !strings.Contains(why, "never fetched (offline run)") {
		t.Errorf("skipped: %v", b.Skipped)
	}
}

func TestEnvironmentOverridesURL(t *testing.T) {
	cfg := Config{Getenv: func(k string) string {
		if k == "CUBAEXPORTS_URL_CURATED" {
			return filepath.Join("some", "dir")
		}
		return ""
	}}
	cat, err := EffectiveCatalog(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var got string
	for _, s := range cat.Entries {
		if s.ID == "curated" {
			got = s.URL
		}
	}
	if got != filepath.Join("some", "dir") {
		t.Errorf("url %q", got)
	}
}
