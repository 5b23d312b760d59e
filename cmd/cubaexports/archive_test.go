package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// `cubaexports archive` as a user runs it: the cited documents of the
// synthetic sheets served by a local publisher (a page, and a URL that
// redirects to a removed one, of which the Wayback Machine has a capture)
// are archived, the summary says what happened, a second run stores
// nothing, and the next release publishes the link statuses.
func TestArchiveCommand(t *testing.T) {
	modified := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var wb *httptest.Server
	pubMux := http.NewServeMux()
	pubMux.HandleFunc("GET /robots.txt", func(w http.ResponseWriter, r *http.Request) {
		http.ServeContent(w, r, "robots.txt", modified, strings.NewReader("User-agent: *\nDisallow:\n"))
	})
	pubMux.HandleFunc("GET /press", func(w http.ResponseWriter, r *http.Request) {
		http.ServeContent(w, r, "press.html", modified, strings.NewReader("<html><p>SYNTHETIC press page: 30,000 doctors in 2019.</p></html>"))
	})
	pubMux.Handle("GET /old-yearbook.xlsx", http.RedirectHandler("/gone.xlsx", http.StatusMovedPermanently))
	pub := httptest.NewServer(pubMux)
	defer pub.Close()
	gone := pub.URL + "/gone.xlsx"
	wb = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/wayback/available" && r.URL.Query().Get("url") == pub.URL+"/old-yearbook.xlsx":
			fmt.Fprintf(w, `{"archived_snapshots": {"closest": {"status": "200", "available": true, "url": %q, "timestamp": "20240101000000"}}}`,
				wb.URL+"/web/20240101000000/"+pub.URL+"/old-yearbook.xlsx")
		case r.URL.Path == "/wayback/available":
			fmt.Fprint(w, `{"archived_snapshots": {}}`)
		case r.URL.Path == "/web/20240101000000id_/"+pub.URL+"/old-yearbook.xlsx":
			http.ServeContent(w, r, "", modified, strings.NewReader("SYNTHETIC archived yearbook text"))
		default:
			http.NotFound(w, r)
		}
	}))
	defer wb.Close()
	dir := copySynthetic(t)
	editCopiedSheet(t, dir, "sources.csv", "https://example.org/synthetic/press", pub.URL+"/press")
	editCopiedSheet(t, dir, "sources.csv", "https://example.org/synthetic/yearbook.xlsx", pub.URL+"/old-yearbook.xlsx")
	env := []string{"CUBAEXPORTS_WAYBACK_AVAILABILITY_URL=" + wb.URL + "/wayback/available", "CUBAEXPORTS_CONTACT=mailto:test@example.org"}

	r := must(t, cliEnv(t, dir, env, "archive", "--config", "c.yaml", "--interval", "0", "--retries", "0"), 0)
	outputHas(t, "archive", r.stdout, "gone 1", "ok 1", "2 stored for the first time", "manifest ",
		"gone: synthetic_yearbook "+pub.URL+"/old-yearbook.xlsx; kept the Wayback copy "+wb.URL+"/web/20240101000000/")
	r = must(t, cliEnv(t, dir, env, "archive", "--config", "c.yaml", "--interval", "0", "--retries", "0"), 0)
	outputHas(t, "second archive", r.stdout, "0 stored for the first time", "nothing changed: manifest")

	must(t, cli(t, dir, "release", "--config", "c.yaml"), 0)
	rows := releaseRows(t, filepath.Join(dir, "out", "releases", "v1.0.0", "data", "sources.csv"))
	got := map[string]string{}
	for _, row := range rows {
		got[row["source_id"]] = row["link_status"] + " " + row["archived_from"] + " " + row["final_url"]
	}
	if got["synthetic_press"] != "ok publisher " || got["synthetic_yearbook"] != "gone wayback "+gone {
		t.Errorf("sources link status %v", got)
	}
}
