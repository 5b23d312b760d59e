package main

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/cubaexports/cubaexports/pipeline"
	"github.com/cubaexports/cubaexports/pipeline/archive"
)

func cmdArchive(ctx context.Context, e *env, args []string) error {
	var c common
	fs := newFlags(e, "archive", "", "Fetch every document the sources table cites (url, and original_url when set) into the\n"+
		"snapshot store, politely (User-Agent with a contact, robots.txt, one request per host per\n"+
		"interval), look up its Wayback Machine capture, and store the manifest a run publishes from.\n"+
		"Archived documents stay in the store: never in a release (docs/archive.md).")
	c.register(fs, false)
	contact := fs.String("contact", "", "how publishers reach the maintainer, put in the User-Agent (default the project's page; env CUBAEXPORTS_CONTACT)")
	interval := fs.Duration("interval", time.Second, "least time between two requests to one host")
	timeout := fs.Duration("timeout", 2*time.Minute, "longest fetch of one document, retries included")
	retries := fs.Int("retries", 3, "retries of a failed download (network errors, 408, 429, 5xx)")
	wayback := fs.Bool("wayback", true, "look up each URL's Wayback Machine capture nearest the document's date")
	wait := fs.Bool("wait", false, "when another run or scheduled job holds the run lock (DATA/run.lock), wait for it instead of exiting")
	save := fs.Bool("save", false, "ask Save Page Now to capture URLs the Wayback Machine has no capture of (keys from CUBAEXPORTS_IA_ACCESS_KEY, CUBAEXPORTS_IA_SECRET)")
	if err := parse(fs, args); err != nil {
		return err
	}
	cfg, _, err := c.load(e)
	if err != nil {
		return err
	}
	opts := archiveOptions(e, *contact, *wayback || *save, *save)
	opts.Interval = *interval
	if *interval <= 0 {
		opts.Interval = -1
	}
	opts.Fetch.Timeout, opts.Fetch.MaxRetries = *timeout, *retries
	if *retries <= 0 {
		opts.Fetch.MaxRetries = -1
	}
	lock, err := takeLock(ctx, e, cfg, "archive", *wait)
	if err != nil {
		return err
	}
	defer lock.Release()
	return runArchive(ctx, e, cfg, opts)
}

// archiveOptions are the archive's options from the flags and the
// environment: the contact (else CUBAEXPORTS_CONTACT), the Wayback
// Machine's endpoints (CUBAEXPORTS_WAYBACK_AVAILABILITY_URL and
// CUBAEXPORTS_WAYBACK_SAVE_URL, for tests and mirrors) and the
// archive.org keys of Save Page Now.
func archiveOptions(e *env, contact string, wayback, save bool) archive.Options {
	opts := archive.Options{Contact: contact}
	if opts.Contact == "" {
		opts.Contact = e.getenv("CUBAEXPORTS_CONTACT")
	}
	if wayback {
		opts.Wayback = &archive.Wayback{AvailabilityURL: e.getenv("CUBAEXPORTS_WAYBACK_AVAILABILITY_URL"),
			SaveURL: e.getenv("CUBAEXPORTS_WAYBACK_SAVE_URL"), AccessKey: e.getenv("CUBAEXPORTS_IA_ACCESS_KEY"),
			Secret: e.getenv("CUBAEXPORTS_IA_SECRET")}
		opts.Save = save
	}
	return opts
}

// runArchive archives and prints the summary; the caller holds the run
// lock.
func runArchive(ctx context.Context, e *env, cfg pipeline.Config, opts archive.Options) error {
	m, sum, err := pipeline.Archive(ctx, cfg, opts)
	if err != nil {
		return err
	}
	printArchive(e, m, sum)
	return nil
}

func printArchive(e *env, m *archive.Manifest, sum archive.Summary) {
	w := e.stdout
	fmt.Fprintf(w, "%d documents:", len(m.Records))
	for _, s := range slices.Sorted(maps.Keys(sum.Counts)) {
		fmt.Fprintf(w, " %s %d", s, sum.Counts[s])
	}
	fmt.Fprintf(w, "; %d stored for the first time\n", sum.New)
	if sum.Wrote {
		fmt.Fprintf(w, "manifest %s stored\n", sum.Manifest)
	} else {
		fmt.Fprintf(w, "nothing changed: manifest %s stays the latest\n", sum.Manifest)
	}
	for _, r := range m.Records {
		if r.LinkStatus == archive.StatusGone && r.ArchivedFrom == archive.FromWayback {
			fmt.Fprintf(w, "gone: %s %s; kept the Wayback copy %s\n", r.SourceID, r.URL, r.WaybackURL)
		}
	}
	if len(sum.Suggestions) > 0 {
		fmt.Fprintln(w, "\nsuggestions for the curated sheet (not applied):")
		for _, s := range sum.Suggestions {
			fmt.Fprintf(w, "  %s %s: %s -> %s (%s)\n", s.SourceID, s.Role, s.From, s.To, s.Why)
		}
	}
	if len(sum.Errors) > 0 {
		fmt.Fprintln(w, "\nproblems:")
		for _, s := range sum.Errors {
			fmt.Fprintf(w, "  %s\n", s)
		}
	}
}
