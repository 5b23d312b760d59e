package schedule

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/cubaexports/cubaexports/pipeline/ledger"
	"github.com/cubaexports/cubaexports/sources"
)

// Daemon runs the jobs of a Config.
type Daemon struct {
	mu       sync.Mutex
	cfg      *parsed
	cron     *cron.Cron
	entries  []cron.EntryID
	ledger   *ledger.Ledger
	running  map[string]bool   // job key -> a firing is running
	lastID   map[string]string // job key -> id of its last firing
	dirty    bool              // new documents since the last release job
	stopping bool
	health   *health
	release  chan string // trigger of a release after fetches; holds one
	jobs     sync.WaitGroup
	notes    sync.WaitGroup
	jobCtx   context.Context
	cancel   context.CancelFunc
}

// New checks cfg (every cron spec parsed; a bad one is an error naming
// its source) and reads the ledger for the state of the last firings.
func New(cfg Config) (*Daemon, error) {
	p, err := cfg.check()
	if err != nil {
		return nil, err
	}
	d := &Daemon{cfg: p, ledger: ledger.Open(cfg.LedgerDir), running: map[string]bool{}, lastID: map[string]string{},
		dirty: true, release: make(chan string, 1)}
	recs, err := d.ledger.Read()
	if err != nil {
		return nil, err
	}
	d.health = newHealth(p, recs)
	d.jobCtx, d.cancel = context.WithCancel(context.Background())
	d.cron = cron.New(cron.WithParser(sources.ScheduleParser()), cron.WithLocation(p.Location),
		cron.WithLogger(cronLogger{p.Log}))
	return d, nil
}

// Run schedules the jobs until ctx is done: it first catches up once on
// the firings missed while no daemon ran (a job whose spec fired since its
// last ledger record, or never ran), then fires each job on its spec.
// When ctx is done it stops scheduling, waits up to shutdown for a running
// job to finish, then cancels it, and returns nil.
func (d *Daemon) Run(ctx context.Context, shutdown time.Duration) error {
	d.mu.Lock()
	d.schedule(d.cfg)
	d.mu.Unlock()
	d.cron.Start()
	d.cfg.Log.Info("schedule started", "jobs", len(d.cron.Entries()), "ledger", d.ledger.Path())
	d.jobs.Add(2)
	go func() { defer d.jobs.Done(); d.catchUp() }()
	go func() { defer d.jobs.Done(); d.releaseLoop(ctx) }()
	tick := time.NewTicker(d.cfg.CheckInterval)
	defer tick.Stop()
	d.checkStale()
	for {
		select {
		case <-tick.C:
			d.checkStale()
		case <-ctx.Done():
			return d.stop(shutdown)
		}
	}
}

func (d *Daemon) stop(shutdown time.Duration) error {
	d.mu.Lock()
	d.stopping = true
	d.mu.Unlock()
	d.cron.Stop()
	d.cfg.Log.Info("shutting down: no new jobs; waiting for a running job", "deadline", shutdown)
	if !waitFor(&d.jobs, shutdown) {
		d.cfg.Log.Warn("shutdown deadline passed: cancelling the running job")
		d.cancel()
		waitFor(&d.jobs, 30*time.Second)
	}
	d.cancel()
	waitFor(&d.notes, 30*time.Second)
	d.cfg.Log.Info("schedule stopped")
	return nil
}

// waitFor waits for wg up to limit; false if the limit passed.
func waitFor(wg *sync.WaitGroup, limit time.Duration) bool {
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
		return true
	case <-time.After(limit):
		return false
	}
}

// Reload replaces the configuration. An invalid one is an error and the
// old schedule keeps running. A running job finishes with the old one.
func (d *Daemon) Reload(cfg Config) error {
	p, err := cfg.check()
	if err != nil {
		return fmt.Errorf("reload rejected, the previous schedule keeps running: %w", err)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.stopping {
		return errors.New("reload: shutting down")
	}
	for _, id := range d.entries {
		d.cron.Remove(id)
	}
	d.entries = nil
	d.cfg = p
	d.schedule(p)
	d.health.configure(p)
	p.Log.Info("configuration reloaded", "jobs", len(d.entries))
	return nil
}

// schedule adds the cron entries of p; d.mu held.
func (d *Daemon) schedule(p *parsed) {
	for _, s := range p.Sources {
		sch, ok := p.fetch[s.ID]
		if !ok {
			continue
		}
		id := d.cron.Schedule(sch, cron.FuncJob(func() { d.fire(fetchJob(s.ID), "cron", firedAt()) }))
		d.entries = append(d.entries, id)
		p.Log.Info("scheduled", "job", "fetch", "source", s.ID, "spec", s.Spec)
	}
	if p.release != nil {
		d.entries = append(d.entries, d.cron.Schedule(p.release, cron.FuncJob(func() { d.fire(releaseJob(), "cron", firedAt()) })))
		p.Log.Info("scheduled", "job", "release", "spec", p.ReleaseSpec)
	} else {
		p.Log.Info("scheduled", "job", "release", "spec", "after a fetch that stored new documents")
	}
}

// firedAt is the second a cron firing was due: cron wakes at it.
func firedAt() time.Time { return time.Now().Truncate(time.Second) }

// catchUp fires once, one after the other, each job whose spec came due
// since its last ledger record, or that has none; then a release.
func (d *Daemon) catchUp() {
	d.mu.Lock()
	p := d.cfg
	d.mu.Unlock()
	now := time.Now().In(p.Location)
	for _, s := range p.Sources {
		sch, ok := p.fetch[s.ID]
		if !ok {
			continue
		}
		last := d.health.lastFiring(fetchJob(s.ID).key)
		if last.IsZero() || !sch.Next(last.In(p.Location)).After(now) {
			d.fire(fetchJob(s.ID), "catch-up", now.Truncate(time.Second))
		}
	}
	if p.release == nil {
		d.wantRelease("start-up")
		return
	}
	if last := d.health.lastFiring(releaseJob().key); last.IsZero() || !p.release.Next(last.In(p.Location)).After(now) {
		d.fire(releaseJob(), "catch-up", now.Truncate(time.Second))
	}
}

// releaseLoop runs the release job each time a release is wanted, when
// the release has no spec of its own.
func (d *Daemon) releaseLoop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case why := <-d.release:
			d.fire(releaseJob(), why, time.Now().Truncate(time.Millisecond))
		}
	}
}

// wantRelease asks for a release after fetches; requests made while one
// is pending are merged into it.
func (d *Daemon) wantRelease(why string) {
	d.mu.Lock()
	spec := d.cfg.release != nil
	d.mu.Unlock()
	if spec {
		return
	}
	select {
	case d.release <- why:
	default:
	}
}

// cronLogger sends cron's own messages to slog.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }
func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "err", err)...)
}
