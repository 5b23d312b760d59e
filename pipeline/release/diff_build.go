package release

import (
	"context"
	"path/filepath"
)

// plan computes the draft's version from the diff against prev (none for
// the first release), applies the regression gate and renders the
// changelog. It returns the bump and the gate's findings, and a
// *RegressionError when blocking findings were not accepted (the version
// and changelog are set all the same).
func (d *draft) plan(ctx context.Context, root, prev string) (Bump, []Finding, error) {
	c := changelog{previous: prev, date: d.in.Date, counts: map[string]int{},
		accepted: d.in.AcceptRegressions, stale: d.in.Stale, findings: []Finding{},
		crossChecks: d.in.CrossChecks}
	for _, t := range d.tables {
		c.order = append(c.order, t.Schema().Name)
		c.counts[t.Schema().Name] = t.Len()
	}
	bump := Bump{Level: Major, Reasons: []string{"first release"}}
	if prev != "" {
		old, err := dirSide(filepath.Join(root, prev), prev)
		if err != nil {
			return Bump{}, nil, err
		}
		if c.diff, err = diffSides(ctx, old, d.side("build")); err != nil {
			return Bump{}, nil, err
		}
		bump, c.findings = c.diff.Bump, c.diff.Regressions()
	}
	var err error
	if d.version, err = nextVersion(prev, bump.Level); err != nil {
		return Bump{}, nil, err
	}
	c.version = d.version
	if c.diff != nil {
		c.diff.To = d.version
	}
	d.changelog = c.render()
	if b := blocking(c.findings); len(b) > 0 && d.in.AcceptRegressions == "" {
		return bump, c.findings, &RegressionError{Previous: prev, Findings: b}
	}
	return bump, c.findings, nil
}
