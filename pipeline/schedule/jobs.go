package schedule

import (
	"context"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/cubaexports/cubaexports/pipeline/ledger"
	"github.com/cubaexports/cubaexports/pipeline/runlock"
)

// job is one schedulable unit: the fetch of a source, or the release.
type job struct {
	key    string // "fetch:<source>" or "release"
	name   string // ledger.JobFetch or ledger.JobRelease
	source string
}

func fetchJob(source string) job {
	return job{key: ledger.JobFetch + ":" + source, name: ledger.JobFetch, source: source}
}

func releaseJob() job { return job{key: ledger.JobRelease, name: ledger.JobRelease} }

// fire runs one firing of j. A firing while the previous one of the same
// job still runs is skipped (like cron.SkipIfStillRunning) and a firing
// with the id of the last one is a duplicate; both are logged, the skip
// also recorded. A panic is recovered (like cron.Recover), recorded as
// the firing's outcome and reported; the daemon keeps running. Every
// other firing takes the run lock, waiting for it, and is recorded in the
// ledger when it ends.
func (d *Daemon) fire(j job, trigger string, at time.Time) {
	// A cron firing's id is the second it was due; a release asked for
	// by a fetch is never a duplicate, so its id has milliseconds.
	layout := time.RFC3339
	if trigger != "cron" && trigger != "catch-up" {
		layout = "2006-01-02T15:04:05.000Z07:00"
	}
	id := j.key + "@" + at.UTC().Format(layout)
	d.mu.Lock()
	p := d.cfg
	switch {
	case d.stopping:
		d.mu.Unlock()
		return
	case d.lastID[j.key] == id:
		d.mu.Unlock()
		p.Log.Info("duplicate trigger ignored", "run", id)
		return
	case d.running[j.key]:
		d.mu.Unlock()
		p.Log.Warn("skipped: the previous run of this job is still running", "run", id)
		now := time.Now()
		d.record(p, j, ledger.Record{ID: id, Job: j.name, Source: j.source, Trigger: trigger, Start: now, End: now,
			Outcome: ledger.Skipped, Note: "the previous run of this job was still running"})
		return
	}
	d.running[j.key], d.lastID[j.key] = true, id
	d.jobs.Add(1)
	d.mu.Unlock()
	defer func() {
		d.mu.Lock()
		delete(d.running, j.key)
		d.mu.Unlock()
		d.jobs.Done()
	}()
	rec := ledger.Record{ID: id, Job: j.name, Source: j.source, Trigger: trigger, Start: time.Now()}
	p.Log.Info("job started", "run", id, "trigger", trigger)
	d.guarded(p, j, &rec)
	rec.End = time.Now()
	d.record(p, j, rec)
}

// guarded runs the job under the lock and the job timeout, turning a
// panic into the record's outcome.
func (d *Daemon) guarded(p *parsed, j job, rec *ledger.Record) {
	defer func() {
		if v := recover(); v != nil {
			rec.Outcome, rec.Error = ledger.Panic, fmt.Sprint(v)
			p.Log.Error("job panicked; the daemon keeps running", "run", rec.ID, "panic", v, "stack", string(debug.Stack()))
		}
	}()
	ctx, cancel := context.WithTimeout(d.jobCtx, p.JobTimeout)
	defer cancel()
	lock, err := runlock.Acquire(ctx, p.LockPath, "schedule "+rec.ID, 0, func(b *runlock.BusyError) {
		p.Log.Info("waiting for the run lock", "run", rec.ID, "lock", b.Path, "holder_pid", b.PID)
	})
	if err != nil {
		rec.Outcome, rec.Error = ledger.Failed, err.Error()
		return
	}
	defer lock.Release()
	if j.name == ledger.JobFetch {
		d.fetch(ctx, p, j, rec)
	} else {
		d.releaseNow(ctx, p, rec)
	}
	if rec.Outcome == ledger.Failed && d.jobCtx.Err() != nil {
		rec.Outcome = ledger.Interrupted // the daemon is stopping, the job did not fail
	}
}

func (d *Daemon) fetch(ctx context.Context, p *parsed, j job, rec *ledger.Record) {
	f, err := p.Runner.Fetch(ctx, j.source)
	if err != nil {
		rec.Outcome, rec.Error = ledger.Failed, err.Error()
		return
	}
	rec.Outcome, rec.Bytes, rec.NewSnapshot = ledger.OK, f.Bytes, f.New
	if f.New {
		d.mu.Lock()
		d.dirty = true
		d.mu.Unlock()
		d.wantRelease("after fetch of " + j.source)
	}
}

func (d *Daemon) releaseNow(ctx context.Context, p *parsed, rec *ledger.Record) {
	d.mu.Lock()
	dirty := d.dirty
	d.dirty = false
	d.mu.Unlock()
	if !dirty {
		rec.Outcome, rec.Note = ledger.OK, "nothing new fetched since the last release job"
		return
	}
	r, err := p.Runner.Release(ctx)
	if err != nil {
		d.mu.Lock()
		d.dirty = true // try again next time
		d.mu.Unlock()
		rec.Outcome, rec.Error = ledger.Failed, err.Error()
		return
	}
	rec.Outcome = ledger.OK
	if r.Changed {
		rec.Version = r.Version
	} else {
		rec.Note = "data unchanged since " + r.Version
	}
}

// record appends rec to the ledger, logs it, updates the health and
// metrics, and sends the notifications its transitions call for.
func (d *Daemon) record(p *parsed, j job, rec ledger.Record) {
	if err := d.ledger.Append(rec); err != nil {
		p.Log.Error("run ledger", "err", err)
	}
	attrs := []any{"run", rec.ID, "outcome", rec.Outcome, "duration", rec.Duration().Round(time.Millisecond)}
	switch {
	case rec.Error != "":
		p.Log.Error("job ended", append(attrs, "err", rec.Error)...)
	case rec.Version != "":
		p.Log.Info("job ended: released", append(attrs, "version", rec.Version)...)
	default:
		p.Log.Info("job ended", append(attrs, "bytes", rec.Bytes, "new_snapshot", rec.NewSnapshot, "note", rec.Note)...)
	}
	for _, m := range d.health.observe(j, rec) {
		d.send(p, m)
	}
	d.checkStale()
}
