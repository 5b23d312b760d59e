package main

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/cubaexports/cubaexports/pipeline"
)

func cmdSources(_ context.Context, e *env, args []string) error {
	var c common
	fs := newFlags(e, "sources", "", "List the catalog of sources (with the configuration's overrides applied).")
	c.register(fs, false)
	if err := parse(fs, args); err != nil {
		return err
	}
	cfg, _, err := c.load(e)
	if err != nil {
		return err
	}
	cat, err := pipeline.Catalog(cfg.File)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tKIND\tSCHEDULE\tURL\tTITLE\tNOTE")
	for _, s := range cat.Entries {
		sched := s.Schedule
		if sched == "" {
			sched = "-"
		}
		if s.Disabled {
			sched += " (disabled)"
		}
		note := s.Note
		if note == "" {
			note = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", s.ID, s.Kind, sched, s.URL, s.Title, note)
	}
	return tw.Flush()
}

func cmdVersion(_ context.Context, e *env, args []string) error {
	fs := newFlags(e, "version", "", "Print the program version and commit.")
	if err := parse(fs, args); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "cubaexports %s (commit %s)\n", version, commit)
	return nil
}
