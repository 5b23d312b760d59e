package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// `sources check` validates a catalog directory, a catalog file or a
// cubaexports.yaml without running anything: exit 0 when valid, 1 with
// file and line when not, 2 for a wrong command line; `sources` shows
// each entry's origin and effective URL, also from the environment.
func TestSourcesCheckAndOrigin(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "cat"), 0o755)
	os.WriteFile(filepath.Join(dir, "cat", "more.yaml"), []byte("sources:\n  - id: more\n    kind: curated\n    url: ./more/\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "bad.yaml"), []byte("sources:\n  - id: bad\n    kind: curated\n    url: x\n    schedule: \"every day\"\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "c.yaml"), []byte("out: o\nsources:\n  - id: curated\n    kind: curated\n    url: ./sheets/\n"), 0o644)

	r := must(t, cli(t, dir, "sources", "check", "cat"), 0)
	if !strings.Contains(r.stdout, "catalog ok: 14 entries (13 embedded, 1 from a catalog directory, 0 from the configuration)") {
		t.Errorf("check cat: %s", r.stdout)
	}
	must(t, cli(t, dir, "sources", "check", "c.yaml"), 0)
	must(t, cli(t, dir, "sources", "check"), 0)
	r = must(t, cli(t, dir, "sources", "check", "bad.yaml"), 1)
	if !strings.Contains(r.stderr, `bad.yaml:5: source 1 ("bad"): invalid catalog: schedule "every day"`) {
		t.Errorf("check bad.yaml: %s", r.stderr)
	}
	must(t, cli(t, dir, "sources", "check", "cat", "c.yaml"), 2)
	must(t, cli(t, dir, "sources", "nope"), 2)
	if r := must(t, cli(t, dir, "sources", "--catalog", "cat", "check"), 0); !strings.Contains(r.stdout, "1 from a catalog directory") {
		t.Errorf("sources --catalog cat check: %s", r.stdout)
	}
	must(t, cli(t, dir, "sources", "check", "missing.yaml"), 1)

	r = must(t, cliEnv(t, dir, []string{"CUBAEXPORTS_URL_MORE=/mirror/"}, "sources", "--config", "c.yaml", "--catalog", "cat"), 0)
	for _, re := range []string{
		`(?m)^curated +curated +- +\./sheets/ +config c\.yaml:3 `,
		`(?m)^more +curated +- +/mirror/ +catalog cat/more\.yaml:2 \+ environment CUBAEXPORTS_URL_MORE \(url\) `,
		`(?m)^worldbank_fx +worldbank +@monthly +https://\S+ +embedded sources/catalog\.yaml:16 `,
	} {
		if !regexp.MustCompile(re).MatchString(r.stdout) {
			t.Errorf("sources does not match %s:\n%s", re, r.stdout)
		}
	}
}
