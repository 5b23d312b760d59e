package schedule

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// storeRunner reports fixed source states, as the snapshot store would
// after a `cubaexports run` the daemon did not do.
type storeRunner struct {
	testRunner
	states map[string]SourceState
}

func (r *storeRunner) Sources(context.Context) (map[string]SourceState, error) { return r.states, nil }

// A source whose fetch failed outside the daemon (an error answer stored
// by `cubaexports run`) is listed by /healthz with its error and since
// when, and /metrics gives the time; once it recovers it is listed no more.
func TestHealthzReadsStoreFailures(t *testing.T) {
	since := time.Date(2026, 12, 5, 6, 0, 0, 0, time.UTC)
	r := &storeRunner{states: map[string]SourceState{
		"worldbank_gdp": {LastSuccess: since.Add(-time.Hour), FailingSince: since, Error: "the World Bank API answered with an error"},
		"bls_cpi":       {LastSuccess: since},
	}}
	d, err := New(testConfig(t, r, Source{ID: "worldbank_gdp", Spec: "@daily"}, Source{ID: "bls_cpi", Spec: "@daily"}))
	if err != nil {
		t.Fatal(err)
	}
	d.checkStale()
	hz := d.Healthz()
	if len(hz.FailingSources) != 1 {
		t.Fatalf("failing sources %+v, want worldbank_gdp", hz.FailingSources)
	}
	if f := hz.FailingSources[0]; f.Source != "worldbank_gdp" || !f.Since.Equal(since) || !strings.Contains(f.Error, "answered with an error") || f.Outcome != "failed" {
		t.Errorf("failing source %+v", f)
	}
	rec := httptest.NewRecorder()
	d.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	for _, want := range []string{
		`cubaexports_source_failing_since_timestamp_seconds{source="worldbank_gdp"} 1.7964504e+09`,
		`cubaexports_source_failing_since_timestamp_seconds{source="bls_cpi"} 0`,
	} {
		if !strings.Contains(rec.Body.String(), want) {
			t.Errorf("/metrics lacks %q:\n%s", want, rec.Body.String())
		}
	}
	r.states["worldbank_gdp"] = SourceState{LastSuccess: since.Add(time.Hour)}
	d.checkStale()
	if hz := d.Healthz(); len(hz.FailingSources) != 0 {
		t.Errorf("after the recovery: failing sources %+v", hz.FailingSources)
	}
}
