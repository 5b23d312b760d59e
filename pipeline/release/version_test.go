package release

import (
	"testing"

	"github.com/cubaexports/cubaexports/pipeline/release/diff"
)

func TestNextVersion(t *testing.T) {
	for _, tc := range []struct {
		prev  string
		level diff.Level
		want  string
	}{
		{"", diff.Major, "v1.0.0"},
		{"", diff.Patch, "v1.0.0"},
		{"v1.4.2", diff.Major, "v2.0.0"},
		{"v1.4.2", diff.Minor, "v1.5.0"},
		{"v1.4.2", diff.Patch, "v1.4.3"},
		{"v1.4.2", diff.NoChange, "v1.4.3"},
		{"v10.99.0", diff.Minor, "v10.100.0"},
	} {
		got, err := nextVersion(tc.prev, tc.level)
		if err != nil || got != tc.want {
			t.Errorf("nextVersion(%q, %s) = %q, %v; want %q", tc.prev, tc.level, got, err, tc.want)
		}
	}
	if _, err := nextVersion("1.0.0", diff.Minor); err == nil {
		t.Errorf("a version without v was accepted")
	}
}

func TestParseVersion(t *testing.T) {
	for s, ok := range map[string]bool{
		"v1.0.0": true, "v0.1.2": true, "v10.20.30": true,
		"1.0.0": false, "v1.0": false, "v1.0.0.0": false, "v01.0.0": false, "v1.-1.0": false,
		"v1.0.0-rc1": false, "v1.0.0+x": false, "": false, "v": false, "v1..0": false, "v+1.0.0": false,
	} {
		v, err := parseVersion(s)
		if (err == nil) != ok || ok && v.String() != s {
			t.Errorf("parseVersion(%q) = %v, %v; want ok=%t", s, v, err, ok)
		}
	}
}

func TestCompareVersions(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"v1.0.0", "v1.0.0", 0},
		{"v1.2.0", "v1.10.0", -1},
		{"v2.0.0", "v1.99.99", 1},
		{"v1.0.1", "v1.0.0", 1},
	} {
		if got := compareVersions(tc.a, tc.b); got != tc.want {
			t.Errorf("compareVersions(%s, %s) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
