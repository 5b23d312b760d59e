package main

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"text/tabwriter"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/pipeline"
)

// errCitations is returned when a curated figure is not in its document.
var errCitations = errors.New("curated figures not found in the documents they cite")

func cmdVerifyCitations(ctx context.Context, e *env, args []string) error {
	var c common
	fs := newFlags(e, "verify-citations", "", "For every curated row whose source_id has a stored snapshot of the document,\n"+
		"look for the figure in the document's text and print the page where it stands.\n"+
		"Exits 1 when a figure is not found. Rows whose document has no snapshot are counted, not checked.")
	c.register(fs, false)
	all := fs.Bool("all", false, "list found figures too, not only the missing ones")
	if err := parse(fs, args); err != nil {
		return err
	}
	cfg, _, err := c.load(e)
	if err != nil {
		return err
	}
	rep, err := pipeline.VerifyCitations(ctx, cfg)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "STATUS\tTABLE\tSOURCE_ID\tFIGURE\tDOCUMENT\tPAGE\tROW")
	found := 0
	for _, ch := range rep.Checked {
		if ch.Found {
			found++
			if !*all {
				continue
			}
		}
		status, page := "found", fmt.Sprint(ch.Page)
		switch {
		case ch.Uncheckable != "":
			status, page = "NOT CHECKABLE", "-"
		case !ch.Found:
			status, page = "NOT FOUND", "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", status, ch.Table, ch.SourceID, ch.Figure, ch.Document, page, datasets.Where(ch.At))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	missing := len(rep.Missing())
	unchecked := 0
	ids := make([]string, 0, len(rep.NoSnapshot))
	for id, n := range rep.NoSnapshot {
		unchecked += n
		ids = append(ids, id)
	}
	sort.Strings(ids)
	fmt.Fprintf(e.stdout, "%d curated figures checked: %d found, %d not found; %d rows of %d sources have no stored snapshot\n",
		len(rep.Checked), found, missing, unchecked, len(ids))
	if missing > 0 {
		return fmt.Errorf("%w: %d", errCitations, missing)
	}
	return nil
}
