package schedule

import (
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"time"

	"github.com/cubaexports/cubaexports/pipeline/ledger"
)

// Healthz is the body of /healthz.
type Healthz struct {
	OK bool `json:"ok"`
	// LastReleaseJob is the last release job's firing; nil if none ran.
	LastReleaseJob *JobStatus `json:"last_release_job"`
	// StaleSources have no successful fetch within their update period.
	StaleSources []string `json:"stale_sources"`
	// FailingSources' last fetch failed (they turn stale later): by a
	// job of this daemon, or as the snapshot store records it (also a
	// fetch by `cubaexports run`), with since when.
	FailingSources []JobStatus `json:"failing_sources"`
}

// JobStatus is one job's last firing.
type JobStatus struct {
	Source  string    `json:"source,omitempty"`
	Run     string    `json:"run"`
	End     time.Time `json:"end"`
	Outcome string    `json:"outcome"`
	Version string    `json:"version,omitempty"`
	Error   string    `json:"error,omitempty"`
	// Since is when a failing source's fetches started failing.
	Since time.Time `json:"since,omitzero"`
}

func jobStatus(r ledger.Record) JobStatus {
	return JobStatus{Source: r.Source, Run: r.ID, End: r.End.UTC(), Outcome: r.Outcome, Version: r.Version, Error: r.Error}
}

// Healthz reports the daemon's health: OK when the last release job (if
// any ran) succeeded and no source is stale.
func (d *Daemon) Healthz() Healthz {
	h := d.health
	h.mu.Lock()
	defer h.mu.Unlock()
	out := Healthz{OK: true, StaleSources: []string{}, FailingSources: []JobStatus{}}
	if r, ok := h.last[releaseJob().key]; ok {
		js := jobStatus(r)
		out.LastReleaseJob = &js
		out.OK = !failed(r)
	}
	for _, id := range slices.Sorted(maps.Keys(h.sources)) {
		if h.sources[id].stale {
			out.StaleSources = append(out.StaleSources, id)
			out.OK = false
		}
		s := h.sources[id]
		switch r, ok := h.last[fetchJob(id).key]; {
		case ok && failed(r):
			js := jobStatus(r)
			js.Since = s.failingSince.UTC()
			out.FailingSources = append(out.FailingSources, js)
		case !s.failingSince.IsZero():
			out.FailingSources = append(out.FailingSources, JobStatus{Source: id, Outcome: ledger.Failed,
				Error: s.failErr, Since: s.failingSince.UTC()})
		}
	}
	return out
}

// Handler serves GET /healthz (200 when healthy, else 503, with the
// Healthz JSON) and GET /metrics (Prometheus text format).
func (d *Daemon) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		hz := d.Healthz()
		w.Header().Set("Content-Type", "application/json")
		if !hz.OK {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		_ = enc.Encode(hz)
	})
	mux.HandleFunc("GET /metrics", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		_ = writeFamilies(w, d.metrics())
	})
	return mux
}

// metrics is the daemon's state as metric families.
func (d *Daemon) metrics() []family {
	h := d.health
	h.mu.Lock()
	defer h.mu.Unlock()
	runs := family{name: "cubaexports_job_runs_total", typ: "counter",
		help: "Job firings since the daemon started, by job, source and outcome (ok, failed, panic, skipped)."}
	for k, n := range h.runs {
		runs.samples = append(runs.samples, sample{labels: jobLabels(k[0], k[1], "outcome", k[2]), value: float64(n)})
	}
	dur := family{name: "cubaexports_job_duration_seconds", typ: "summary",
		help: "Duration of the job firings that ran, since the daemon started."}
	for k, v := range h.dur {
		dur.samples = append(dur.samples, sample{suffix: "_sum", labels: jobLabels(k[0], k[1]), value: v.sum},
			sample{suffix: "_count", labels: jobLabels(k[0], k[1]), value: float64(v.count)})
	}
	success := family{name: "cubaexports_source_last_success_timestamp_seconds", typ: "gauge",
		help: "Unix time of the source's last successful fetch; 0 if never."}
	stale := family{name: "cubaexports_source_stale", typ: "gauge",
		help: "1 when the source's last successful fetch is older than its update period."}
	period := family{name: "cubaexports_source_update_period_seconds", typ: "gauge",
		help: "The source's expected update period; 0 when it has none."}
	failing := family{name: "cubaexports_source_failing_since_timestamp_seconds", typ: "gauge",
		help: "Unix time since which the source's fetches fail (download, error answer, extraction, layout); 0 when its last fetch did not fail."}
	for id, s := range h.sources {
		l := map[string]string{"source": id}
		success.samples = append(success.samples, sample{labels: l, value: unix(s.lastSuccess)})
		stale.samples = append(stale.samples, sample{labels: l, value: b2f(s.stale)})
		period.samples = append(period.samples, sample{labels: l, value: h.periods[id].Seconds()})
		failing.samples = append(failing.samples, sample{labels: l, value: unix(s.failingSince)})
	}
	written := family{name: "cubaexports_releases_written_total", typ: "counter",
		help:    "New release versions written by this daemon since it started.",
		samples: []sample{{value: float64(h.written)}}}
	relOK := family{name: "cubaexports_last_release_job_ok", typ: "gauge",
		help: "1 when the last release job succeeded or none ran yet, else 0."}
	r, ran := h.last[releaseJob().key]
	relOK.samples = []sample{{value: b2f(!ran || !failed(r))}}
	return []family{runs, dur, success, stale, period, failing, written, relOK}
}

func jobLabels(job, source string, more ...string) map[string]string {
	l := map[string]string{"job": job}
	if source != "" {
		l["source"] = source
	}
	for i := 0; i+1 < len(more); i += 2 {
		l[more[i]] = more[i+1]
	}
	return l
}

func unix(t time.Time) float64 {
	if t.IsZero() {
		return 0
	}
	return float64(t.UnixNano()) / 1e9
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
