package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/cubaexports/cubaexports/pipeline"
	"github.com/cubaexports/cubaexports/pipeline/release"
	"github.com/cubaexports/cubaexports/pipeline/release/diff"
	"github.com/cubaexports/cubaexports/pipeline/validate"
)

var errHelp = errors.New("help requested")

// common are the flags every command that builds or reads releases takes.
type common struct {
	out, data, config, logFormat, logLevel string
	catalog                                string
	offline                                bool
	retries                                int
}

// newFlags is the flag set of a command. Its help goes to stdout (it was
// asked for); a mistake is reported on stderr by the exit code's message.
func newFlags(e *env, name, args, summary string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stdout)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: cubaexports %s [flags] %s\n\n%s\n\nFlags (before or after the arguments):\n", name, args, summary)
		fs.PrintDefaults()
	}
	return fs
}

func (c *common) register(fs *flag.FlagSet, withOffline bool) {
	fs.StringVar(&c.out, "out", "", "output directory holding releases/ (default ./out, or 'out' in the config file)")
	fs.StringVar(&c.data, "data", "", "data directory holding the snapshot store (default ./data, or 'data' in the config file)")
	fs.StringVar(&c.config, "config", "", "a cubaexports.yaml that overrides catalog entries (see README)")
	fs.StringVar(&c.catalog, "catalog", "", "a directory of catalog files whose entries add to or replace the embedded catalog's (docs/yearbook-layouts.md)")
	fs.StringVar(&c.logFormat, "log-format", "text", "log format: text or json")
	fs.StringVar(&c.logLevel, "log-level", "info", "log level: debug, info, warn or error")
	if withOffline {
		fs.BoolVar(&c.offline, "offline", false, "do not use the network: build from stored and embedded documents only")
		fs.IntVar(&c.retries, "retries", 3, "retries of a failed download (network errors, 408, 429, 5xx), with exponential backoff")
	}
}

// parse parses flags anywhere among the arguments, as git, restic and
// kubectl do ("snapshots verify --data DIR"); after "--" everything is an
// argument. fs.Args() are then the positional arguments, in order.
func parse(fs *flag.FlagSet, args []string) error {
	out := fs.Output()
	fs.SetOutput(io.Discard) // the flag package's own messages; ours follow
	defer fs.SetOutput(out)
	var pos []string
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(out)
			fs.Usage()
			return usageError{errHelp}
		}
		if err != nil {
			return usageError{fmt.Errorf("%w (see 'cubaexports %s --help')", err, fs.Name())}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			pos = append(pos, rest...)
			break
		}
		pos, args = append(pos, rest[0]), rest[1:]
	}
	return fs.Parse(append([]string{"--"}, pos...))
}

// config loads the configuration file (if any) and resolves the output
// directory: flag, then file, then ./out.
func (c *common) load(e *env) (pipeline.Config, string, error) {
	var cfg pipeline.Config
	if c.config != "" {
		f, err := pipeline.LoadFile(c.config)
		if err != nil {
			return cfg, "", err
		}
		f.Dir = filepath.Dir(c.config)
		cfg.File = f
	}
	out := c.out
	if out == "" {
		out = cfg.File.Out
	}
	if out == "" {
		out = "out"
	}
	cfg.DataDir = c.data
	if cfg.DataDir == "" {
		cfg.DataDir = cfg.File.Data
	}
	if cfg.DataDir == "" {
		cfg.DataDir = "data"
	}
	cfg.Getenv, cfg.CatalogDir = e.getenv, c.catalog
	cfg.Fetch.MaxRetries = c.retries
	if c.retries <= 0 {
		cfg.Fetch.MaxRetries = -1
	}
	date, err := pipeline.ReleaseDate(e.getenv("SOURCE_DATE_EPOCH"), time.Now())
	if err != nil {
		return cfg, "", usageError{err}
	}
	cfg.Date, cfg.Offline = date, c.offline
	cfg.Program = release.Program{Name: "cubaexports", Version: version, Commit: commit, GoVersion: runtime.Version()}
	cfg.Log, err = logger(e.stderr, c.logFormat, c.logLevel)
	return cfg, out, err
}

func logger(w io.Writer, format, level string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, usageError{fmt.Errorf("--log-level %q: want debug, info, warn or error", level)}
	}
	opt := &slog.HandlerOptions{Level: lv}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opt)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opt)), nil
	}
	return nil, usageError{fmt.Errorf("--log-format %q: want text or json", format)}
}

// isValidationSentinel reports the errors of a release blocked by
// validation or by the regression gate against the previous release.
func isValidationSentinel(err error) bool {
	return err == validate.ErrBlocked || err == diff.ErrRegression
}

// words is a command line's arguments as typed, for messages.
func words(args []string) string { return strings.Join(args, " ") }
