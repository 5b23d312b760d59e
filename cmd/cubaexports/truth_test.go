package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
)

// statusLine is the part of one `status --json` source this test reads.
type statusLine struct {
	Source        string `json:"source"`
	LastOutcome   string `json:"last_outcome"`
	LastError     string `json:"last_error"`
	Failing       bool   `json:"failing"`
	FailingSince  string `json:"failing_since"`
	RecoveredAt   string `json:"recovered_at"`
	RecoveredFrom string `json:"recovered_from"`
}

func statusOf(t *testing.T, dir string, env []string, id string) (statusLine, []string) {
	t.Helper()
	r := must(t, cliEnv(t, dir, env, "status", "--json"), 0)
	var rep struct {
		Sources        []statusLine `json:"sources"`
		FailingSources []string     `json:"failing_sources"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	for _, s := range rep.Sources {
		if s.Source == id {
			return s, rep.FailingSources
		}
	}
	t.Fatalf("status has no %s:\n%s", id, r.stdout)
	return statusLine{}, nil
}

// The World Bank answers an error with HTTP 200: the run keeps the last
// good snapshots and says why; status (text and JSON) shows the source
// failing with the error and since when; when the API answers the same
// bytes as before again, the run says the source recovered, once, and
// releases nothing (the same bytes keep their first retrieval time).
func TestErrorAnswerStatusAndRecovery(t *testing.T) {
	var broken atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ind, ok := strings.CutPrefix(r.URL.Path, "/wdi/v2/country/CUB/indicator/")
		if !ok {
			http.NotFound(w, r)
			return
		}
		if broken.Load() && ind == "NY.GDP.MKTP.CD" {
			w.Write([]byte(`[{"message":[{"id":"120","key":"Invalid value","value":"The provided parameter value is not valid"}]}]`))
			return
		}
		w.Write(wdiPage(ind))
	}))
	defer srv.Close()
	dir := t.TempDir()
	var env []string
	for id, ind := range map[string]string{"WORLDBANK_GDP": "NY.GDP.MKTP.CD", "WORLDBANK_EXPORTS_PCT_GDP": "NE.EXP.GNFS.ZS",
		"WORLDBANK_MERCHANDISE_EXPORTS": "TX.VAL.MRCH.CD.WT"} {
		env = append(env, "CUBAEXPORTS_URL_"+id+"="+srv.URL+"/wdi/v2/country/CUB/indicator/"+ind+"?format=json&date=1960:2030&per_page=100")
	}
	env = append(env, unreachableRates(srv.URL)...)
	run := func() result { t.Helper(); return must(t, cliEnv(t, dir, env, "run", "--retries", "0"), 0) }
	if r := run(); !strings.Contains(r.stdout, "released v1.0.0") {
		t.Fatalf("first run:\n%s", r.stdout)
	}
	if s, _ := statusOf(t, dir, env, "worldbank_gdp"); s.Failing || s.LastOutcome != "new" {
		t.Errorf("after the first run: %+v", s)
	}

	broken.Store(true)
	r := run()
	for _, want := range []string{"stale source worldbank_gdp: its fetch failed (", "the World Bank API answered with an error", "data unchanged since v1.0.0"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("run with the error answer lacks %q:\n%s", want, r.stdout)
		}
	}
	s, failing := statusOf(t, dir, env, "worldbank_gdp")
	if !s.Failing || s.LastOutcome != "failed" || s.FailingSince == "" || !strings.Contains(s.LastError, "answered with an error") {
		t.Errorf("status after the error answer: %+v", s)
	}
	if !strings.Contains(strings.Join(failing, " "), "worldbank_gdp") {
		t.Errorf("failing_sources %q lacks worldbank_gdp", failing)
	}
	text := must(t, cliEnv(t, dir, env, "status"), 0).stdout
	if !strings.Contains(text, "failing: ") || !regexpLine(text, `failing sources: .*worldbank_gdp`) {
		t.Errorf("status text:\n%s", text)
	}

	broken.Store(false)
	r = run()
	if !strings.Contains(r.stdout, "recovered source worldbank_gdp: fetched again after failing since "+s.FailingSince) ||
		!strings.Contains(r.stdout, "data unchanged since v1.0.0") {
		t.Errorf("run after the recovery:\n%s", r.stdout)
	}
	rec, _ := statusOf(t, dir, env, "worldbank_gdp")
	if rec.Failing || rec.LastOutcome != "recovered" || rec.RecoveredFrom != s.FailingSince || rec.RecoveredAt == "" {
		t.Errorf("status after the recovery: %+v", rec)
	}
	if r = run(); strings.Contains(r.stdout, "recovered source worldbank_gdp") || !strings.Contains(r.stdout, "data unchanged since v1.0.0") {
		t.Errorf("the recovery reported twice, or a release:\n%s", r.stdout)
	}
	if again, _ := statusOf(t, dir, env, "worldbank_gdp"); again.LastOutcome == "recovered" || again.RecoveredAt != "" {
		t.Errorf("status reports the recovery twice: %+v", again)
	}
	versions, _ := filepath.Glob(filepath.Join(dir, "out", "releases", "v*"))
	if len(versions) != 1 {
		t.Errorf("versions %q, want only v1.0.0", versions)
	}
}

// unreachableRates points the exchange-rate and CPI sources at missing
// URLs of base: they stay stale on their bootstrap documents throughout,
// which the tests here do not look at.
func unreachableRates(base string) []string {
	env := []string{"CUBAEXPORTS_URL_WORLDBANK_FX=" + base + "/none/v2/country/all/indicator/PA.NUS.FCRF/API_PA.NUS.FCRF_DS2_en_csv_v2_22859.csv"}
	for _, id := range []string{"FED_FX", "IMF_FX", "BLS_CPI"} {
		env = append(env, "CUBAEXPORTS_URL_"+id+"="+base+"/none/"+strings.ToLower(id)+".csv")
	}
	return env
}

// regexpLine reports whether a line of text matches expr.
func regexpLine(text, expr string) bool {
	return regexp.MustCompile("(?m)^" + expr + "$").MatchString(text)
}

// A yearbook workbook served over HTTP drifts from its layout map: the run
// ends with exit 4, and status shows the source failing with the drift;
// when the old bytes are served again the run says it recovered and
// releases nothing.
func TestDriftOverHTTPStatusAndRecovery(t *testing.T) {
	fixtures := filepath.Join("..", "..", "sources", "xlsxtable", "testdata")
	good, err := os.ReadFile(filepath.Join(fixtures, "synthetic_8_3_aec2022.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	drifted, err := os.ReadFile(filepath.Join(fixtures, "synthetic_8_3_aec2023.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	var drift atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/aec/8.3.xlsx" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		if drift.Load() {
			w.Write(drifted)
			return
		}
		w.Write(good)
	}))
	defer srv.Close()
	dir := t.TempDir()
	yaml := "sources:\n  onei_aec_services_exports:\n    url: " + srv.URL + "/aec/8.3.xlsx\n    disabled: false\n"
	if err := os.WriteFile(filepath.Join(dir, "c.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	env := unreachableRates(srv.URL)
	for id, ind := range map[string]string{"WORLDBANK_GDP": "NY.GDP.MKTP.CD", "WORLDBANK_EXPORTS_PCT_GDP": "NE.EXP.GNFS.ZS",
		"WORLDBANK_MERCHANDISE_EXPORTS": "TX.VAL.MRCH.CD.WT"} {
		env = append(env, "CUBAEXPORTS_URL_"+id+"="+srv.URL+"/none/v2/country/CUB/indicator/"+ind+"?format=json&date=1960:2030&per_page=100")
	}
	run := func(code int) result {
		t.Helper()
		return must(t, cliEnv(t, dir, env, "run", "--config", "c.yaml", "--retries", "0"), code)
	}
	if r := run(0); !strings.Contains(r.stdout, "released v1.0.0") {
		t.Fatalf("first run:\n%s", r.stdout)
	}
	drift.Store(true)
	if r := run(4); !strings.Contains(r.stderr, "upstream layout changed") {
		t.Errorf("drifted run:\n%s", r.stderr)
	}
	s, _ := statusOf(t, dir, env, "onei_aec_services_exports")
	if !s.Failing || s.FailingSince == "" || !strings.Contains(s.LastError, "upstream layout changed") {
		t.Errorf("status after the drift: %+v", s)
	}
	drift.Store(false)
	r := run(0)
	if !strings.Contains(r.stdout, "recovered source onei_aec_services_exports") || !strings.Contains(r.stdout, "data unchanged since v1.0.0") {
		t.Errorf("run after the recovery:\n%s", r.stdout)
	}
}
