package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/pipeline/publish/zenodo/zenodotest"
)

// The Zenodo flow as a user runs it, against the stand-in: release with a
// reserved DOI, verify, cite in every format, publish with the inputs,
// publish again (nothing), all without the token ever printed.
func TestZenodo(t *testing.T) {
	const token = "cli-s3cr3t-token"
	srv := zenodotest.New(token)
	defer srv.Close()
	dir := t.TempDir()
	env := []string{"CUBAEXPORTS_ZENODO_API=" + srv.URL() + "/api", "ZENODO_TOKEN=" + token}
	var printed strings.Builder
	run := func(code int, args ...string) result {
		t.Helper()
		r := must(t, cliEnv(t, dir, env, args...), code)
		printed.WriteString(r.stdout + r.stderr)
		return r
	}
	defer func() {
		if strings.Contains(printed.String(), token) {
			t.Errorf("the token was printed:\n%s", printed.String())
		}
	}()

	r := must(t, cliEnv(t, dir, nil, "release", "--doi", "zenodo-sandbox"), 2)
	if !strings.Contains(r.stderr, "ZENODO_TOKEN") || len(srv.Requests()) != 0 {
		t.Fatalf("release --doi without a token: %s; requests %q", r.stderr, srv.Requests())
	}
	r = run(0, "release", "--doi", "zenodo-sandbox")
	deps := srv.Depositions()
	if len(deps) != 1 {
		t.Fatalf("%d depositions after the release", len(deps))
	}
	doi := "10.5072/zenodo." + itoa(deps[0].ID)
	if !strings.Contains(r.stdout, "DOI "+doi+" (all versions: 10.5072/zenodo.") {
		t.Errorf("release --doi does not print the DOI: %s", r.stdout)
	}
	cff, err := os.ReadFile(filepath.Join(dir, "out", "releases", "v1.0.0", "CITATION.cff"))
	if err != nil || !strings.Contains(string(cff), "doi: \""+doi+"\"") {
		t.Fatalf("CITATION.cff lacks %s (%v):\n%s", doi, err, cff)
	}
	run(0, "verify")
	for _, format := range []string{"apa", "bibtex", "ris", "cff", "datacite"} {
		if r := run(0, "cite", "--format", format); !strings.Contains(r.stdout, doi) {
			t.Errorf("cite --format %s lacks %s:\n%s", format, doi, r.stdout)
		}
	}
	r = run(0, "publish", "--to", "zenodo-sandbox", "--with-inputs")
	if !strings.Contains(r.stdout, "deposited v1.0.0\n") || !strings.Contains(r.stdout, "deposited the input snapshots of v1.0.0") {
		t.Errorf("publish: %s", r.stdout)
	}
	deps = srv.Depositions()
	if len(deps) != 2 || !deps[0].Submitted || !deps[1].Submitted || len(deps[1].Files) == 0 {
		t.Fatalf("depositions after publish: %d", len(deps))
	}
	for _, f := range deps[1].Files {
		if len(f.Name) < 65 || f.Name[64] != '-' {
			t.Errorf("input file %q is not named <sha256>-<name>", f.Name)
		}
	}
	before := len(srv.Requests())
	r = run(0, "publish", "--to", "zenodo-sandbox", "--with-inputs")
	if !strings.Contains(r.stdout, "deposited 0 versions (0 files uploaded), 1 already there") {
		t.Errorf("second publish: %s", r.stdout)
	}
	for _, req := range srv.Requests()[before:] {
		if !strings.HasPrefix(req, "GET ") {
			t.Errorf("the second publish sent %s", req)
		}
	}
}

func itoa(i int64) string { return strconv.FormatInt(i, 10) }
