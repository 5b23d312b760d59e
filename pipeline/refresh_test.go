package pipeline

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cubaexports/cubaexports/pipeline/fetch"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// Refresh of one source: new bytes are committed and reported new; the
// same bytes again are not new; a document that does not extract, or a
// failed fetch, commits nothing and keeps the last good snapshot current.
func TestRefresh(t *testing.T) {
	body, err := os.ReadFile("../sources/worldbank/data/API_PA.NUS.FCRF_DS2_en_csv_v2_22859.csv")
	if err != nil {
		t.Fatal(err)
	}
	var mode atomic.Int32 // 0 real file, 1 garbage, 2 down
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch mode.Load() {
		case 1:
			w.Write([]byte("SYNTHETIC,not,a,World,Bank,file\n1,2,3,4,5,6\n"))
		case 2:
			http.Error(w, "maintenance", http.StatusServiceUnavailable)
		default:
			w.Write(body)
		}
	}))
	defer srv.Close()
	env := map[string]string{"CUBAEXPORTS_URL_WORLDBANK_FX": srv.URL + "/v2/country/all/indicator/PA.NUS.FCRF/API_PA.NUS.FCRF_DS2_en_csv_v2_22859.csv"}
	cfg := Config{Date: date, DataDir: t.TempDir(), Getenv: func(k string) string { return env[k] },
		Fetch: fetch.Options{MaxRetries: -1, BackoffBase: time.Millisecond}}
	ctx := context.Background()
	r, err := Refresh(ctx, cfg, "worldbank_fx")
	if err != nil || !r.New || r.Bytes != int64(len(body)) || r.Documents != 1 {
		t.Fatalf("first: %+v %v", r, err)
	}
	if r, err = Refresh(ctx, cfg, "worldbank_fx"); err != nil || r.New {
		t.Fatalf("same bytes: %+v %v", r, err)
	}
	for m, want := range map[int32]string{1: "does not extract", 2: "503"} {
		mode.Store(m)
		if _, err := Refresh(ctx, cfg, "worldbank_fx"); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("mode %d: got %v, want %q", m, err, want)
		}
	}
	store, _ := snapshot.OpenStore(cfg.DataDir)
	defer store.Close()
	docs, _, err := store.Current(ctx, "worldbank_fx")
	if err != nil || len(docs) != 1 || docs[0].Size != int64(len(body)) {
		t.Errorf("current after failures: %v %v", docs, err)
	}
	if _, err := Refresh(ctx, cfg, "curated"); err == nil {
		t.Error("refreshed a source that is not fetched")
	}
	if _, err := Refresh(ctx, cfg, "nosuch"); err == nil {
		t.Error("refreshed an unknown source")
	}
}
