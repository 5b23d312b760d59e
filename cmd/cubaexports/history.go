package main

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/cubaexports/cubaexports/pipeline/release"
	"github.com/cubaexports/cubaexports/pipeline/release/diff"
)

func cmdHistory(ctx context.Context, e *env, args []string) error {
	var c common
	var format string
	fs := newFlags(e, "history", "OBS_ID",
		"List one figure's values in every published version that had it, oldest first: version,\n"+
			"release date, value columns, status, source_id, snapshot_sha256 and the obs_id the version\n"+
			"gave it (a row re-identified between versions, paired by its source_id and locator, is\n"+
			"followed under its old and its new id).")
	c.register(fs, false)
	fs.StringVar(&format, "format", "text", "output format: text or json")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{fmt.Errorf("history takes one OBS_ID, got %s", words(pos))}
	}
	if format != "text" && format != "json" {
		return usageError{fmt.Errorf("--format %q: want text or json", format)}
	}
	_, out, err := c.load(e)
	if err != nil {
		return err
	}
	hist, err := release.History(ctx, out, pos[0])
	if err != nil {
		return err
	}
	if len(hist) == 0 {
		return fmt.Errorf("%s: no published version has the row %s", out, pos[0])
	}
	if format == "json" {
		return writeJSON(e, hist)
	}
	return historyTable(e, hist)
}

func historyTable(e *env, hist []release.HistoryEntry) error {
	var cols []string // every value column any version has, in first-seen order
	for _, h := range hist {
		for _, f := range h.Values {
			if !slices.Contains(cols, f.Column) {
				cols = append(cols, f.Column)
			}
		}
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "VERSION\tDATE\t%s\tSTATUS\tSOURCE\tSNAPSHOT\tOBS_ID\n", strings.ToUpper(strings.Join(cols, "\t")))
	for _, h := range hist {
		fmt.Fprintf(tw, "%s\t%s", h.Version, h.Date)
		for _, c := range cols {
			i := slices.IndexFunc(h.Values, func(f diff.Field) bool { return f.Column == c })
			v := ""
			if i >= 0 {
				v = h.Values[i].Value
			}
			fmt.Fprintf(tw, "\t%s", cmp.Or(v, "-"))
		}
		fmt.Fprintf(tw, "\t%s\t%s\t%.12s\t%s\n", h.Status, h.SourceID, h.Snapshot, h.ObsID)
	}
	return tw.Flush()
}

func writeJSON(e *env, v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
