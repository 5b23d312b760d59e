package main

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/cubaexports/cubaexports/pipeline"
	"github.com/cubaexports/cubaexports/pipeline/release"
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
	var dryRun, wait, archiveFirst bool
	var accept, signKey, doi string
	fs := newFlags(e, name, "", summary)
	c.register(fs, !offline)
	if !offline {
		fs.BoolVar(&archiveFirst, "archive", false, "first archive every document the sources table cites, as cubaexports archive does with its defaults (not with --offline)")
	}
	fs.BoolVar(&dryRun, "dry-run", false, "show the next version and its changelog; write nothing")
	fs.StringVar(&accept, "accept-regressions", "", "release despite regressions against the previous release, for this `reason` (written to the changelog)")
	fs.StringVar(&signKey, "sign-key", "", "sign SHA256SUMS with this ed25519 key `file` (PEM PKCS #8, or a 32-byte seed, raw or hex), writing SHA256SUMS.sig")
	fs.StringVar(&doi, "doi", "", "reserve the new version's DOI on "+zenodoNames()+" before sealing it, so that its files carry it (token from ZENODO_TOKEN); deposit it with publish --to the same")
	fs.BoolVar(&wait, "wait", false, "when another run or scheduled job holds the run lock (DATA/run.lock), or another process writes to OUT/releases, wait for it instead of exiting")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Errorf("%s takes no arguments, got %s", name, words(fs.Args()))}
	}
	key, err := readSignKey(signKey)
	if err != nil {
		return err
	}
	c.offline = c.offline || offline
	cfg, out, err := c.load(e)
	if err != nil {
		return err
	}
	cfg.SignKey = key
	if doi != "" && !dryRun {
		z, err := newDepositor(e, doi, out, cfg.Log, nil)
		if err != nil {
			return err
		}
		cfg.ReserveDOI = z.Reserve
	}
	cfg.DryRun, cfg.AcceptRegressions = dryRun, accept
	lock, err := takeLock(ctx, e, cfg, name, wait)
	if err != nil {
		return err
	}
	defer lock.Release()
	cfg.RunLocked, cfg.Wait = true, wait
	if archiveFirst && !cfg.Offline && !dryRun {
		if err := runArchive(ctx, e, cfg, archiveOptions(e, "", true, false)); err != nil {
			return err
		}
	}
	res, err := pipeline.Run(ctx, cfg, out)
	if res != nil {
		for _, r := range res.Release.Repaired {
			fmt.Fprintf(e.stdout, "repaired: %s\n", r)
		}
		printSources(e, res.Built)
	}
	if err != nil {
		if res != nil && res.Release.DryRun { // blocked by the regression gate: show what would be released
			printRelease(e, res.Release, res.Rows.Len())
		}
		return err
	}
	printRelease(e, res.Release, res.Rows.Len())
	if cfg.ReserveDOI != nil && res.Release.Changed {
		c, err := release.ReadCitation(out, res.Release.Version)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "DOI %s (all versions: %s), reserved on %s: deposit it with publish --to %s\n", c.DOI, c.ConceptDOI, doi, doi)
	}
	return nil
}

// printSources says which sources were skipped, which failed to fetch
// (with the error, and the snapshots used instead) and which work again.
func printSources(e *env, b pipeline.Built) {
	for _, id := range slices.Sorted(maps.Keys(b.Skipped)) {
		fmt.Fprintf(e.stdout, "skipped source %s: %s\n", id, b.Skipped[id])
	}
	for _, id := range slices.Sorted(maps.Keys(b.Stale)) {
		fmt.Fprintf(e.stdout, "stale source %s: its fetch failed (%s); using its last good snapshots of %s\n",
			id, b.FetchErrors[id], b.Stale[id].UTC().Format(time.RFC3339))
	}
	for _, id := range slices.Sorted(maps.Keys(b.Recovered)) {
		fmt.Fprintf(e.stdout, "recovered source %s: fetched again after failing since %s\n",
			id, b.Recovered[id].UTC().Format(time.RFC3339))
	}
}

func printRelease(e *env, r release.Result, rows int) {
	switch {
	case r.DryRun:
		fmt.Fprintf(e.stdout, "dry run: would release %s (%s); nothing written\n\n%s", r.Version, r.Bump.Level, r.Changelog)
		return
	case r.Changed:
		fmt.Fprintf(e.stdout, "released %s in %s (%d rows)\n", r.Version, r.Dir, rows)
	default:
		fmt.Fprintf(e.stdout, "data unchanged since %s: nothing released\n", r.Version)
		return
	}
	if r.Previous != "" {
		fmt.Fprintf(e.stdout, "%s after %s: %s\n", r.Bump.Level, r.Previous, strings.Join(r.Bump.Reasons, "; "))
	}
	for _, f := range r.Findings {
		kind := "warning"
		if f.Blocking {
			kind = "accepted regression"
		}
		fmt.Fprintf(e.stdout, "%s: %s\n", kind, f)
	}
}
