package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/pipeline/publish/internal/publishtest"
)

func TestMain(m *testing.M) { publishtest.Main(m) }

func renderSite(t *testing.T, out, base string) map[string]File {
	t.Helper()
	files, res, err := Render(t.Context(), out, base)
	if err != nil {
		t.Fatal(err)
	}
	if res.Latest != "v1.0.0" || res.Versions != 1 {
		t.Fatalf("Render: %+v", res)
	}
	m := map[string]File{}
	for i, f := range files {
		if i > 0 && files[i-1].Path >= f.Path {
			t.Errorf("files not sorted: %s before %s", files[i-1].Path, f.Path)
		}
		m[f.Path] = f
	}
	return m
}

// The same releases give the same site, byte for byte, charts included.
func TestRenderDeterministic(t *testing.T) {
	out := publishtest.Release(t)
	a, b := renderSite(t, out, ""), renderSite(t, out, "")
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for p, f := range a {
		if !bytes.Equal(f.Data, b[p].Data) || f.Source != b[p].Source {
			t.Errorf("%s differs between two renders", p)
		}
	}
	for _, p := range []string{"v1.0.0/charts/revenue.svg", "v1.0.0/charts/contract_rates.svg", "v1.0.0/charts/worker_counts.svg"} {
		svg := string(a[p].Data)
		if !strings.HasPrefix(svg, "<?xml") || !strings.Contains(svg, "<svg") || !strings.Contains(svg, "viewBox") {
			t.Errorf("%s is not an SVG: %.80q", p, svg)
		}
		if regexp.MustCompile(`id="[^"]*[0-9]{6,}`).MatchString(svg) {
			t.Errorf("%s has generated ids", p)
		}
	}
}

// pageOf returns a reader of the site's pages by path; a missing page fails the test.
func pageOf(t *testing.T, files map[string]File) func(string) string {
	return func(p string) string {
		t.Helper()
		f, ok := files[p]
		if !ok {
			t.Fatalf("no %s", p)
		}
		return string(f.Data)
	}
}

func TestPages(t *testing.T) {
	out := publishtest.Release(t)
	files := renderSite(t, out, "")
	page := pageOf(t, files)
	home := page("index.html")
	for _, want := range []string{"(Version v1.0.0) [Data set]", "@misc{cubaexports_v1_0_0,", `href="v1.0.0/index.html"`,
		`href="v1.0.0/charts/revenue.svg"`, `href="countries/BRA.html"`, "<td>2026-01-01</td><td>First release.</td>", `href="releases/index.json"`} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks %q", want)
		}
	}
	// Relative links only: no href or src starting with / or naming a scheme
	// other than the external documents of the sources page.
	abs := regexp.MustCompile(`(?:href|src)="(/|https?:)`)
	for p, f := range files {
		if strings.HasSuffix(p, ".html") && p != "sources.html" {
			if m := abs.FindString(string(f.Data)); m != "" {
				t.Errorf("%s has a non-relative link %s", p, m)
			}
		}
	}
	// Every relative link of every page points at a file of the site.
	link := regexp.MustCompile(`(?:href|src)="([^"#:]+)"`)
	for p, f := range files {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		for _, m := range link.FindAllStringSubmatch(string(f.Data), -1) {
			target := filepath.ToSlash(filepath.Clean(filepath.Join(filepath.Dir(p), m[1])))
			if _, ok := files[target]; !ok {
				t.Errorf("%s links to %s (%s), which the site lacks", p, m[1], target)
			}
		}
	}
	csv, _ := os.ReadFile(filepath.Join(out, "releases", "v1.0.0", "data", "revenue.csv"))
	table := page("v1.0.0/revenue.html")
	if n := strings.Count(table, "<td>rev_"); n != previewRows {
		t.Errorf("revenue page previews %d rows, want %d", n, previewRows)
	}
	sum := sha256hex(csv)
	if !strings.Contains(table, sum) || !strings.Contains(table, `href="../releases/v1.0.0/data/revenue.csv"`) {
		t.Errorf("revenue page lacks the CSV link with its SHA-256 %s", sum)
	}
	for _, want := range []string{"<code>value_usd</code>", "<code>obs_id</code>", "One of: ", "CODEBOOK.md"} {
		if !strings.Contains(table, want) {
			t.Errorf("revenue page lacks %q", want)
		}
	}
	sources := page("sources.html")
	if !strings.Contains(sources, "<th>publisher type</th>") || !strings.Contains(sources, `<tr id="14ymedio_4f8a8d">`) {
		t.Error("sources page lacks its tables")
	}
	// The figures a document backs: count them in the CSV files.
	want := 0
	for _, tbl := range []string{"revenue", "contract_rates", "worker_counts"} {
		b, _ := os.ReadFile(filepath.Join(out, "releases", "v1.0.0", "data", tbl+".csv"))
		want += strings.Count(string(b), ",14ymedio_950f68,")
	}
	if want == 0 || !regexp.MustCompile(`<tr id="14ymedio_950f68">.*<td class="num">`+itoa(want)+`</td></tr>`).MatchString(sources) {
		t.Errorf("sources page: 14ymedio_950f68 should back %d figures", want)
	}
}

func TestJSONLD(t *testing.T) {
	out := publishtest.Release(t)
	for _, base := range []string{"", "https://data.example.org/cubaexports/"} {
		files := renderSite(t, out, base)
		html := string(files["v1.0.0/index.html"].Data)
		m := regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`).FindStringSubmatch(html)
		if m == nil {
			t.Fatal("version page has no JSON-LD")
		}
		var d map[string]any
		if err := json.Unmarshal([]byte(m[1]), &d); err != nil {
			t.Fatalf("JSON-LD: %v", err)
		}
		for _, k := range []string{"name", "description", "version", "license", "creator", "datePublished", "temporalCoverage",
			"spatialCoverage", "variableMeasured", "distribution", "citation"} {
			if d[k] == nil || d[k] == "" {
				t.Errorf("JSON-LD lacks %s", k)
			}
		}
		if d["@type"] != "Dataset" || d["version"] != "1.0.0" || d["datePublished"] != "2026-01-01" {
			t.Errorf("JSON-LD %v %v %v", d["@type"], d["version"], d["datePublished"])
		}
		if tc, _ := d["temporalCoverage"].(string); !regexp.MustCompile(`^(19|20)\d\d/20\d\d$`).MatchString(tc) {
			t.Errorf("temporalCoverage %q", tc)
		}
		var parquet string
		for _, x := range d["distribution"].([]any) {
			dd := x.(map[string]any)
			if strings.HasSuffix(dd["contentUrl"].(string), "revenue.parquet") {
				parquet = dd["contentUrl"].(string)
				if dd["encodingFormat"] != "application/vnd.apache.parquet" {
					t.Errorf("revenue.parquet encodingFormat %v", dd["encodingFormat"])
				}
			}
		}
		want := "../releases/v1.0.0/data/revenue.parquet"
		if base != "" {
			want = base + "releases/v1.0.0/data/revenue.parquet"
		}
		if parquet != want {
			t.Errorf("base %q: revenue.parquet contentUrl %q, want %q", base, parquet, want)
		}
	}
}

func TestChangelogSummary(t *testing.T) {
	for in, want := range map[string]string{
		"# Changelog of v1.0.0\n\nReleased 2026-01-01. First release.\n\n| table | rows |\n":      "First release.",
		"# Changelog of v1.1.0\n\nReleased 2026-02-01. 3 rows added,\n2 changed.\n\n## revenue\n": "3 rows added, 2 changed.",
		"": "",
	} {
		if got := changelogSummary(in); got != want {
			t.Errorf("changelogSummary(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzChangelogSummary(f *testing.F) {
	f.Add("# Changelog of v1.0.0\n\nReleased 2026-01-01. First release.\n")
	f.Add("Released ")
	f.Fuzz(func(t *testing.T, s string) {
		if got := changelogSummary(s); strings.Contains(got, "\n") {
			t.Errorf("summary of %q has a newline: %q", s, got)
		}
	})
}

func TestCheckTarget(t *testing.T) {
	dir := t.TempDir()
	if err := checkTarget(filepath.Join(dir, "new")); err != nil {
		t.Error(err)
	}
	os.WriteFile(filepath.Join(dir, "x"), nil, 0o644)
	if err := checkTarget(dir); err == nil {
		t.Error("a foreign directory may be replaced")
	}
}

func sha256hex(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }

func itoa(n int) string { return strconv.Itoa(n) }
