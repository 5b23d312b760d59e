// Command cubaexports builds, verifies and lists the cubaexports dataset
// releases: cited figures on Cuba's state exports of professional services.
//
// Usage:
//
//	cubaexports <command> [flags]
//
// Commands: run, release, releases, diff, history, coverage, cite, rebuild, verify, sources,
// extract-claims, archive, verify-citations, snapshots, site, serve, publish, status, schedule,
// version. Every
// command takes --help.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata"

	"github.com/cubaexports/cubaexports/pipeline"
	"github.com/cubaexports/cubaexports/sources"
	_ "github.com/cubaexports/cubaexports/sources/kinds" // every source kind of the catalog
)

// Exit codes, as restic uses them.
const (
	exitOK          = 0
	exitFailure     = 1
	exitUsage       = 2
	exitValidation  = 3
	exitLayout      = 4
	exitInterrupted = 130
)

// Set at build time with -ldflags "-X main.version=... -X main.commit=...".
var (
	version = "dev"
	commit  = "unknown"
)

type command struct {
	name, summary string
	run           func(ctx context.Context, env *env, args []string) error
}

func commands() []command {
	return []command{
		{"run", "fetch what can be fetched, build the tables, release if the data changed", cmdRun},
		{"release", "build the tables from stored and embedded documents only, release if changed", cmdRelease},
		{"releases", "list the published versions", cmdReleases},
		{"diff", "compare two versions row by row: rows added, removed, changed; schema changes", cmdDiff},
		{"history", "list one figure's values in every version that had it", cmdHistory},
		{"coverage", "print what a version covers: hosts by table and year, revenue by concept, observation types", cmdCoverage},
		{"cite", "print the citation of a version: apa, bibtex, ris, cff or datacite", cmdCite},
		{"rebuild", "rebuild a published version from its recorded snapshots and compare every file", cmdRebuild},
		{"verify", "re-hash a release's files and check every Parquet file against its CSV", cmdVerify},
		{"sources", "list the catalog of sources", cmdSources},
		{"extract-claims", "list the candidate figures of reports (PDF, HTML, text) as CSV or JSON lines", cmdExtractClaims},
		{"archive", "archive every document the sources table cites into the snapshot store, with its Wayback capture", cmdArchive},
		{"verify-citations", "check that curated figures occur in the stored snapshots of the documents they cite", cmdVerifyCitations},
		{"snapshots", "list the stored snapshots of the sources, or 'snapshots verify' them", cmdSnapshots},
		{"site", "generate the static web catalog of the releases (HTML, SVG charts, JSON-LD)", cmdSite},
		{"serve", "serve the web catalog and the release files over HTTP", cmdServe},
		{"publish", "upload new versions and the catalog to object storage (s3, gs, azblob, file)", cmdPublish},
		{"status", "show each source's last fetch, staleness, and the latest release", cmdStatus},
		{"schedule", "run as a daemon: fetch each source on its cron spec, release when data changed", cmdSchedule},
		{"version", "print the program version", cmdVersion},
	}
}

// env is what a command reads and writes besides its arguments.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
}

func main() {
	setGC(os.Getenv)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Main(ctx, os.Args[1:], &env{stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv})
	stop()
	os.Exit(code)
}

// Main runs the command line args and returns the exit code.
func Main(ctx context.Context, args []string, e *env) int {
	if len(args) == 0 {
		usage(e.stderr)
		return exitUsage
	}
	if args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(e.stdout)
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return exitCode(ctx, e, c.run(ctx, e, args[1:]))
		}
	}
	fmt.Fprintf(e.stderr, "cubaexports: unknown command %q\n\n", args[0])
	usage(e.stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: cubaexports <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'cubaexports <command> --help' for a command's flags.")
}

// usageError is a mistake in the command line.
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

func exitCode(ctx context.Context, e *env, err error) int {
	if err == nil {
		return exitOK
	}
	var ue usageError
	switch {
	case errors.As(err, &ue):
		if !errors.Is(err, errHelp) {
			fmt.Fprintln(e.stderr, "cubaexports:", err)
			return exitUsage
		}
		return exitOK
	case ctx.Err() != nil:
		fmt.Fprintln(e.stderr, "cubaexports: interrupted")
		return exitInterrupted
	}
	errs := []error{err}
	var ps pipeline.Problems
	if errors.As(err, &ps) {
		errs = ps // one run's failures, each on its own line
	}
	for _, err := range errs {
		fmt.Fprintln(e.stderr, "cubaexports:", err)
	}
	if len(errs) > 1 {
		fmt.Fprintf(e.stderr, "cubaexports: %d problems; exit code %d is the most serious\n", len(errs), severity(err))
	}
	return severity(err)
}

// rank orders the exit codes of failures by seriousness: a failure of the
// program or its environment (1) before an upstream layout change (4)
// before a release blocked by validation (3). A run with several problems
// exits with the most serious one's code.
func rank(code int) int {
	switch code {
	case exitValidation:
		return 1
	case exitLayout:
		return 2
	}
	return 3
}

// severity is the exit code of err: of the most serious of the errors it
// joins (errors.Join), else of the sentinel its chain ends in.
func severity(err error) int {
	switch {
	case isValidationSentinel(err):
		return exitValidation
	case err == sources.ErrLayoutChanged:
		return exitLayout
	}
	switch u := err.(type) {
	case interface{ Unwrap() []error }:
		worst := exitValidation
		for i, e := range u.Unwrap() {
			if c := severity(e); i == 0 || rank(c) > rank(worst) {
				worst = c
			}
		}
		return worst
	case interface{ Unwrap() error }:
		if inner := u.Unwrap(); inner != nil {
			return severity(inner)
		}
	}
	return exitFailure
}
