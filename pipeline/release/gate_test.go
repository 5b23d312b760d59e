package release

import (
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/pipeline/release/diff"
)

// regressedInput doubles the preferred revenue value of the synthetic input.
func regressedInput() Input {
	in := syntheticInput()
	r := in.Rows.Revenue.At(0)
	r.Value, r.ValueUSD = f64(9e9), f64(9e9)
	in.Rows.Revenue.Set(0, r)
	return in
}

// A regression blocks the release and writes nothing; a reason lets it
// through and goes into the changelog.
func TestRegressionGate(t *testing.T) {
	out := t.TempDir()
	mustBuild(t, out, syntheticInput())
	before := snapshotTree(t, out)
	res, err := Write(context.Background(), out, regressedInput())
	var re *diff.RegressionError
	if !errors.Is(err, diff.ErrRegression) || !errors.As(err, &re) || len(re.Findings) != 1 {
		t.Fatalf("Write: %v, want 1 regression (value; value_usd is not watched)", err)
	}
	if !strings.Contains(err.Error(), "value moved by 100% (4500000000 → 9000000000)") || res.Version != "v1.1.0" {
		t.Errorf("error %v, result %+v", err, res)
	}
	if !maps.Equal(before, snapshotTree(t, out)) {
		t.Errorf("a blocked release changed OUT")
	}
	in := regressedInput()
	in.AcceptRegressions = "the yearbook's 2022 figure was doubled by the publisher"
	res = mustBuild(t, out, in)
	log := string(readFile(t, filepath.Join(res.Dir, changelogFile)))
	for _, want := range []string{"## Regressions accepted", "Reason: the yearbook's 2022 figure was doubled by the publisher",
		"- revenue rev_", "value moved by 100%"} {
		if !strings.Contains(log, want) {
			t.Errorf("changelog lacks %q:\n%s", want, log)
		}
	}
}

// A dry run computes the version and changelog and leaves OUT as it was,
// even when OUT does not exist yet.
func TestDryRun(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	in := syntheticInput()
	in.DryRun = true
	res := mustBuild(t, out, in)
	if !res.DryRun || res.Version != "v1.0.0" || !strings.Contains(res.Changelog, "First release.") {
		t.Errorf("first dry run: %+v", res)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a dry run created OUT: %v", err)
	}
	mustBuild(t, out, syntheticInput())
	before := snapshotTree(t, out)
	in = changedInput()
	in.DryRun = true
	res = mustBuild(t, out, in)
	if !res.DryRun || res.Version != "v1.1.0" || res.Bump.Level != diff.Minor ||
		!strings.Contains(res.Changelog, "`value`: `4500000000` → `4600000000`") {
		t.Errorf("dry run: %+v", res)
	}
	if !maps.Equal(before, snapshotTree(t, out)) {
		t.Errorf("a dry run changed OUT")
	}
}
