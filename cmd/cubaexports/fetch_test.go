package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// cliEnv runs the binary in dir with extra environment variables.
func cliEnv(t *testing.T, dir string, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "SOURCE_DATE_EPOCH="+epoch), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{code, out.String(), errb.String()}
}

// The exchange-rate source fetched over real HTTP (a loopback server
// serving the real World Bank bulk CSV): snapshots are stored and listed,
// verify confirms them, a second run fetches nothing new, and with the
// server down the run keeps the last good snapshot, warns, and exits 0.
func TestFetchSnapshotsStatus(t *testing.T) {
	body, err := os.ReadFile("../../sources/worldbank/data/API_PA.NUS.FCRF_DS2_en_csv_v2_22859.csv")
	if err != nil {
		t.Fatal(err)
	}
	var down, garbage atomic.Bool
	// The csvtable sources (exchange-rate cross-checks, CPI) are served
	// their real bootstrap files, whatever the World Bank route does.
	csvFiles := map[string]string{"/fed/yearly.csv": "fed_yearly.csv",
		"/imf/imf_exchangerates_A_ENDA_USD.csv": "imf_exchangerates_A_ENDA_USD.csv", "/bls/cpiai.csv": "bls_cpiai.csv"}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if name, ok := csvFiles[r.URL.Path]; ok {
			http.ServeFile(w, r, filepath.Join("../../sources/csvtable/data", name))
			return
		}
		if ind, ok := strings.CutPrefix(r.URL.Path, "/wdi/v2/country/CUB/indicator/"); ok {
			w.Write(wdiPage(ind)) // the macro entries' API, whatever the World Bank route does
			return
		}
		if down.Load() {
			http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
			return
		}
		if garbage.Load() { // text, so it passes the format check, but not the World Bank's layout
			w.Header().Set("ETag", `"garbage"`)
			w.Write([]byte("SYNTHETIC,not,a,World,Bank,file\n1,2,3,4,5,6\n"))
			return
		}
		w.Header().Set("ETag", `"wdi-1"`)
		if r.Header.Get("If-None-Match") == `"wdi-1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Write(body)
	}))
	defer srv.Close()
	dir := t.TempDir()
	env := []string{"CUBAEXPORTS_URL_WORLDBANK_FX=" + srv.URL + "/v2/country/all/indicator/PA.NUS.FCRF/API_PA.NUS.FCRF_DS2_en_csv_v2_22859.csv",
		"CUBAEXPORTS_URL_FED_FX=" + srv.URL + "/fed/yearly.csv",
		"CUBAEXPORTS_URL_IMF_FX=" + srv.URL + "/imf/imf_exchangerates_A_ENDA_USD.csv",
		"CUBAEXPORTS_URL_BLS_CPI=" + srv.URL + "/bls/cpiai.csv"}
	for id, ind := range map[string]string{"WORLDBANK_GDP": "NY.GDP.MKTP.CD", "WORLDBANK_EXPORTS_PCT_GDP": "NE.EXP.GNFS.ZS",
		"WORLDBANK_MERCHANDISE_EXPORTS": "TX.VAL.MRCH.CD.WT"} {
		env = append(env, "CUBAEXPORTS_URL_"+id+"="+srv.URL+"/wdi/v2/country/CUB/indicator/"+ind+"?format=json&date=1960:2030&per_page=100")
	}

	r := must(t, cliEnv(t, dir, env, "run"), 0)
	if !strings.Contains(r.stdout, "released v1.0.0") {
		t.Fatalf("run: %s", r.stdout)
	}
	r = must(t, cliEnv(t, dir, env, "snapshots", "worldbank_fx"), 0)
	if !strings.Contains(r.stdout, "worldbank_fx") || !strings.Contains(r.stdout, " new ") {
		t.Errorf("snapshots:\n%s", r.stdout)
	}
	must(t, cliEnv(t, dir, env, "snapshots", "verify"), 0)

	objects := func() int {
		n := 0
		filepath.WalkDir(filepath.Join(dir, "data", "objects"), func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				n++
			}
			return nil
		})
		return n
	}
	// The seven fetched documents (World Bank exchange rates, Fed, IMF,
	// BLS, the three WDI API pages), and the five embedded curated sheets
	// (fx_rates among them) the release kept for rebuilds.
	if n := objects(); n != 12 {
		t.Errorf("%d stored objects after the first run, want 12", n)
	}
	r = must(t, cliEnv(t, dir, env, "run"), 0)
	if !strings.Contains(r.stdout, "data unchanged since v1.0.0") {
		t.Errorf("second run: %s", r.stdout)
	}
	if n := objects(); n != 12 {
		t.Errorf("%d stored objects after an unchanged refresh, want 12", n)
	}

	// A source serving garbage fails loudly; nothing is published, and
	// its last good snapshot stays current.
	garbage.Store(true)
	before := tree(t, filepath.Join(dir, "out"))
	r = cliEnv(t, dir, env, "run")
	if r.code == 0 || !strings.Contains(r.stderr, "worldbank_fx") {
		t.Errorf("garbage: exit %d\n%s", r.code, r.stderr)
	}
	sameTree(t, before, tree(t, filepath.Join(dir, "out")))
	garbage.Store(false)
	r = must(t, cliEnv(t, dir, env, "release"), 0)
	if !strings.Contains(r.stdout, "data unchanged since v1.0.0") {
		t.Errorf("offline after garbage: %s", r.stdout)
	}

	down.Store(true)
	r = must(t, cliEnv(t, dir, env, "run", "--retries", "0"), 0)
	if !strings.Contains(r.stdout, "stale source worldbank_fx") || !strings.Contains(r.stdout, "data unchanged since v1.0.0") {
		t.Errorf("run with the source down:\n%s\n%s", r.stdout, r.stderr)
	}
	r = must(t, cliEnv(t, dir, env, "status", "--json"), 0)
	var st struct {
		Sources []struct {
			Source      string `json:"source"`
			LastOutcome string `json:"last_outcome"`
			StaleSince  string `json:"stale_since"`
			LastSuccess string `json:"last_success"`
		}
		LatestRelease string `json:"latest_release"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &st); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	found := false
	for _, s := range st.Sources {
		if s.Source == "worldbank_fx" {
			found = true
			if s.StaleSince == "" || s.LastSuccess == "" || s.LastOutcome != "failed" {
				t.Errorf("status: %+v", s)
			}
		}
	}
	if !found || st.LatestRelease != "v1.0.0" {
		t.Errorf("status:\n%s", r.stdout)
	}

	// A flipped byte in the store is found by snapshots verify (exit 1).
	var obj string
	filepath.WalkDir(filepath.Join(dir, "data", "objects"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			obj = p
		}
		return nil
	})
	b, _ := os.ReadFile(obj)
	b[len(b)/2] ^= 1
	os.WriteFile(obj, b, 0o644)
	r = must(t, cliEnv(t, dir, env, "snapshots", "verify"), 1)
	if !strings.Contains(r.stdout+r.stderr, filepath.Base(obj)) {
		t.Errorf("verify does not name the file:\n%s%s", r.stdout, r.stderr)
	}
}

// wdiPage is a SYNTHETIC one-page answer of the World Bank's Indicators
// API for Cuba and the indicator ind: one year, value 1.
func wdiPage(ind string) []byte {
	return []byte(`[{"page":1,"pages":1,"per_page":100,"total":1,"lastupdated":"2099-01-31"},[{"indicator":{"id":"` + ind +
		`","value":"SYNTHETIC"},"country":{"id":"CU","value":"Cuba"},"countryiso3code":"CUB","date":"2019","value":1,"obs_status":"","decimal":0}]]`)
}
