package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/cubaexports/cubaexports/pipeline"
	"github.com/cubaexports/cubaexports/pipeline/ledger"
	"github.com/cubaexports/cubaexports/pipeline/release"
	"github.com/cubaexports/cubaexports/pipeline/schedule"
	"github.com/cubaexports/cubaexports/sources"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// sourceStatus is one line of `cubaexports status`.
type sourceStatus struct {
	Source      string `json:"source"`
	Kind        string `json:"kind"`
	Schedule    string `json:"schedule,omitempty"`
	LastAttempt string `json:"last_attempt,omitempty"`
	LastOutcome string `json:"last_outcome,omitempty"`
	LastSuccess string `json:"last_success,omitempty"`
	// StaleSince is the first failed fetch after the last success.
	StaleSince string `json:"stale_since,omitempty"`
	LastError  string `json:"last_error,omitempty"`
	// Failing: the last fetch failed (download, error answer, extraction,
	// layout drift), since FailingSince, with LastError.
	Failing      bool   `json:"failing"`
	FailingSince string `json:"failing_since,omitempty"`
	// RecoveredAt is set when the last success ended failures that began
	// at RecoveredFrom; the next success clears it (reported once).
	RecoveredAt   string `json:"recovered_at,omitempty"`
	RecoveredFrom string `json:"recovered_from,omitempty"`
	// UpdatePeriod is the catalog's update_period; Stale is true when the
	// last success is older than it (or there is none), from StaleAt on.
	UpdatePeriod string `json:"update_period,omitempty"`
	Stale        bool   `json:"stale"`
	StaleAt      string `json:"stale_at,omitempty"`
	// LastJob is the scheduler's last fetch of the source (run ledger).
	LastJob *ledger.Record `json:"last_job,omitempty"`
	Note    string         `json:"note,omitempty"`
}

// statusReport is what `cubaexports status --json` prints.
type statusReport struct {
	Sources        []sourceStatus `json:"sources"`
	LatestRelease  string         `json:"latest_release"`
	LastReleaseJob *ledger.Record `json:"last_release_job,omitempty"`
	StaleSources   []string       `json:"stale_sources"`
	FailingSources []string       `json:"failing_sources"`
}

func cmdStatus(ctx context.Context, e *env, args []string) error {
	var c common
	var asJSON bool
	fs := newFlags(e, "status", "", "Show each source's last fetch attempt, last success, staleness against its update_period,\n"+
		"the scheduler's last job of it (DATA/runs.jsonl), and the latest release and release job.")
	c.register(fs, false)
	fs.BoolVar(&asJSON, "json", false, "print JSON for machines")
	if err := parse(fs, args); err != nil {
		return err
	}
	cfg, out, err := c.load(e)
	if err != nil {
		return err
	}
	rep, err := status(ctx, cfg, out, time.Now())
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	return printStatus(e, rep)
}

// status gathers the report from the catalog, the snapshot store, the
// run ledger and the releases.
func status(ctx context.Context, cfg pipeline.Config, out string, now time.Time) (statusReport, error) {
	rep := statusReport{StaleSources: []string{}, FailingSources: []string{}}
	cat, err := pipeline.EffectiveCatalog(cfg)
	if err != nil {
		return rep, err
	}
	states, err := storeStatus(ctx, cfg.DataDir)
	if err != nil {
		return rep, err
	}
	byID := map[string]snapshot.SourceStatus{}
	for _, s := range states {
		byID[s.SourceID] = s
	}
	recs, err := ledger.Open(cfg.DataDir).Read()
	if err != nil {
		return rep, err
	}
	jobs := map[string]ledger.Record{}
	for _, r := range recs {
		if r.Outcome != ledger.Skipped {
			jobs[r.Job+":"+r.Source] = r
		}
	}
	for _, src := range cat.Entries {
		l := sourceLine(src, byID[src.ID], now)
		if r, ok := jobs[ledger.JobFetch+":"+src.ID]; ok {
			l.LastJob = &r
		}
		if l.Stale {
			rep.StaleSources = append(rep.StaleSources, src.ID)
		}
		if l.Failing {
			rep.FailingSources = append(rep.FailingSources, src.ID)
		}
		rep.Sources = append(rep.Sources, l)
	}
	if r, ok := jobs[ledger.JobRelease+":"]; ok {
		rep.LastReleaseJob = &r
	}
	rep.LatestRelease, err = release.Latest(out)
	return rep, err
}

func sourceLine(src sources.Entry, st snapshot.SourceStatus, now time.Time) sourceStatus {
	l := sourceStatus{Source: src.ID, Kind: src.Kind, Schedule: src.Schedule, LastOutcome: string(st.LastOutcome),
		LastError: st.LastError, LastAttempt: timeText(st.LastAttempt), LastSuccess: timeText(st.LastSuccess),
		StaleSince: timeText(st.StaleSince), UpdatePeriod: src.UpdatePeriod, Failing: st.Failing}
	switch {
	case st.Failing:
		l.FailingSince, l.LastOutcome = timeText(st.StaleSince), string(snapshot.OutcomeFailed)
	case !st.RecoveredFrom.IsZero():
		l.RecoveredAt, l.RecoveredFrom, l.LastOutcome = timeText(st.LastSuccess), timeText(st.RecoveredFrom), "recovered"
	}
	switch {
	case src.Disabled:
		l.Note = "disabled"
	case !pipeline.Remote(src):
		l.Note = "not fetched: " + src.URL
	case st.LastAttempt.IsZero() && src.Bootstrap != "":
		l.Note = "never fetched: built from its bootstrap documents"
	case st.LastAttempt.IsZero():
		l.Note = "never fetched"
	}
	if src.Disabled || !pipeline.Remote(src) || src.UpdatePeriod == "" {
		return l
	}
	period, _ := sources.ParsePeriod(src.UpdatePeriod) // checked with the catalog
	l.Stale = schedule.IsStale(st.LastSuccess, period, now)
	if !st.LastSuccess.IsZero() {
		l.StaleAt = timeText(st.LastSuccess.Add(period))
	}
	return l
}

func printStatus(e *env, rep statusReport) error {
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tKIND\tLAST ATTEMPT\tOUTCOME\tLAST SUCCESS\tFAILING SINCE\tUPDATE PERIOD\tSTALE\tLAST JOB\tNOTE")
	for _, l := range rep.Sources {
		note := l.Note
		switch {
		case l.Failing && l.LastError != "":
			note = "failing: " + l.LastError
		case l.RecoveredAt != "":
			note = "recovered: fetched again after failing since " + l.RecoveredFrom
		}
		stale := "no"
		switch {
		case l.UpdatePeriod == "" || l.Note == "disabled":
			stale = "-"
		case l.Stale:
			stale = "STALE"
		}
		job := "-"
		if l.LastJob != nil {
			job = l.LastJob.Outcome + " " + timeText(l.LastJob.End)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", l.Source, l.Kind, dash(l.LastAttempt), dash(l.LastOutcome),
			dash(l.LastSuccess), dash(l.StaleSince), dash(l.UpdatePeriod), stale, job, note)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "latest release: %s\n", dash(rep.LatestRelease))
	if r := rep.LastReleaseJob; r != nil {
		what := r.Outcome
		switch {
		case r.Version != "":
			what += ", released " + r.Version
		case r.Error != "":
			what += ": " + r.Error
		case r.Note != "":
			what += ": " + r.Note
		}
		fmt.Fprintf(e.stdout, "last release job: %s at %s (%s)\n", r.ID, timeText(r.End), what)
	}
	if len(rep.FailingSources) > 0 {
		fmt.Fprintf(e.stdout, "failing sources: %s\n", strings.Join(rep.FailingSources, ", "))
	}
	if len(rep.StaleSources) > 0 {
		fmt.Fprintf(e.stdout, "stale sources: %s\n", strings.Join(rep.StaleSources, ", "))
	}
	return nil
}

// storeStatus is the fetch health of the sources in the snapshot store of
// dataDir; none when there is no store (reading creates nothing).
func storeStatus(ctx context.Context, dataDir string) ([]snapshot.SourceStatus, error) {
	if !snapshot.Exists(dataDir) {
		return nil, nil
	}
	store, err := snapshot.OpenStore(dataDir)
	if err != nil {
		return nil, err
	}
	defer store.Close()
	return store.Status(ctx)
}
