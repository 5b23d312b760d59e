package main

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/cubaexports/cubaexports/pipeline"
	"github.com/cubaexports/cubaexports/pipeline/release"
	"github.com/cubaexports/cubaexports/pipeline/snapshot"
)

func cmdSnapshots(ctx context.Context, e *env, args []string) error {
	var c common
	fs := newFlags(e, "snapshots", "[SOURCE | verify]", "List the stored snapshots (every fetch attempt, newest last), of one source or all;\n"+
		"'snapshots verify' re-hashes every stored file and reports any that do not match.")
	c.register(fs, false)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return usageError{fmt.Errorf("snapshots takes at most one SOURCE or 'verify', got %q", fs.Args())}
	}
	cfg, _, err := c.load(e)
	if err != nil {
		return err
	}
	store, err := snapshot.OpenStore(cfg.DataDir)
	if err != nil {
		return err
	}
	defer store.Close()
	if fs.Arg(0) == "verify" {
		problems, err := store.Verify(ctx)
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

// sourceStatus is one line of `cubaexports status`.
type sourceStatus struct {
	Source      string `json:"source"`
	Kind        string `json:"kind"`
	LastAttempt string `json:"last_attempt,omitempty"`
	LastOutcome string `json:"last_outcome,omitempty"`
	LastSuccess string `json:"last_success,omitempty"`
	StaleSince  string `json:"stale_since,omitempty"`
	LastError   string `json:"last_error,omitempty"`
	Note        string `json:"note,omitempty"`
}

func cmdStatus(ctx context.Context, e *env, args []string) error {
	var c common
	var asJSON bool
	fs := newFlags(e, "status", "", "Show each source's last fetch attempt, last success and staleness, and the latest release.")
	c.register(fs, false)
	fs.BoolVar(&asJSON, "json", false, "print JSON for machines")
	if err := parse(fs, args); err != nil {
		return err
	}
	cfg, out, err := c.load(e)
	if err != nil {
		return err
	}
	cat, err := pipeline.EffectiveCatalog(cfg)
	if err != nil {
		return err
	}
	store, err := snapshot.OpenStore(cfg.DataDir)
	if err != nil {
		return err
	}
	defer store.Close()
	states, err := store.Status(ctx)
	if err != nil {
		return err
	}
	byID := map[string]snapshot.SourceStatus{}
	for _, s := range states {
		byID[s.SourceID] = s
	}
	var lines []sourceStatus
	for _, src := range cat.Sources {
		st := byID[src.ID]
		l := sourceStatus{Source: src.ID, Kind: src.Kind, LastOutcome: string(st.LastOutcome), LastError: st.LastError,
			LastAttempt: stamp(st.LastAttempt), LastSuccess: stamp(st.LastSuccess), StaleSince: stamp(st.StaleSince)}
		switch {
		case src.Disabled:
			l.Note = "disabled"
		case !pipeline.Remote(src):
			l.Note = "not fetched: " + src.URL
		case st.LastAttempt.IsZero() && src.Bootstrap != "":
			l.Note = "never fetched: built from its bootstrap documents"
		case st.LastAttempt.IsZero():
			l.Note = "never fetched"
		}
		lines = append(lines, l)
	}
	latest, err := release.Latest(out)
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Sources       []sourceStatus `json:"sources"`
			LatestRelease string         `json:"latest_release"`
		}{lines, latest})
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tKIND\tLAST ATTEMPT\tOUTCOME\tLAST SUCCESS\tSTALE SINCE\tNOTE")
	for _, l := range lines {
		note := l.Note
		if l.LastError != "" {
			note = l.LastError
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", l.Source, l.Kind, dash(l.LastAttempt), dash(l.LastOutcome),
			dash(l.LastSuccess), dash(l.StaleSince), note)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "latest release: %s\n", dash(latest))
	return nil
}

func stamp(t time.Time) string {
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
