package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"text/tabwriter"

	"github.com/cubaexports/cubaexports/pipeline"
	"github.com/cubaexports/cubaexports/sources"
)

func cmdSources(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && args[0] == "check" {
		return cmdSourcesCheck(ctx, e, args[1:])
	}
	var c common
	fs := newFlags(e, "sources", "[check [FILE|DIR]]", "List the effective catalog of sources: the embedded catalog, a --catalog directory, the\n"+
		"configuration's entries and overrides and CUBAEXPORTS_URL_<ID>, each entry with where it came from.\n"+
		"'sources check' validates a catalog without running it.")
	c.register(fs, false)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		if fs.Arg(0) != "check" {
			return usageError{fmt.Errorf("sources takes no arguments but 'check [FILE|DIR]', not %q", fs.Arg(0))}
		}
		i := slices.Index(args, "check") // flags given before it (sources --config c.yaml check)
		return cmdSourcesCheck(ctx, e, append(slices.Clone(args[:i]), args[i+1:]...))
	}
	cat, err := c.effectiveCatalog(e)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tKIND\tSCHEDULE\tURL\tORIGIN\tTITLE\tNOTE")
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
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", s.ID, s.Kind, sched, s.URL, s.Origin, s.Title, note)
	}
	return tw.Flush()
}

// cmdSourcesCheck decodes a catalog as a run would and runs nothing: a
// directory of catalog files, a file (a catalog file or a
// cubaexports.yaml), or without an argument the effective catalog of the
// flags. An invalid catalog is a failure (exit 1) naming file and line.
func cmdSourcesCheck(_ context.Context, e *env, args []string) error {
	var c common
	fs := newFlags(e, "sources check", "[FILE|DIR]", "Check a catalog without running it: a directory of catalog files, a catalog file or a\n"+
		"cubaexports.yaml (its sources section), laid over the embedded catalog; without an argument, the\n"+
		"effective catalog of --config and --catalog. Exit 0 when valid, 1 with file and line when not.")
	c.register(fs, false)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return usageError{errors.New("sources check takes at most one FILE or DIR")}
	}
	if p := fs.Arg(0); p != "" {
		info, err := os.Stat(p)
		if err != nil {
			return err
		}
		if info.IsDir() {
			c.catalog = p
		} else {
			c.config = p
		}
	}
	cat, err := c.effectiveCatalog(e)
	if err != nil {
		return err
	}
	n := map[string]int{}
	for _, s := range cat.Entries {
		n[s.Origin.Layer]++
	}
	fmt.Fprintf(e.stdout, "catalog ok: %d entries (%d embedded, %d from a catalog directory, %d from the configuration)\n",
		len(cat.Entries), n[sources.LayerEmbedded], n[sources.LayerDir], n[sources.LayerConfig])
	return nil
}

// effectiveCatalog is the effective catalog of the common flags.
func (c *common) effectiveCatalog(e *env) (*sources.Catalog, error) {
	cfg, _, err := c.load(e)
	if err != nil {
		return nil, err
	}
	return pipeline.EffectiveCatalog(cfg)
}

func cmdVersion(_ context.Context, e *env, args []string) error {
	fs := newFlags(e, "version", "", "Print the program version and commit.")
	if err := parse(fs, args); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "cubaexports %s (commit %s)\n", version, commit)
	return nil
}
