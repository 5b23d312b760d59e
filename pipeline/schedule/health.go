package schedule

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/cubaexports/cubaexports/pipeline/ledger"
)

// health is the daemon's view of its jobs and sources, for /healthz,
// /metrics and the notifications.
type health struct {
	mu      sync.Mutex
	started time.Time // a source never fetched is measured from here
	periods map[string]time.Duration
	sources map[string]*sourceHealth
	last    map[string]ledger.Record // job key -> last firing (not skipped)
	failing map[string]bool          // job key -> its last firing failed
	runs    map[[3]string]int        // {job, source, outcome} -> firings
	dur     map[[2]string]*durations // {job, source}
	written int                      // releases written by this process
}

type sourceHealth struct {
	lastSuccess time.Time
	stale       bool
	// failingSince and failErr: the store's record of failing fetches
	// (by a job or by `cubaexports run`); zero when the last did not fail.
	failingSince time.Time
	failErr      string
}

type durations struct {
	sum   float64
	count int
}

// newHealth starts from the ledger: each job's last firing, and whether
// it failed, so a restart does not announce a failure again.
func newHealth(p *parsed, recs []ledger.Record) *health {
	h := &health{started: time.Now(), sources: map[string]*sourceHealth{}, last: map[string]ledger.Record{}, failing: map[string]bool{},
		runs: map[[3]string]int{}, dur: map[[2]string]*durations{}}
	h.configure(p)
	for _, r := range recs {
		if r.Outcome == ledger.Skipped {
			continue
		}
		k := r.Job
		if r.Source != "" {
			k += ":" + r.Source
		}
		h.last[k] = r
		h.failing[k] = failed(r)
	}
	return h
}

func failed(r ledger.Record) bool { return r.Outcome == ledger.Failed || r.Outcome == ledger.Panic }

// configure sets the watched sources and their update periods.
func (h *health) configure(p *parsed) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.periods = map[string]time.Duration{}
	for _, s := range p.Sources {
		h.periods[s.ID] = s.UpdatePeriod
		if h.sources[s.ID] == nil {
			h.sources[s.ID] = &sourceHealth{}
		}
	}
}

// lastFiring is when a job last fired, from the ledger or this process.
func (h *health) lastFiring(key string) time.Time {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.last[key].Start
}

// message is one notification.
type message struct {
	Text   string    `json:"text"` // Slack-compatible
	Event  string    `json:"event"`
	Job    string    `json:"job,omitempty"`
	Source string    `json:"source,omitempty"`
	Run    string    `json:"run,omitempty"`
	Error  string    `json:"error,omitempty"`
	Time   time.Time `json:"time"`
}

// observe folds a firing in and returns the messages of its transition:
// a job that starts failing, or recovers.
func (h *health) observe(j job, r ledger.Record) []message {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.runs[[3]string{j.name, j.source, r.Outcome}]++
	if r.Outcome == ledger.Skipped || r.Outcome == ledger.Interrupted {
		return nil
	}
	dk := [2]string{j.name, j.source}
	if h.dur[dk] == nil {
		h.dur[dk] = &durations{}
	}
	h.dur[dk].sum += r.Duration().Seconds()
	h.dur[dk].count++
	if r.Version != "" {
		h.written++
	}
	if s := h.sources[j.source]; s != nil && r.Outcome == ledger.OK && r.End.After(s.lastSuccess) {
		s.lastSuccess = r.End
	}
	h.last[j.key] = r
	was, now := h.failing[j.key], failed(r)
	h.failing[j.key] = now
	what := "release"
	if j.source != "" {
		what = "fetch of source " + j.source
	}
	m := message{Job: j.name, Source: j.source, Run: r.ID, Error: r.Error, Time: r.End.UTC()}
	switch {
	case now && !was:
		m.Event, m.Text = j.name+"_failed", fmt.Sprintf("cubaexports: the %s failed (run %s): %s", what, r.ID, r.Error)
	case was && !now:
		m.Event, m.Text = j.name+"_recovered", fmt.Sprintf("cubaexports: the %s works again (run %s)", what, r.ID)
	default:
		return nil
	}
	return []message{m}
}

// checkStale asks the runner for every source's last success and
// notifies the sources that turned stale or fresh.
func (d *Daemon) checkStale() {
	d.mu.Lock()
	p := d.cfg
	d.mu.Unlock()
	ctx, cancel := context.WithTimeout(d.jobCtx, time.Minute)
	defer cancel()
	last, err := p.Runner.Sources(ctx)
	if err != nil {
		p.Log.Error("staleness check", "err", err)
		return
	}
	for _, m := range d.health.stale(last, time.Now()) {
		d.send(p, m)
	}
}

// stale updates the sources' staleness and returns its transitions.
func (h *health) stale(states map[string]SourceState, now time.Time) []message {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []message
	for _, id := range slices.Sorted(maps.Keys(h.sources)) {
		s := h.sources[id]
		st := states[id]
		if t := st.LastSuccess; t.After(s.lastSuccess) {
			s.lastSuccess = t
		}
		s.failingSince, s.failErr = st.FailingSince, st.Error
		period := h.periods[id]
		since := s.lastSuccess
		if since.IsZero() {
			since = h.started // a new daemon gives a never-fetched source one period
		}
		stale := IsStale(since, period, now)
		m := message{Event: "stale", Source: id, Time: now.UTC()}
		switch {
		case stale && !s.stale:
			since := "it was never fetched"
			if !s.lastSuccess.IsZero() {
				since = "its last successful fetch was " + s.lastSuccess.UTC().Format(time.RFC3339)
			}
			m.Text = fmt.Sprintf("cubaexports: source %s is stale: %s, longer ago than its update period %s", id, since, period)
		case !stale && s.stale:
			m.Event, m.Text = "fresh", fmt.Sprintf("cubaexports: source %s is fresh again (fetched %s)", id, s.lastSuccess.UTC().Format(time.RFC3339))
		default:
			continue
		}
		s.stale = stale
		out = append(out, m)
	}
	return out
}

// IsStale reports a source with an update period whose last successful
// fetch (zero: never) is older than the period at now.
func IsStale(lastSuccess time.Time, period time.Duration, now time.Time) bool {
	return period > 0 && now.Sub(lastSuccess) > period
}
