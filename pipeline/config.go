package pipeline

import (
	"bytes"
	"crypto/ed25519"
	"fmt"
	"log/slog"
	"os"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/cubaexports/cubaexports/pipeline/fetch"
	"github.com/cubaexports/cubaexports/pipeline/release"
	"github.com/cubaexports/cubaexports/sources"
)

// Config is what a run needs. File holds what cubaexports.yaml may set;
// flags override it.
type Config struct {
	File    File
	Offline bool
	Date    time.Time // release date (from SOURCE_DATE_EPOCH when set)
	Program release.Program
	Log     *slog.Logger
	// DataDir holds the snapshot store (default "data").
	DataDir string
	// RunLocked says the caller holds DATA's run lock (pipeline/runlock)
	// for the whole run: Run then first removes the temporary files of
	// runs that died (DATA/tmp, objects/.tmp-*), since none can be live.
	RunLocked bool
	// Wait makes the release wait for the output directory's lock while
	// another process writes releases there (release.Input.Wait).
	Wait bool
	// Fetch tunes the fetcher (timeouts, retries; tests shorten them).
	Fetch fetch.Options
	// Getenv reads the environment for URL overrides
	// (CUBAEXPORTS_URL_<SOURCE_ID>); nil reads none.
	Getenv func(string) string
	// DryRun computes the next version and its changelog without writing.
	DryRun bool
	// AcceptRegressions is why regressions against the previous release
	// are accepted ("" blocks them).
	AcceptRegressions string
	// SignKey, when set, signs the release's SHA256SUMS
	// (release.Input.SignKey). It comes from the command line, never from
	// a configuration file.
	SignKey ed25519.PrivateKey
	// ReserveDOI, when set, reserves a new version's DOI before it is
	// sealed (release.Input.ReserveDOI).
	ReserveDOI release.ReserveFunc
}

// File is the content of cubaexports.yaml.
type File struct {
	Out     string                      `yaml:"out,omitempty"`
	Data    string                      `yaml:"data,omitempty"`
	Sources map[string]sources.Override `yaml:"sources,omitempty"`
	// BaseYear is the year of the constant dollars of value_usd_const
	// (0: the latest year whose December CPI-U index is published).
	BaseYear int64 `yaml:"base_year,omitempty"`
	// Schedule and Notify configure `cubaexports schedule`
	// (docs/deployment.md); the sources' cron specs are in Sources.
	Schedule ScheduleFile `yaml:"schedule,omitempty"`
	Notify   NotifyFile   `yaml:"notify,omitempty"`
	// Dir is the directory of the configuration file; relative source
	// paths are resolved against it. Not read from YAML.
	Dir string `yaml:"-"`
	// Raw is the file's bytes, hashed into the release's provenance.
	Raw []byte `yaml:"-"`
}

// LoadFile reads a cubaexports.yaml strictly: unknown keys are errors.
func LoadFile(path string) (File, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return File{}, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	var f File
	if err := dec.Decode(&f); err != nil {
		return File{}, fmt.Errorf("%s: %w", path, err)
	}
	f.Raw = raw
	return f, nil
}

// ScheduleFile is the schedule section of cubaexports.yaml.
type ScheduleFile struct {
	// Release is the release job's cron spec; empty releases after every
	// fetch that stored new documents.
	Release string `yaml:"release,omitempty"`
	// TimeZone is the zone of specs without CRON_TZ= (default UTC).
	TimeZone string `yaml:"time_zone,omitempty"`
	// JobTimeout bounds one job (Go duration, default 1h).
	JobTimeout string `yaml:"job_timeout,omitempty"`
	// ShutdownTimeout is how long SIGTERM waits for a running job
	// (default 5m).
	ShutdownTimeout string `yaml:"shutdown_timeout,omitempty"`
	// CheckInterval is how often staleness is checked between jobs
	// (default 1m).
	CheckInterval string `yaml:"check_interval,omitempty"`
}

// NotifyFile is the notify section of cubaexports.yaml.
type NotifyFile struct {
	Webhook string   `yaml:"webhook,omitempty"` // URL receiving a JSON POST with a Slack-compatible "text"
	Command []string `yaml:"command,omitempty"` // program and arguments run with the message as JSON on stdin
	Retries *int     `yaml:"retries,omitempty"` // webhook retries after the first attempt (default 3)
	Backoff string   `yaml:"backoff,omitempty"` // wait before the first retry, doubling (default 2s)
}
