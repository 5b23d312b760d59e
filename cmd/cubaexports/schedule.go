package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/cubaexports/cubaexports/pipeline"
	"github.com/cubaexports/cubaexports/pipeline/runlock"
	"github.com/cubaexports/cubaexports/pipeline/schedule"
	"github.com/cubaexports/cubaexports/sources"
)

func cmdSchedule(ctx context.Context, e *env, args []string) error {
	var c common
	var listen string
	fs := newFlags(e, "schedule", "", "Run as a daemon: fetch each source on its cron spec, release when a fetch stored new\n"+
		"documents (or on schedule.release), record every job in DATA/runs.jsonl, notify on failures\n"+
		"and stale sources. SIGINT/SIGTERM stop it gracefully; SIGHUP reloads --config. See docs/deployment.md.")
	c.register(fs, false)
	fs.IntVar(&c.retries, "retries", 3, "retries of a failed download (network errors, 408, 429, 5xx), with exponential backoff")
	fs.StringVar(&listen, "listen", "", "serve /healthz and /metrics on `ADDR` (host:port; a bare port or :port binds 127.0.0.1)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Errorf("schedule takes no arguments, got %s", words(fs.Args()))}
	}
	sc, shutdown, err := scheduleConfig(&c, e)
	if err != nil {
		return err
	}
	d, err := schedule.New(sc)
	if err != nil {
		return err
	}
	log := sc.Log
	if listen != "" {
		ln, err := net.Listen("tcp", listenAddr(listen))
		if err != nil {
			return fmt.Errorf("--listen: %w", err)
		}
		srv := &http.Server{Handler: d.Handler(), ReadHeaderTimeout: 10 * time.Second}
		go srv.Serve(ln)
		defer srv.Close()
		log.Info("listening", "addr", ln.Addr().String())
	}
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go func() {
		for range hup {
			log.Info("SIGHUP: reloading the configuration", "config", c.config)
			next, _, err := scheduleConfig(&c, e)
			if err == nil {
				err = d.Reload(next)
			}
			if err != nil {
				log.Error("reload rejected: the previous schedule keeps running", "err", err)
			}
		}
	}()
	return d.Run(ctx, shutdown)
}

// listenAddr binds a bare port or ":port" to the loopback interface.
func listenAddr(a string) string {
	if _, err := strconv.Atoi(a); err == nil {
		return "127.0.0.1:" + a
	}
	if strings.HasPrefix(a, ":") {
		return "127.0.0.1" + a
	}
	return a
}

// scheduleConfig reads the configuration file and the catalog into the
// daemon's configuration, with the shutdown deadline.
func scheduleConfig(c *common, e *env) (schedule.Config, time.Duration, error) {
	cfg, out, err := c.load(e)
	if err != nil {
		return schedule.Config{}, 0, err
	}
	cat, err := pipeline.EffectiveCatalog(cfg)
	if err != nil {
		return schedule.Config{}, 0, err
	}
	f := cfg.File
	sc := schedule.Config{ReleaseSpec: f.Schedule.Release, LockPath: runlock.Path(cfg.DataDir), LedgerDir: cfg.DataDir,
		Runner: &pipelineRunner{cfg: cfg, out: out, getenv: e.getenv}, Log: cfg.Log,
		Notify: schedule.Notify{Webhook: f.Notify.Webhook, Command: f.Notify.Command, Retries: 3}}
	if f.Notify.Retries != nil {
		sc.Notify.Retries = *f.Notify.Retries
	}
	for _, s := range cat.Entries {
		if s.Disabled || !pipeline.Remote(s) {
			continue
		}
		var period time.Duration
		if s.UpdatePeriod != "" {
			period, _ = sources.ParsePeriod(s.UpdatePeriod) // checked with the catalog
		}
		sc.Sources = append(sc.Sources, schedule.Source{ID: s.ID, Spec: s.Schedule, UpdatePeriod: period})
	}
	if f.Schedule.TimeZone != "" {
		if sc.Location, err = time.LoadLocation(f.Schedule.TimeZone); err != nil {
			return sc, 0, fmt.Errorf("schedule.time_zone %q: %w", f.Schedule.TimeZone, err)
		}
	}
	shutdown := 5 * time.Minute
	for _, dv := range []struct {
		key, val string
		dst      *time.Duration
	}{{"schedule.job_timeout", f.Schedule.JobTimeout, &sc.JobTimeout}, {"schedule.shutdown_timeout", f.Schedule.ShutdownTimeout, &shutdown},
		{"schedule.check_interval", f.Schedule.CheckInterval, &sc.CheckInterval}, {"notify.backoff", f.Notify.Backoff, &sc.Notify.Backoff}} {
		if dv.val == "" {
			continue
		}
		if *dv.dst, err = time.ParseDuration(dv.val); err != nil || *dv.dst <= 0 {
			return sc, 0, fmt.Errorf("%s %q: want a positive Go duration such as 90s or 5m", dv.key, dv.val)
		}
	}
	return sc, shutdown, nil
}

// pipelineRunner does the daemon's jobs with the pipeline.
type pipelineRunner struct {
	cfg    pipeline.Config
	out    string
	getenv func(string) string
}

func (r *pipelineRunner) Fetch(ctx context.Context, source string) (schedule.Fetched, error) {
	cfg := r.cfg
	cfg.Offline = false
	res, err := pipeline.Refresh(ctx, cfg, source)
	return schedule.Fetched{Bytes: res.Bytes, New: res.New}, err
}

// Release builds from the stored documents only: the fetch jobs fetched.
func (r *pipelineRunner) Release(ctx context.Context) (schedule.Released, error) {
	cfg := r.cfg
	cfg.Offline = true
	date, err := pipeline.ReleaseDate(r.getenv("SOURCE_DATE_EPOCH"), time.Now())
	if err != nil {
		return schedule.Released{}, err
	}
	cfg.Date = date
	cfg.RunLocked = true // the daemon runs each job holding the run lock
	res, err := pipeline.Run(ctx, cfg, r.out)
	if err != nil {
		return schedule.Released{}, err
	}
	return schedule.Released{Version: res.Release.Version, Changed: res.Release.Changed}, nil
}

func (r *pipelineRunner) Sources(ctx context.Context) (map[string]schedule.SourceState, error) {
	states, err := storeStatus(ctx, r.cfg.DataDir)
	if err != nil {
		return nil, err
	}
	out := map[string]schedule.SourceState{}
	for _, s := range states {
		st := schedule.SourceState{LastSuccess: s.LastSuccess}
		if s.Failing {
			st.FailingSince, st.Error = s.StaleSince, s.LastError
		}
		out[s.SourceID] = st
	}
	return out, nil
}
