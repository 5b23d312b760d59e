package main

import (
	"bytes"
	"context"
	"flag"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden release under testdata/golden_release")

// bin is the cubaexports binary built once for the end-to-end tests, which
// run it as a user would: in a temporary directory, reading what it wrote.
var bin string

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "cubaexports-bin")
	if err != nil {
		panic(err)
	}
	bin = filepath.Join(dir, "cubaexports")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		panic("building cubaexports: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

const epoch = "1767225600" // 2026-01-01T00:00:00Z

type result struct {
	code           int
	stdout, stderr string
}

// cli runs the binary in dir with SOURCE_DATE_EPOCH set.
func cli(t *testing.T, dir string, args ...string) result {
	t.Helper()
	return cliEnv(t, dir, nil, args...)
}

func must(t *testing.T, r result, code int) result {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, code, r.stdout, r.stderr)
	}
	return r
}

// tree returns every file under dir with its bytes.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return files
}

func sameTree(t *testing.T, a, b map[string][]byte) {
	t.Helper()
	if len(a) != len(b) {
		t.Errorf("%d files vs %d files", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs", name)
		}
	}
}

// The embedded data builds v1.0.0 with every file; a second run releases
// nothing; a rebuild elsewhere with the same SOURCE_DATE_EPOCH is
// byte-identical; verify passes; every fact row carries its provenance.
func TestEmbeddedRelease(t *testing.T) {
	dir := t.TempDir()
	r := must(t, cli(t, dir, "run", "--offline"), 0)
	if !strings.Contains(r.stdout, "released v1.0.0 in out/releases/v1.0.0") {
		t.Errorf("stdout: %s", r.stdout)
	}
	rel := filepath.Join(dir, "out", "releases", "v1.0.0")
	for _, f := range []string{"datapackage.json", "CITATION.cff", "CODEBOOK.md", "provenance.json", "SHA256SUMS",
		"data/revenue.csv", "data/revenue.parquet", "data/contract_rates.csv", "data/contract_rates.parquet",
		"data/worker_counts.csv", "data/worker_counts.parquet", "data/sources.csv", "data/sources.parquet",
		"data/fx_rates.csv", "data/fx_rates.parquet", "../index.json", "../latest"} {
		if _, err := os.Stat(filepath.Join(rel, f)); err != nil {
			t.Error(err)
		}
	}
	before := tree(t, filepath.Join(dir, "out"))
	r = must(t, cli(t, dir, "run", "--offline"), 0)
	if !strings.Contains(r.stdout, "data unchanged since v1.0.0: nothing released") {
		t.Errorf("second run: %s", r.stdout)
	}
	sameTree(t, before, tree(t, filepath.Join(dir, "out")))

	must(t, cli(t, dir, "release", "--out", "again"), 0)
	sameTree(t, before, tree(t, filepath.Join(dir, "again")))

	r = must(t, cli(t, dir, "verify", "v1.0.0"), 0)
	if !strings.Contains(r.stdout, "v1.0.0: every file matches SHA256SUMS") {
		t.Errorf("verify: %s", r.stdout)
	}
	provenanceComplete(t, rel)
	coverageInStep(t, dir, rel)
	macroAcceptance(t, rel)
}

// provenanceComplete checks every fact row of a release names its source,
// snapshot and locator, and that the curated data meets its coverage floor.
func provenanceComplete(t *testing.T, rel string) {
	t.Helper()
	total := 0
	hosts := map[string]bool{}
	for _, table := range []string{"revenue", "contract_rates", "worker_counts"} {
		rows := releaseRows(t, filepath.Join(rel, "data", table+".csv"))
		for i, rec := range rows {
			if rec["source_id"] == "" || len(rec["snapshot_sha256"]) != 64 || rec["locator"] == "" {
				t.Errorf("%s row %d lacks provenance: %v", table, i+2, rec)
			}
			if c, ok := rec["host_country"]; ok && c != "WLD" {
				hosts[c] = true
			}
		}
		total += len(rows)
	}
	if total < 150 {
		t.Errorf("%d observations, want at least 150", total)
	}
	if len(hosts) < 20 {
		t.Errorf("%d host countries", len(hosts))
	}
}

// A release built from the synthetic sheets equals the reviewed golden
// release, text file by text file (Parquet files are checked by verify).
func TestGoldenRelease(t *testing.T) {
	dir := t.TempDir()
	root, _ := filepath.Abs("../../testdata")
	cfg := filepath.Join(dir, "cubaexports.yaml")
	os.CopyFS(filepath.Join(dir, "synthetic_curated"), os.DirFS(filepath.Join(root, "synthetic_curated")))
	copyFile(t, filepath.Join(root, "synthetic_config.yaml"), cfg)
	must(t, cli(t, dir, "release", "--config", "cubaexports.yaml", "--out", "out"), 0)
	must(t, cli(t, dir, "verify", "--out", "out"), 0)
	got := tree(t, filepath.Join(dir, "out", "releases"))
	golden := filepath.Join(root, "golden_release")
	if *update {
		os.RemoveAll(golden)
		for name, data := range got {
			if binary(name) {
				continue
			}
			p := filepath.Join(golden, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	want := tree(t, golden)
	if len(want) == 0 {
		t.Fatal("no golden release; run go test ./cmd/cubaexports -run TestGoldenRelease -update and review it")
	}
	for name, data := range got {
		if binary(name) {
			continue
		}
		if w, ok := want[name]; !ok {
			t.Errorf("%s is not in the golden release", name)
		} else if !bytes.Equal(data, w) {
			t.Errorf("%s differs from testdata/golden_release/%s", name, name)
		}
	}
	for name := range want {
		if _, ok := got[name]; !ok {
			t.Errorf("golden %s was not written", name)
		}
	}
}

// binary reports the files the golden release leaves out (SHA256SUMS pins
// their bytes): Parquet files and the workbook.
func binary(name string) bool {
	return strings.HasSuffix(name, ".parquet") || strings.HasSuffix(name, ".xlsx")
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// Bad curated sheets fail with exit code 3, an error naming file, row and
// column, and leave the output directory exactly as it was.
func TestBadSheetsBlockTheRelease(t *testing.T) {
	root, _ := filepath.Abs("../../testdata/synthetic_curated")
	for _, tc := range []struct {
		name, file, from, to, want string
	}{
		{"unknown country", "worker_counts.csv", "Arabia Saudita", "Atlantida",
			`worker_counts.csv:3: column "host_country": value "Atlantida": country "Atlantida" is not known`},
		{"unknown currency", "contract_rates.csv", "10000,,,exact,R$", "10000,,,exact,ZZQ",
			`contract_rates.csv:2: column "currency": value "ZZQ"`},
		{"non-numeric amount", "contract_rates.csv", "10000,,,exact", "ten thousand,,,exact",
			`contract_rates.csv:2: column "amount": cell is not of the column's type: "ten thousand" is not a number`},
		{"missing citation", "revenue.csv", "reported,Synthetic Yearbook 2022,SYNTHETIC test figure; not real data.,synthetic_yearbook",
			"reported,Synthetic Yearbook 2022,SYNTHETIC test figure; not real data.,",
			`revenue.csv:2: column "source_id": a value is required`},
		{"citation to a missing document", "revenue.csv", "not real data.\",synthetic_press", "not real data.\",synthetic_nowhere",
			`revenue.csv:4: column "source_id": value "synthetic_nowhere": no document with this source_id`},
		{"duplicate row", "worker_counts.csv", "SYNTHETIC count; not real data.,synthetic_press,p. 7\n",
			"SYNTHETIC count; not real data.,synthetic_press,p. 7\nWLD,2019,2019-11,2019-11,stock,health,doctors,,31000,,,approx,stock,60,official_statement,reported,SYNTHETIC duplicate; not real data.,synthetic_press,p. 6\n",
			`worker_counts.csv:4: column "obs_id"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			sheets := filepath.Join(dir, "sheets")
			if err := os.CopyFS(sheets, os.DirFS(root)); err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(dir, "c.yaml"), []byte("sources:\n  curated:\n    url: ./sheets/\n"), 0o644)
			must(t, cli(t, dir, "release", "--config", "c.yaml"), 0)
			before := tree(t, filepath.Join(dir, "out"))

			p := filepath.Join(sheets, tc.file)
			b, _ := os.ReadFile(p)
			if !bytes.Contains(b, []byte(tc.from)) {
				t.Fatalf("%s does not contain %q", tc.file, tc.from)
			}
			os.WriteFile(p, bytes.Replace(b, []byte(tc.from), []byte(tc.to), 1), 0o644)
			r := must(t, cli(t, dir, "release", "--config", "c.yaml"), 3)
			if !strings.Contains(r.stderr, tc.want) {
				t.Errorf("stderr does not contain %q:\n%s", tc.want, r.stderr)
			}
			sameTree(t, before, tree(t, filepath.Join(dir, "out")))
		})
	}
}

func TestUsage(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "Usage: cubaexports <command>"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"--help"}, 0, "Commands:"},
		{[]string{"run", "--help"}, 0, "Usage: cubaexports run [flags]"},
		{[]string{"release", "--help"}, 0, "-log-format"},
		{[]string{"verify", "--help"}, 0, "Usage: cubaexports verify [flags] [VERSION]"},
		{[]string{"cite", "--help"}, 0, "Usage: cubaexports cite [flags] [VERSION]"},
		{[]string{"verify", "--help"}, 0, "-pubkey"},
		{[]string{"release", "--help"}, 0, "-sign-key"},
		{[]string{"releases", "--help"}, 0, "-out"},
		{[]string{"sources", "--help"}, 0, "-config"},
		{[]string{"version", "--help"}, 0, "Usage: cubaexports version"},
		{[]string{"run", "--nope"}, 2, "flag provided but not defined: -nope"},
		{[]string{"run", "extra"}, 2, "run takes no arguments"},
		{[]string{"release", "--log-format", "xml"}, 2, `--log-format "xml"`},
		{[]string{"verify", "v1.0.0", "v2.0.0"}, 2, "at most one VERSION"},
	} {
		r := cli(t, dir, tc.args...)
		if r.code != tc.code || !strings.Contains(r.stdout+r.stderr, tc.want) {
			t.Errorf("%v: exit %d, want %d; output does not contain %q:\n%s%s", tc.args, r.code, tc.code, tc.want, r.stdout, r.stderr)
		}
	}
}

func TestSourcesVersionReleases(t *testing.T) {
	dir := t.TempDir()
	if r := must(t, cli(t, dir, "sources"), 0); !regexp.MustCompile(`(?m)^curated +curated +- +embed:`).MatchString(r.stdout) {
		t.Errorf("sources:\n%s", r.stdout)
	}
	if r := must(t, cli(t, dir, "version"), 0); !strings.HasPrefix(r.stdout, "cubaexports ") {
		t.Errorf("version: %s", r.stdout)
	}
	if r := must(t, cli(t, dir, "releases"), 0); !strings.Contains(r.stdout, "no releases in out") {
		t.Errorf("releases: %s", r.stdout)
	}
	must(t, cli(t, dir, "release"), 0)
	r := must(t, cli(t, dir, "releases"), 0)
	if !strings.Contains(r.stdout, "v1.0.0   2026-01-01") {
		t.Errorf("releases:\n%s", r.stdout)
	}
}

// verify catches a changed byte in a published file (exit 1).
func TestVerifyDetectsTampering(t *testing.T) {
	dir := t.TempDir()
	must(t, cli(t, dir, "release"), 0)
	p := filepath.Join(dir, "out", "releases", "v1.0.0", "data", "revenue.csv")
	b, _ := os.ReadFile(p)
	b[len(b)-2] ^= 1
	os.WriteFile(p, b, 0o644)
	r := must(t, cli(t, dir, "verify"), 1)
	if !strings.Contains(r.stderr, "data/revenue.csv") {
		t.Errorf("stderr: %s", r.stderr)
	}
}

func TestConfigErrors(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "c.yaml"), []byte("sources:\n  curated:\n    ur1: x\n"), 0o644)
	r := must(t, cli(t, dir, "release", "--config", "c.yaml"), 1)
	if !strings.Contains(r.stderr, "c.yaml") || !strings.Contains(r.stderr, "field ur1 not found") {
		t.Errorf("stderr: %s", r.stderr)
	}
	r = must(t, cli(t, dir, "release", "--config", "missing.yaml"), 1)
	if !strings.Contains(r.stderr, "missing.yaml") {
		t.Errorf("stderr: %s", r.stderr)
	}
}

// Main is also callable in process; an interrupted context exits 130.
func TestInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	code := Main(ctx, []string{"release", "--out", t.TempDir(), "--data", t.TempDir()}, &env{stdout: &out, stderr: &errb, getenv: func(string) string { return epoch }})
	if code != exitInterrupted {
		t.Errorf("exit %d, want %d; %s", code, exitInterrupted, errb.String())
	}
}
