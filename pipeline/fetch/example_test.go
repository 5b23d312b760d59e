package fetch_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"os"

	"github.com/cubaexports/cubaexports/pipeline/fetch"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

func ExampleFetcher_Refresh() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"2024"`)
		if r.Header.Get("If-None-Match") == `"2024"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Write([]byte(`[{"page":1}]`))
	}))
	defer srv.Close()
	dir, _ := os.MkdirTemp("", "data")
	defer os.RemoveAll(dir)
	store, err := snapshot.OpenStore(dir)
	if err != nil {
		log.Fatal(err)
	}
	defer store.Close()
	f := fetch.New(store, fetch.Options{})
	get := f.Source("worldbank_gdp", "json", 0)
	for range 2 {
		docs, stale, _, err := f.Refresh(context.Background(), "worldbank_gdp", func(ctx context.Context) ([]snapshot.Document, error) {
			d, err := get.Get(ctx, "page-1.json", srv.URL+"/v2/gdp?page=1")
			return []snapshot.Document{d}, err
		})
		if err != nil {
			log.Fatal(err) // never fetched and failed: skip the source
		}
		recs, _ := store.List(context.Background(), "worldbank_gdp")
		fmt.Println(docs[0].Name, "stale:", stale, "last outcome:", recs[len(recs)-2].Outcome)
	}
	// Output:
	// page-1.json stale: false last outcome: new
	// page-1.json stale: false last outcome: unchanged
}
