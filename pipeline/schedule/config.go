package schedule

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/cubaexports/cubaexports/sources"
)

// Runner does the work of the jobs.
type Runner interface {
	// Fetch refreshes one source into the snapshot store.
	Fetch(ctx context.Context, source string) (Fetched, error)
	// Release builds the tables from the stored documents and writes a
	// release when they changed.
	Release(ctx context.Context) (Released, error)
	// Sources gives each source's fetch state as the snapshot store
	// records it, whichever process fetched (a job, or `cubaexports run`).
	Sources(ctx context.Context) (map[string]SourceState, error)
}

// SourceState is a source's fetch state in the snapshot store.
type SourceState struct {
	LastSuccess time.Time // the last successful fetch; zero if none
	// FailingSince is set while the source's fetches fail (downloads,
	// error answers, documents that do not extract), with the last Error.
	FailingSince time.Time
	Error        string
}

// Fetched is what a fetch job did.
type Fetched struct {
	Bytes int64
	New   bool // documents differ from the previous current ones
}

// Released is what a release job did.
type Released struct {
	Version string // the release written, or the latest when none was
	Changed bool   // a new version was written
}

// Source is one source the daemon fetches or watches.
type Source struct {
	ID string
	// Spec is the cron spec of its fetch job; empty: never fetched by the
	// daemon (its staleness is still watched).
	Spec string
	// UpdatePeriod is how old its last successful fetch may be before it
	// is stale; 0 never stale.
	UpdatePeriod time.Duration
}

// Notify says where messages go.
type Notify struct {
	Webhook string
	Command []string
	Retries int           // webhook retries after the first attempt
	Backoff time.Duration // before the first retry, doubling
}

// Config is the daemon's configuration; SIGHUP replaces it (Reload).
type Config struct {
	Sources     []Source
	ReleaseSpec string         // empty: release after a fetch that stored new documents
	Location    *time.Location // of specs without CRON_TZ=; default UTC
	// LockPath is the run lock every job takes (runlock.Path(data)).
	LockPath string
	// LedgerDir holds runs.jsonl (the data directory).
	LedgerDir     string
	Runner        Runner
	Notify        Notify
	JobTimeout    time.Duration // default 1h
	CheckInterval time.Duration // staleness check between jobs; default 1m
	Log           *slog.Logger
}

// parsed is a checked configuration: every spec parsed.
type parsed struct {
	Config
	fetch   map[string]cron.Schedule
	release cron.Schedule // nil: after fetches
}

// check parses every spec, naming the source of a bad one.
func (c Config) check() (*parsed, error) {
	if c.Runner == nil || c.LockPath == "" || c.LedgerDir == "" {
		return nil, errors.New("schedule: Runner, LockPath and LedgerDir are required")
	}
	p := &parsed{Config: c, fetch: map[string]cron.Schedule{}}
	if p.Location == nil {
		p.Location = time.UTC
	}
	if p.JobTimeout <= 0 {
		p.JobTimeout = time.Hour
	}
	if p.CheckInterval <= 0 {
		p.CheckInterval = time.Minute
	}
	if p.Log == nil {
		p.Log = slog.New(slog.DiscardHandler)
	}
	var errs []error
	for _, s := range c.Sources {
		if s.Spec == "" {
			continue
		}
		sch, err := sources.ParseSchedule(s.Spec)
		if err != nil {
			errs = append(errs, fmt.Errorf("source %s: schedule %q: %w", s.ID, s.Spec, err))
			continue
		}
		p.fetch[s.ID] = sch
	}
	if c.ReleaseSpec != "" {
		sch, err := sources.ParseSchedule(c.ReleaseSpec)
		if err != nil {
			errs = append(errs, fmt.Errorf("release schedule %q: %w", c.ReleaseSpec, err))
		}
		p.release = sch
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return p, nil
}
