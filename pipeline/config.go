package pipeline

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
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
	// CatalogDir is a directory of catalog files (--catalog DIR), laid
	// over the embedded catalog ("": none).
	CatalogDir string
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
	Out  string `yaml:"out,omitempty"`
	Data string `yaml:"data,omitempty"`
	// Sources is the sources section in its map form (id -> fields to
	// change); Entries in its list form (catalog entries, as in
	// sources/catalog.yaml, each added or replacing the entry of its id).
	// A file holds one form or the other.
	Sources map[string]sources.Override `yaml:"-"`
	Entries []sources.Entry             `yaml:"-"`
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
	// Path is the file as named on the command line. Not read from YAML.
	Path string `yaml:"-"`
	// Raw is the file's bytes, hashed into the release's provenance.
	Raw []byte `yaml:"-"`
}

// fileDoc is cubaexports.yaml as decoded: the sources section is read
// once its form (map or list) is known.
type fileDoc struct {
	File    `yaml:",inline"`
	Sources yaml.Node `yaml:"sources,omitempty"`
}

// LoadFile reads a cubaexports.yaml strictly: unknown keys are errors,
// also in its sources section, whose list form is checked as the
// catalog is (the kinds must be registered).
func LoadFile(path string) (File, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return File{}, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	var d fileDoc
	if err := dec.Decode(&d); err != nil && !errors.Is(err, io.EOF) {
		return File{}, fmt.Errorf("%s: %w", path, err)
	}
	f := d.File
	switch d.Sources.Kind {
	case 0:
	case yaml.MappingNode:
		var over struct {
			Sources map[string]sources.Override `yaml:"sources"`
			Others  map[string]yaml.Node        `yaml:",inline"`
		}
		dec := yaml.NewDecoder(bytes.NewReader(raw))
		dec.KnownFields(true)
		if err := dec.Decode(&over); err != nil {
			return File{}, fmt.Errorf("%s: %w", path, err)
		}
		f.Sources = over.Sources
	case yaml.SequenceNode:
		if f.Entries, err = sources.DecodeConfigEntries(path, raw); err != nil {
			return File{}, err
		}
	default:
		return File{}, fmt.Errorf("%s:%d: sources: want a list of catalog entries (as in sources/catalog.yaml) or a map of id to fields to override", path, d.Sources.Line)
	}
	f.Raw, f.Path = raw, path
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
