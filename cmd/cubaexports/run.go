package main

import (
	"context"
	"fmt"
	"sort"

	"github.com/cubaexports/cubaexports/pipeline"
)

func cmdRun(ctx context.Context, e *env, args []string) error {
	return build(ctx, e, "run", args, false)
}

func cmdRelease(ctx context.Context, e *env, args []string) error {
	return build(ctx, e, "release", args, true)
}

func build(ctx context.Context, e *env, name string, args []string, offline bool) error {
	summary := "Fetch what can be fetched, build every table, validate, and write a new release\n" +
		"under OUT/releases/ when the data changed. Nothing is written when validation fails (exit 3)."
	if offline {
		summary = "Build every table from stored and embedded documents only (no network), validate,\n" +
			"and write a new release when the data changed. Nothing is written when validation fails (exit 3)."
	}
	var c common
	fs := newFlags(e, name, "", summary)
	c.register(fs, !offline)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Errorf("%s takes no arguments, got %q", name, fs.Args())}
	}
	c.offline = c.offline || offline
	cfg, out, err := c.load(e)
	if err != nil {
		return err
	}
	res, err := pipeline.Run(ctx, cfg, out)
	if res != nil {
		var ids []string
		for id := range res.Skipped {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			fmt.Fprintf(e.stdout, "skipped source %s: %s\n", id, res.Skipped[id])
		}
	}
	if err != nil {
		return err
	}
	r := res.Release
	if r.Changed {
		fmt.Fprintf(e.stdout, "released %s in %s (%d rows)\n", r.Version, r.Dir, res.Rows.Len())
	} else {
		fmt.Fprintf(e.stdout, "data unchanged since %s: nothing released\n", r.Version)
	}
	return nil
}
