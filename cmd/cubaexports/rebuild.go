package main

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/cubaexports/cubaexports/pipeline"
	"github.com/cubaexports/cubaexports/pipeline/release"
	"github.com/cubaexports/cubaexports/pipeline/release/diff"
)

func cmdRebuild(ctx context.Context, e *env, args []string) error {
	var c common
	var into, signKey string
	fs := newFlags(e, "rebuild", "VERSION --into DIR",
		"Rebuild a published version (of --out, default ./out) from exactly what its provenance.json\n"+
			"records: its catalog, its date, its input snapshots (found by SHA-256 in the snapshot store\n"+
			"of --data, among the embedded documents, or as a local file still at its recorded path,\n"+
			"relative to --config's directory). The versions before it are copied into DIR, the version\n"+
			"is written to DIR/releases/VERSION, and every file is compared byte by byte with the\n"+
			"published one. Built by this same program (version, commit and Go toolchain), any\n"+
			"difference fails (exit 1); built by another, the differences are listed and the exit is 0.")
	c.register(fs, false)
	fs.StringVar(&into, "into", "", "write the rebuild into this new or empty `DIR` (required)")
	fs.StringVar(&signKey, "sign-key", "", "sign the rebuilt SHA256SUMS with this ed25519 key `file`, to compare SHA256SUMS.sig too")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{fmt.Errorf("rebuild takes one VERSION, got %s", words(pos))}
	}
	if into == "" {
		return usageError{errors.New("rebuild needs --into DIR, a new or empty directory to write the rebuild into")}
	}
	key, err := readSignKey(signKey)
	if err != nil {
		return err
	}
	cfg, out, err := c.load(e)
	if err != nil {
		return err
	}
	cfg.SignKey = key
	r, err := pipeline.Rebuild(ctx, cfg, out, pos[0], into)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "rebuilt %s in %s from %d recorded snapshots\n", r.Release.Version, r.Release.Dir, len(r.Provenance.Inputs))
	for _, c := range r.Copies {
		fmt.Fprintf(e.stdout, "  source %s, %s: %s\n", c.SourceID, c.Name, c.From)
		if c.StoreBad {
			fmt.Fprintf(e.stderr, "cubaexports: warning: the snapshot store's copy of %s (source %s, sha256 %s) is bad; used the copy %s; run 'snapshots verify'\n",
				c.Name, c.SourceID, c.SHA256, c.From)
		}
	}
	if r.Release.Version != r.Version {
		fmt.Fprintf(e.stdout, "version differs: published %s, rebuilt as %s\n", r.Version, r.Release.Version)
	}
	if r.Unsigned {
		fmt.Fprintf(e.stdout, "SHA256SUMS.sig not compared: the published version is signed and no --sign-key was given\n")
	}
	if r.Identical() {
		fmt.Fprintf(e.stdout, "%s: all %d files are byte-identical to %s\n", r.Version, r.Files, r.Published)
		return nil
	}
	if len(r.Differences) > 0 {
		fmt.Fprintf(e.stdout, "%s: %d of %d files differ from %s:\n", r.Version, len(r.Differences), r.Files, r.Published)
		for _, d := range r.Differences {
			fmt.Fprintf(e.stdout, "  %s\n", d)
		}
	}
	if !sameEntryText(r.Entry, r.Rebuilt) {
		fmt.Fprintf(e.stdout, "index.json entry differs: published %s, rebuilt %s\n", entryText(r.Entry), entryText(r.Rebuilt))
	}
	if tablesDiffer(r.Differences) {
		d, err := diff.Dirs(ctx, r.Published, r.Version+" (published)", r.Release.Dir, r.Release.Version+" (rebuilt)")
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, "\nrows:")
		if err := d.WriteText(e.stdout); err != nil {
			return err
		}
	}
	pub, cur := programText(r.Provenance.Program), programText(cfg.Program)
	if r.SameProgram {
		return fmt.Errorf("%s does not rebuild byte-identically with the program that built it (%s)", r.Version, cur)
	}
	fmt.Fprintf(e.stdout, "\n%s was built by %s and rebuilt by %s: the differences are reported, not an error\n", r.Version, pub, cur)
	return nil
}

func tablesDiffer(ds []release.FileDifference) bool {
	for _, d := range ds {
		if strings.HasPrefix(d.Path, "data/") && strings.HasSuffix(d.Path, ".csv") {
			return true
		}
	}
	return false
}

func programText(p release.Program) string {
	return fmt.Sprintf("%s %s, commit %s, %s", p.Name, p.Version, p.Commit, p.GoVersion)
}

func entryText(en release.Entry) string {
	var rows []string
	for _, t := range slices.Sorted(maps.Keys(en.Rows)) {
		rows = append(rows, fmt.Sprintf("%s %d", t, en.Rows[t]))
	}
	return fmt.Sprintf("%s %s fingerprint %s rows: %s", en.Version, en.Date, en.Fingerprint, strings.Join(rows, ", "))
}

func sameEntryText(a, b release.Entry) bool { return entryText(a) == entryText(b) }
