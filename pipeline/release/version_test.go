package release

import "testing"

func TestNextVersion(t *testing.T) {
	h := map[string]string{"revenue": "obs_id,year", "fx_rates": "currency,year"}
	for _, tc := range []struct {
		name     string
		prev     string
		old, cur map[string]string
		want     string
	}{
		{"first release", "", nil, h, "v1.0.0"},
		{"same headers", "v1.0.0", h, h, "v1.1.0"},
		{"minor resets patch", "v1.4.2", h, h, "v1.5.0"},
		{"header changed", "v1.4.2", h, map[string]string{"revenue": "obs_id,year,extra", "fx_rates": "currency,year"}, "v2.0.0"},
		{"new table", "v2.3.0", map[string]string{"revenue": "obs_id,year"}, h, "v2.4.0"},
		{"table gone", "v2.3.0", h, map[string]string{"revenue": "obs_id,year"}, "v3.0.0"},
		{"no previous headers", "v1.0.0", map[string]string{}, h, "v1.1.0"},
		{"big numbers", "v10.99.0", h, h, "v10.100.0"},
	} {
		got, err := nextVersion(tc.prev, tc.old, tc.cur)
		if err != nil || got != tc.want {
			t.Errorf("%s: nextVersion(%q) = %q, %v; want %q", tc.name, tc.prev, got, err, tc.want)
		}
	}
	if _, err := nextVersion("1.0.0", h, h); err == nil {
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
