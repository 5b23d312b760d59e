package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/cubaexports/cubaexports/pipeline/release"
	"github.com/cubaexports/cubaexports/pipeline/release/diff"
)

func cmdDiff(ctx context.Context, e *env, args []string) error {
	var c common
	var format string
	fs := newFlags(e, "diff", "VERSION_A VERSION_B",
		"Compare two published versions row by row: per table the rows added, removed and changed\n"+
			"(by obs_id; sources by source_id; fx_rates by currency, year and source_id) and the schema\n"+
			"changes. A fact row whose obs_id changed is changed, not removed and added, when it is the\n"+
			"only such row at its source_id and locator on each side (its obs_id cell gives the old id).\n"+
			"text is a summary; json and csv list every change (csv: one line per changed cell).")
	c.register(fs, false)
	fs.StringVar(&format, "format", "text", "output format: text, json or csv")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usageError{fmt.Errorf("diff takes two versions, got %s", words(pos))}
	}
	write, err := diffWriter(format)
	if err != nil {
		return err
	}
	_, out, err := c.load(e)
	if err != nil {
		return err
	}
	d, err := release.DiffVersions(ctx, out, pos[0], pos[1])
	if err != nil {
		return err
	}
	return write(d, e)
}

func diffWriter(format string) (func(*diff.Diff, *env) error, error) {
	switch format {
	case "text":
		return func(d *diff.Diff, e *env) error { return d.WriteText(e.stdout) }, nil
	case "json":
		return func(d *diff.Diff, e *env) error { return d.WriteJSON(e.stdout) }, nil
	case "csv":
		return func(d *diff.Diff, e *env) error { return d.WriteCSV(e.stdout) }, nil
	}
	return nil, usageError{fmt.Errorf("--format %q: want text, json or csv", format)}
}

// parseInterspersed parses flags that may come before, between or after
// the positional arguments, and returns the positional ones.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	return fs.Args(), nil
}
