package duckdb_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// snippet is one fenced code block of the documentation, by language.
type snippet struct {
	file, lang, code string
	line             int
}

// docSnippets extracts every fenced block tagged sql, python, r or stata
// from the README and docs/*.md, so the examples the documentation shows
// are the ones the test runs.
func docSnippets(t *testing.T, root string) []snippet {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	files = append([]string{filepath.Join(root, "README.md")}, files...)
	fence := regexp.MustCompile("^```([a-z]*)\\s*$")
	var out []snippet
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var cur *snippet
		for i, line := range strings.Split(string(b), "\n") {
			m := fence.FindStringSubmatch(line)
			switch {
			case cur == nil && m != nil:
				cur = &snippet{file: filepath.Base(f), lang: m[1], line: i + 1}
			case cur != nil && m != nil && m[1] == "":
				if cur.lang == "sql" || cur.lang == "python" || cur.lang == "r" || cur.lang == "stata" {
					out = append(out, *cur)
				}
				cur = nil
			case cur != nil:
				cur.code += line + "\n"
			}
		}
	}
	return out
}

// TestDocSnippets runs every documented DuckDB, pandas, R and Stata
// example against a release built from the embedded data, laid out as the
// examples expect (out/releases/...; the example base URL is the local
// site). Each example must run and, for SQL, return rows. An example whose
// tool is not installed here is reported as skipped, naming the tool. A
// pandas example runs when an interpreter imports pandas (with CI set, it
// must); one that reads Parquet or uses dtype_backend runs only when that
// interpreter imports pyarrow too, and otherwise skips naming pyarrow.
func TestDocSnippets(t *testing.T) {
	if testing.Short() {
		t.Skip("builds cubaexports and a release; skipped with -short")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	snips := docSnippets(t, root)
	if len(snips) < 4 {
		t.Fatalf("found %d documented snippets, want the README's and docs/publishing.md's", len(snips))
	}
	tmp := t.TempDir()
	bin := buildCubaexports(t, tmp)
	release := exec.CommandContext(t.Context(), bin, "release", "--out", filepath.Join(tmp, "out"))
	release.Dir = tmp
	release.Env = append(os.Environ(), "SOURCE_DATE_EPOCH="+sourceDateEpoch)
	if b, err := release.CombinedOutput(); err != nil {
		t.Fatalf("cubaexports release: %v\n%s", err, b)
	}
	// The release of the embedded data is v1.0.0, the version the examples name.
	if _, err := os.Stat(filepath.Join(tmp, "out", "releases", "v1.0.0")); err != nil {
		t.Fatal(err)
	}
	// The examples name out/ relative to where they run, and the example
	// site; DuckDB runs in this process, so both become absolute paths.
	local := strings.NewReplacer("https://data.example.org/cubaexports/", filepath.Join(tmp, "out")+"/",
		"'out/releases/", "'"+filepath.Join(tmp, "out", "releases")+"/").Replace
	pandas, pyarrow := pythonWith("pandas"), pythonWith("pandas", "pyarrow")
	_, rErr := exec.LookPath("Rscript")
	for _, s := range snips {
		t.Run(s.file+":"+itoaLine(s.line)+":"+s.lang, func(t *testing.T) {
			code := local(s.code)
			switch s.lang {
			case "sql":
				conn := openDuckDB(t)
				for _, stmt := range strings.Split(code, ";") {
					if strings.TrimSpace(stmt) == "" {
						continue
					}
					rows, err := conn.QueryContext(t.Context(), stmt)
					if err != nil {
						t.Fatalf("%s line %d: DuckDB: %v\n%s", s.file, s.line, err, stmt)
					}
					n := 0
					for rows.Next() {
						n++
					}
					rows.Close()
					if n == 0 {
						t.Errorf("%s line %d: the query returns no rows\n%s", s.file, s.line, stmt)
					}
				}
			case "python":
				python := pandas
				if needsPyarrow(code) {
					python = pyarrow
				}
				switch {
				case python == "" && needsPyarrow(code):
					t.Skip("pyarrow is not importable here (Debian 12 does not package it; pip install pyarrow): this pandas example reads Parquet or uses dtype_backend")
				case python == "" && os.Getenv("CI") != "":
					t.Fatalf("pandas is not importable by %s; CI must run the pandas examples that need no pyarrow (.ci/run installs python3-pandas)", strings.Join(pythons(), ", "))
				case python == "":
					t.Skipf("pandas is not importable by %s (apt-get install python3-pandas): pandas example not runnable", strings.Join(pythons(), ", "))
				}
				run(t, tmp, s, python, "-c", code)
			case "r":
				if rErr != nil {
					t.Skip("Rscript is not installed here (apt-get install r-base-core): R example not runnable")
				}
				run(t, tmp, s, "Rscript", "-e", code)
			case "stata":
				if _, err := exec.LookPath("stata"); err != nil {
					t.Skip("stata is not installed here (proprietary): Stata example not runnable")
				}
				do := filepath.Join(t.TempDir(), "snippet.do")
				if err := os.WriteFile(do, []byte(code), 0o644); err != nil {
					t.Fatal(err)
				}
				run(t, tmp, s, "stata", "-b", "do", do)
			}
		})
	}
}

func run(t *testing.T, dir string, s snippet, name string, args ...string) {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), name, args...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s line %d: %s: %v\n%s", s.file, s.line, name, err, out.Bytes())
	}
	t.Logf("%s line %d:\n%s", s.file, s.line, out.Bytes())
}

func itoaLine(n int) string { return strconv.Itoa(n) }

// pyarrowUse matches what only pandas with pyarrow can do: read Parquet,
// or build pyarrow-backed frames (dtype_backend, pandas 2.0 or later).
var pyarrowUse = regexp.MustCompile(`read_parquet|dtype_backend|pyarrow`)

// needsPyarrow reports whether a python example needs pyarrow besides
// pandas; the others must run with Debian 12's python3-pandas (1.5) alone.
func needsPyarrow(code string) bool { return pyarrowUse.MatchString(code) }

// pythons lists the interpreters tried, in order: $PYTHON when set, then
// python3 on PATH, then Debian's /usr/bin/python3, where apt's
// python3-pandas lands even when a pyenv or virtualenv python3 comes first
// on PATH (as on the development machine).
func pythons() []string {
	var out []string
	if p := os.Getenv("PYTHON"); p != "" {
		out = append(out, p)
	}
	return append(out, "python3", "/usr/bin/python3")
}

// pythonWith returns the first interpreter of pythons that imports every
// module named, or "" when none does.
func pythonWith(modules ...string) string {
	for _, p := range pythons() {
		if exec.Command(p, "-c", "import "+strings.Join(modules, ", ")).Run() == nil {
			return p
		}
	}
	return ""
}
