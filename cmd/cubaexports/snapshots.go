package main

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/cubaexports/cubaexports/pipeline"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

func cmdSnapshots(ctx context.Context, e *env, args []string) error {
	var c common
	fs := newFlags(e, "snapshots", "[SOURCE | verify]", "List the stored snapshots (every fetch attempt, newest last), of one source or all;\n"+
		"'snapshots verify' re-hashes every stored file, and every input a release's provenance.json\n"+
		"refers to, and reports any that is missing or does not match.")
	c.register(fs, false)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return usageError{fmt.Errorf("snapshots takes at most one SOURCE or 'verify', got %q", fs.Args())}
	}
	cfg, out, err := c.load(e)
	if err != nil {
		return err
	}
	store, err := snapshot.OpenStore(cfg.DataDir)
	if err != nil {
		return err
	}
	defer store.Close()
	if fs.Arg(0) == "verify" {
		refs, err := pipeline.ReleaseRefs(out)
		if err != nil {
			return err
		}
		problems, err := store.Verify(ctx, refs...)
		if err != nil {
			return err
		}
		for _, p := range problems {
			fmt.Fprintln(e.stdout, p.String())
		}
		if len(problems) > 0 {
			return fmt.Errorf("snapshots verify: %d stored file(s) do not match their hash", len(problems))
		}
		fmt.Fprintf(e.stdout, "every stored snapshot in %s matches its SHA-256\n", cfg.DataDir)
		return nil
	}
	recs, err := store.List(ctx, fs.Arg(0))
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RETRIEVED\tSOURCE\tDOCUMENT\tOUTCOME\tSTATUS\tBYTES\tSHA256\tURL")
	for _, r := range recs {
		if r.Kind != snapshot.KindFetch {
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\t%.12s\t%s\n", r.RetrievedAt.UTC().Format(time.RFC3339), r.SourceID,
			r.Name, r.Outcome, r.Status, r.Size, r.SHA256, r.URL)
	}
	return tw.Flush()
}

// timeText is t in RFC 3339 (UTC), or "" for the zero time.
func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
