package release

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestValidateDataPackage(t *testing.T) {
	for _, tc := range []struct {
		name, json, want string
	}{
		{"minimal", `{"resources":[{"name":"a","path":"a.csv"}]}`, ""},
		{"no resources", `{"name":"x"}`, "resources"},
		{"empty resources", `{"resources":[]}`, "minItems"},
		{"resource without path or data", `{"resources":[{"name":"a"}]}`, "oneOf"},
		{"bad hash", `{"resources":[{"name":"a","path":"a","hash":"sha256:xyz"}]}`, "hash"},
		{"bad created", `{"created":"yesterday","resources":[{"name":"a","path":"a"}]}`, "created"},
		{"field without name", `{"resources":[{"name":"a","path":"a","schema":{"fields":[{"type":"string"}]}}]}`, "name"},
		{"unknown field type", `{"resources":[{"name":"a","path":"a","schema":{"fields":[{"name":"x","type":"money"}]}}]}`, "type"},
		{"empty keywords", `{"keywords":[],"resources":[{"name":"a","path":"a"}]}`, "keywords"},
		{"not json", `{`, "not JSON"},
		// The profile's path pattern (look-ahead, compiled by regexp2).
		{"path in a folder", `{"resources":[{"name":"a","path":"data/a.csv"}]}`, ""},
		{"path as URL", `{"resources":[{"name":"a","path":"https://example.org/a.csv"}]}`, ""},
		{"path climbing out", `{"resources":[{"name":"a","path":"data/../../a.csv"}]}`, "oneOf"},
		{"absolute path", `{"resources":[{"name":"a","path":"/etc/passwd"}]}`, "oneOf"},
		{"dot path", `{"resources":[{"name":"a","path":"../a.csv"}]}`, "oneOf"},
		{"file URL", `{"resources":[{"name":"a","path":"file:///etc/passwd"}]}`, "oneOf"},
		{"license path climbing out", `{"licenses":[{"path":"x/../../l"}],"resources":[{"name":"a","path":"a"}]}`, "licenses"},
	} {
		err := ValidateDataPackage([]byte(tc.json))
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: %v, want an error naming %q", tc.name, err, tc.want)
		}
	}
}

// verify reports a datapackage.json that breaks the profile, even when
// SHA256SUMS was rewritten to match it.
func TestVerifyChecksTheProfile(t *testing.T) {
	out := t.TempDir()
	res := mustBuild(t, out, syntheticInput())
	p := filepath.Join(res.Dir, "datapackage.json")
	b := readFile(t, p)
	b = []byte(strings.Replace(string(b), `"created": "2026-12-01T00:00:00Z"`, `"created": "1st of December"`, 1))
	os.WriteFile(p, b, 0o644)
	rewriteSums(t, res.Dir)
	err := Verify(context.Background(), out, "v1.0.0")
	if err == nil || !strings.Contains(err.Error(), "not a Frictionless Data Package v2") {
		t.Errorf("Verify: %v", err)
	}
}

// rewriteSums recomputes SHA256SUMS for the files it lists.
func rewriteSums(t *testing.T, dir string) {
	t.Helper()
	v := &verifier{dir: dir, sums: map[string]fileSum{}}
	listed, err := parseSums(strings.NewReader(string(readFile(t, filepath.Join(dir, sumsFile)))))
	if err != nil {
		t.Fatal(err)
	}
	var files []fileSum
	for rel := range listed {
		s, err := v.hash(rel)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, s)
	}
	if err := os.WriteFile(filepath.Join(dir, sumsFile), formatSums(files), 0o644); err != nil {
		t.Fatal(err)
	}
}
