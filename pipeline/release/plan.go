package release

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/cubaexports/cubaexports/pipeline/release/diff"
)

// changelogFile is the name of the changelog in a version directory.
const changelogFile = "CHANGELOG.md"

// plan computes the draft's version from the diff against prev (none for
// the first release), applies the regression gate and renders the
// changelog. It returns the bump and the gate's findings, and a
// *diff.RegressionError when blocking findings were not accepted (the version
// and changelog are set all the same).
func (d *draft) plan(ctx context.Context, root, prev string) (diff.Bump, []diff.Finding, error) {
	c := diff.Changelog{Previous: prev, Date: d.in.Date, Counts: map[string]int{},
		Accepted: d.in.AcceptRegressions, Stale: d.in.Stale, Findings: []diff.Finding{},
		CrossChecks: d.in.CrossChecks}
	for _, t := range d.tables {
		c.Order = append(c.Order, t.Schema().Name)
		c.Counts[t.Schema().Name] = t.Len()
	}
	bump := diff.Bump{Level: diff.Major, Reasons: []string{"first release"}}
	var old *diff.Side
	if prev != "" {
		var err error
		if old, err = diff.DirSide(filepath.Join(root, prev), prev); err != nil {
			return diff.Bump{}, nil, err
		}
		if c.Diff, err = diff.Compare(ctx, old, d.side("build")); err != nil {
			return diff.Bump{}, nil, err
		}
		bump, c.Findings = c.Diff.Bump, c.Diff.Regressions()
	}
	var err error
	if c.DocChecks, err = diff.CheckDocs(ctx, old, d.side("build")); err != nil {
		return diff.Bump{}, nil, err
	}
	if d.version, err = nextVersion(prev, bump.Level); err != nil {
		return diff.Bump{}, nil, err
	}
	c.Version = d.version
	if c.Diff != nil {
		c.Diff.To = d.version
	}
	d.changelog = c.Render()
	if b := diff.Blocking(c.Findings); len(b) > 0 && d.in.AcceptRegressions == "" {
		return bump, c.Findings, &diff.RegressionError{Previous: prev, Findings: b}
	}
	return bump, c.Findings, nil
}

// writeChangelog writes CHANGELOG.md, rendered before the commit.
func (d *draft) writeChangelog(ctx context.Context) error {
	return d.write(ctx, changelogFile, func(w io.Writer) error {
		_, err := w.Write(d.changelog)
		return err
	})
}

// side is the draft's tables as the newer side of a diff, typed by their
// schemas.
func (d *draft) side(label string) *diff.Side {
	s := &diff.Side{Label: label, Types: map[string]map[string]string{}}
	index := map[string]int{}
	for i, t := range d.tables {
		sc := t.Schema()
		s.Tables = append(s.Tables, sc.Name)
		index[sc.Name] = i
		s.Types[sc.Name] = map[string]string{}
		for _, c := range sc.Columns {
			s.Types[sc.Name][c.Name] = string(c.Type)
		}
	}
	// A table's CSV is rendered as the diff reads it, never held whole.
	s.Open = func(table string) (io.ReadCloser, error) {
		i, ok := index[table]
		if !ok {
			return nil, fmt.Errorf("no table %s in the build", table)
		}
		pr, pw := io.Pipe()
		go func() {
			bw := bufio.NewWriterSize(pw, 64<<10)
			err := d.writeCSV(bw, i)
			if err == nil {
				err = bw.Flush()
			}
			pw.CloseWithError(err)
		}()
		return pr, nil
	}
	return s
}
