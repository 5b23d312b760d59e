package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/cubaexports/cubaexports/pipeline"
	"github.com/cubaexports/cubaexports/pipeline/release"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

func cmdSnapshots(ctx context.Context, e *env, args []string) error {
	var c common
	fs := newFlags(e, "snapshots", "[SOURCE | verify]", "List what the snapshot store holds (every fetch attempt, newest last, and the kept copies of the\n"+
		"embedded and local documents releases were built from), of one source or all;\n"+
		"'snapshots verify' re-hashes every stored file, and every input a release's provenance.json\n"+
		"refers to, and reports any that is missing or does not match.")
	c.register(fs, false)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return usageError{fmt.Errorf("snapshots takes at most one SOURCE or 'verify', got %s", strings.Join(fs.Args(), " "))}
	}
	cfg, out, err := c.load(e)
	if err != nil {
		return err
	}
	if !snapshot.Exists(cfg.DataDir) { // reading creates no store
		if fs.Arg(0) == "verify" {
			return fmt.Errorf("snapshots verify: there is no snapshot store in %s", cfg.DataDir)
		}
		fmt.Fprintf(e.stdout, "no snapshot store in %s\n", cfg.DataDir)
		return nil
	}
	store, err := snapshot.OpenStore(cfg.DataDir)
	if err != nil {
		return err
	}
	defer store.Close()
	if fs.Arg(0) == "verify" {
		return verifySnapshots(ctx, e, store, out)
	}
	return listSnapshots(ctx, e, store, out, fs.Arg(0))
}

func verifySnapshots(ctx context.Context, e *env, store *snapshot.Store, out string) error {
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
	switch len(problems) {
	case 0:
		fmt.Fprintf(e.stdout, "every stored snapshot in %s matches its SHA-256\n", store.Dir())
		return nil
	case 1:
		return fmt.Errorf("snapshots verify: 1 stored file is missing or does not match its hash")
	}
	return fmt.Errorf("snapshots verify: %d stored files are missing or do not match their hash", len(problems))
}

// listSnapshots prints every fetch attempt of the index, then the kept
// copies of the documents the releases in out were built from that no
// fetch stored (embedded and local documents: OUTCOME kept).
func listSnapshots(ctx context.Context, e *env, store *snapshot.Store, out, source string) error {
	recs, err := store.List(ctx, source)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RETRIEVED\tSOURCE\tDOCUMENT\tOUTCOME\tSTATUS\tBYTES\tSHA256\tURL")
	listed := map[string]bool{}
	for _, r := range recs {
		if r.Kind != snapshot.KindFetch {
			continue
		}
		listed[r.SHA256] = true
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%.12s\t%s\n", r.RetrievedAt.UTC().Format(time.RFC3339), r.SourceID,
			r.Name, r.Outcome, dash(statusText(r.Status)), r.Size, dash(r.SHA256), r.URL)
	}
	entries, err := release.Index(out)
	if err != nil {
		return err
	}
	for _, en := range entries {
		p, err := release.ReadProvenance(out, en.Version)
		if err != nil {
			return err
		}
		for _, in := range p.Inputs {
			if listed[in.SHA256] || (source != "" && in.SourceID != source) || !store.Has(in.SHA256) {
				continue
			}
			listed[in.SHA256] = true
			fmt.Fprintf(tw, "%s\t%s\t%s\tkept\t-\t%d\t%.12s\t%s\n", timeText(in.RetrievedAt), in.SourceID, in.Name, in.Bytes, in.SHA256, in.URL)
		}
	}
	return tw.Flush()
}

// statusText is an HTTP status, "" for none (a file, a failure before
// an answer).
func statusText(code int) string {
	if code == 0 {
		return ""
	}
	return strconv.Itoa(code)
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
