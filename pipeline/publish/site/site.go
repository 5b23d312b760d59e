package site

import (
	"bytes"
	"cmp"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cubaexports/cubaexports/pipeline/release"
	"github.com/cubaexports/cubaexports/schemas"
)

//go:embed templates/*.html assets/style.css
var embedded embed.FS

// previewRows is how many rows a table page shows.
const previewRows = 20

// Options say what to build the site from and where.
type Options struct {
	// Releases is the output directory holding releases/ (e.g. "out").
	Releases string
	// Out is the site directory. If it exists it must be empty or a site
	// generated before (it is replaced as a whole).
	Out string
	// BaseURL, when set (e.g. "https://data.example.org/cubaexports/"),
	// makes the URLs in the JSON-LD absolute, as dataset search engines
	// want them. The HTML links stay relative.
	BaseURL string
}

// Result says what Generate wrote.
type Result struct {
	Latest   string
	Versions int
	Files    int // files written, release files included
}

// Generate generates the site from the releases: it renders every page into
// memory, writes them and copies the release files into a new directory
// next to Out, then renames it into place.
func Generate(ctx context.Context, o Options) (Result, error) {
	files, res, err := Render(ctx, o.Releases, o.BaseURL)
	if err != nil {
		return Result{}, err
	}
	if err := checkTarget(o.Out); err != nil {
		return Result{}, err
	}
	parent := filepath.Dir(filepath.Clean(o.Out))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return Result{}, err
	}
	tmp, err := os.MkdirTemp(parent, ".tmp-site-*")
	if err != nil {
		return Result{}, err
	}
	defer os.RemoveAll(tmp)
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return Result{}, err
		}
		dst := filepath.Join(tmp, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return Result{}, err
		}
		if f.Source != "" {
			err = copyFile(f.Source, dst)
		} else {
			err = os.WriteFile(dst, f.Data, 0o644)
		}
		if err != nil {
			return Result{}, fmt.Errorf("site: %s: %w", f.Path, err)
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return Result{}, err
	}
	old := ""
	if _, err := os.Stat(o.Out); err == nil {
		old = tmp + ".old"
		if err := os.Rename(o.Out, old); err != nil {
			return Result{}, err
		}
	}
	if err := os.Rename(tmp, o.Out); err != nil {
		if old != "" {
			_ = os.Rename(old, o.Out)
		}
		return Result{}, err
	}
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return Result{}, err
		}
	}
	res.Files = len(files)
	return res, nil
}

// checkTarget refuses to replace a directory that is neither empty nor a
// generated site.
func checkTarget(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) || err == nil && len(entries) == 0 {
		return nil
	}
	if err != nil {
		return err
	}
	for _, must := range []string{"index.html", "style.css", "releases/index.json"} {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(must))); err != nil {
			return fmt.Errorf("site: %s is not empty and not a generated site (no %s): refusing to replace it", dir, must)
		}
	}
	return nil
}

// File is one file of the site: its slash-separated path in the site and
// either its bytes or the release file it is a copy of.
type File struct {
	Path   string
	Data   []byte
	Source string // a release file to copy, when Data is nil
}

// Render renders the site of the releases in out in memory: every page,
// chart and stylesheet as bytes, and the release files by their paths.
// Files are sorted by path.
func Render(ctx context.Context, out, baseURL string) ([]File, Result, error) {
	entries, err := release.Index(out)
	if err != nil {
		return nil, Result{}, err
	}
	latest, err := release.Latest(out)
	if err != nil {
		return nil, Result{}, err
	}
	if len(entries) == 0 || latest == "" {
		return nil, Result{}, fmt.Errorf("site: %s: nothing has been released", filepath.Join(out, "releases"))
	}
	tpl, err := parseTemplates()
	if err != nil {
		return nil, Result{}, err
	}
	css, err := embedded.ReadFile("assets/style.css")
	if err != nil {
		return nil, Result{}, err
	}
	g := &gen{tpl: tpl, latest: latest, baseURL: baseURL}
	g.add("style.css", css)
	var versions []*version
	for i := len(entries) - 1; i >= 0; i-- { // newest first
		if err := ctx.Err(); err != nil {
			return nil, Result{}, err
		}
		v, err := readVersion(out, entries[i])
		if err != nil {
			return nil, Result{}, err
		}
		versions = append(versions, v)
		if err := g.version(v); err != nil {
			return nil, Result{}, err
		}
		for _, f := range v.Files {
			p := "releases/" + v.Entry.Version + "/" + f.Path
			g.files = append(g.files, File{Path: p, Source: filepath.Join(out, "releases", v.Entry.Version, filepath.FromSlash(f.Path))})
		}
		g.files = append(g.files, File{Path: "releases/" + v.Entry.Version + "/SHA256SUMS",
			Source: filepath.Join(out, "releases", v.Entry.Version, "SHA256SUMS")})
		if sig := filepath.Join(out, "releases", v.Entry.Version, "SHA256SUMS.sig"); exists(sig) {
			g.files = append(g.files, File{Path: "releases/" + v.Entry.Version + "/SHA256SUMS.sig", Source: sig})
		}
	}
	if versions[0].Entry.Version != latest {
		return nil, Result{}, fmt.Errorf("site: releases/latest is %s but the newest version in index.json is %s", latest, versions[0].Entry.Version)
	}
	for _, name := range []string{"index.json", "latest"} {
		g.files = append(g.files, File{Path: "releases/" + name, Source: filepath.Join(out, "releases", name)})
	}
	if err := g.countries(versions[0]); err != nil {
		return nil, Result{}, err
	}
	if err := g.home(versions); err != nil {
		return nil, Result{}, err
	}
	if err := g.sources(versions[0]); err != nil {
		return nil, Result{}, err
	}
	slices.SortFunc(g.files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return g.files, Result{Latest: latest, Versions: len(versions)}, nil
}

// gen collects the files of the site as it renders them.
type gen struct {
	tpl     *template.Template
	latest  string
	baseURL string
	files   []File
	charts  map[string][]chartRef // per version
	hosts   []countrySummary      // the country pages of the latest version
}

func (g *gen) add(p string, b []byte) { g.files = append(g.files, File{Path: p, Data: b}) }

// page is what every page's layout reads.
type page struct {
	Title   string
	Root    string // "" or "../": the way back to the site's root
	Latest  string
	License string
	JSONLD  template.JS
}

// link is a download link with its size and hash.
type link struct {
	Href, Label, Size, SHA256 string
}

// chartRef is a chart as a page shows it: inline, so it scales with
// the page and its text can be read and measured, with a link to its SVG
// file and its data as a table.
type chartRef struct {
	Path, Title, Caption string
	SVG                  template.HTML
	Data                 dataTable
}

// ref is the chart as a page shows it; path is its SVG file from the page.
func (c chart) ref(path string) chartRef {
	_, svg, _ := bytes.Cut(c.SVG, []byte("?>\n"))
	return chartRef{Path: path, Title: c.Title, Caption: c.Caption, SVG: template.HTML(svg), Data: c.Data} //nolint:gosec // renderChart escapes every text it writes
}

func (g *gen) render(p, name string, data any) error {
	var b bytes.Buffer
	if err := g.tpl.ExecuteTemplate(&b, name, data); err != nil {
		return fmt.Errorf("site: %s: %w", p, err)
	}
	g.add(p, b.Bytes())
	return nil
}

func (g *gen) page(title, root string, v *version) page {
	return page{Title: title, Root: root, Latest: g.latest, License: licenseOf(v)}
}

func licenseOf(v *version) string {
	l := v.Citation.License
	return cmp.Or(l.Title, l.ID)
}

// fileLink links a file of version v from a page in dir ("" or "vX.Y.Z/").
func fileLink(root string, v *version, f file) link {
	return link{Href: root + "releases/" + v.Entry.Version + "/" + f.Path, Label: f.Path,
		Size: humanBytes(f.Bytes), SHA256: f.SHA256}
}

// version renders the version's page, its table pages and its charts.
func (g *gen) version(v *version) error {
	vv := v.Entry.Version
	var refs []chartRef
	for _, c := range charts(v) {
		g.add(vv+"/charts/"+c.File, c.SVG)
		refs = append(refs, c.ref("charts/"+c.File))
	}
	if g.charts == nil {
		g.charts = map[string][]chartRef{}
	}
	g.charts[vv] = refs
	type tableRow struct {
		Name, Description string
		Rows              int
		CSV, Parquet      link
	}
	var tables []tableRow
	for _, t := range v.Tables {
		tables = append(tables, tableRow{Name: t.Name, Description: t.Description, Rows: t.Rows,
			CSV: fileLink("../", v, t.CSV), Parquet: fileLink("../", v, t.Parquet)})
	}
	var files []link
	for _, f := range v.Files {
		files = append(files, fileLink("../", v, f))
	}
	files = append(files, link{Href: "../releases/" + vv + "/SHA256SUMS", Label: "SHA256SUMS"})
	ld, err := jsonLD(v, g.baseURL)
	if err != nil {
		return err
	}
	p := g.page(v.Citation.Title+", "+vv, "../", v)
	p.JSONLD = ld
	err = g.render(vv+"/index.html", "version.html", struct {
		page
		V        *version
		IsLatest bool
		Tables   []tableRow
		Charts   []chartRef
		Files    []link
	}{p, v, vv == g.latest, tables, refs, files})
	if err != nil {
		return err
	}
	for _, t := range v.Tables {
		dl := []link{fileLink("../", v, t.CSV), fileLink("../", v, t.Parquet)}
		if wb, ok := v.workbook(); ok {
			l := fileLink("../", v, wb)
			l.Label += " (every table)"
			dl = append(dl, l)
		}
		head, preview := t.preview(previewRows)
		tp := g.page(t.Name+" ("+vv+"), "+v.Citation.Title, "../", v)
		tp.JSONLD = ld
		err := g.render(vv+"/"+t.Name+".html", "table.html", struct {
			page
			V        *version
			T        *table
			Head     []string
			Preview  [][]string
			Files    []link
			Codebook string
		}{tp, v, t, head, preview, dl, "../releases/" + vv + "/CODEBOOK.md"})
		if err != nil {
			return err
		}
	}
	return nil
}

// home renders index.html.
func (g *gen) home(versions []*version) error {
	latest := versions[0]
	var charts []chartRef
	for _, c := range g.charts[latest.Entry.Version] {
		c.Path = latest.Entry.Version + "/" + c.Path
		charts = append(charts, c)
	}
	type dataset struct {
		*version
		Title, Abstract string
		Workbook        *link
	}
	d := dataset{version: latest, Title: latest.Citation.Title, Abstract: latest.Citation.Abstract}
	if wb, ok := latest.workbook(); ok {
		l := fileLink("", latest, wb)
		d.Workbook = &l
	}
	return g.render("index.html", "home.html", struct {
		page
		Dataset  dataset
		Versions []*version
		Charts   []chartRef
		Hosts    []countrySummary
	}{g.page(latest.Citation.Title, "", latest), d, versions, charts, g.hosts})
}

// sources renders sources.html from the latest version.
func (g *gen) sources(v *version) error {
	t := v.table("sources")
	if t == nil {
		return fmt.Errorf("site: %s has no sources table", v.Entry.Version)
	}
	backs := map[string]int{}
	var factTables []string
	total := 0
	for _, ft := range v.Tables {
		// Only the Cuba figures count: the fact tables (obs_id rows), not
		// the exchange rates and price indexes that convert them.
		c := ft.col("source_id")
		if st, ok := schemas.ByName(ft.Name); !ok || !st.IsFact() || c < 0 {
			continue
		}
		factTables = append(factTables, ft.Name)
		for _, r := range ft.Records {
			backs[r[c]]++
			total++
		}
	}
	type source struct {
		ID, TitleEN, Publisher, Type, Published, URL, OriginalURL string
		Title                                                     docTitle
		Figures                                                   int
	}
	type kind struct {
		Type               string
		Documents, Figures int
	}
	col := func(name string) func([]string) string {
		i := t.col(name)
		return func(r []string) string {
			if i < 0 {
				return ""
			}
			return r[i]
		}
	}
	id, title, pub, typ, date, url := col("source_id"), col("title"), col("publisher"), col("publisher_type"), col("published"), col("url")
	titleEN, orig := col("title_en"), col("original_url")
	var list []source
	devised := 0
	kinds := map[string]*kind{}
	for _, r := range t.Records {
		s := source{ID: id(r), Title: docTitleOf(title(r)), TitleEN: titleEN(r), Publisher: pub(r), Type: typ(r), Published: date(r), Figures: backs[id(r)]}
		if s.Title.Devised {
			devised++
		}
		s.URL, s.OriginalURL = webURL(url(r)), webURL(orig(r))
		list = append(list, s)
		k := kinds[s.Type]
		if k == nil {
			k = &kind{Type: s.Type}
			kinds[s.Type] = k
		}
		k.Documents++
		k.Figures += s.Figures
	}
	slices.SortFunc(list, func(a, b source) int { return strings.Compare(a.ID, b.ID) })
	var ks []kind
	for _, k := range kinds {
		ks = append(ks, *k)
	}
	slices.SortFunc(ks, func(a, b kind) int { return cmp.Or(cmp.Compare(b.Figures, a.Figures), strings.Compare(a.Type, b.Type)) })
	return g.render("sources.html", "sources.html", struct {
		page
		Sources    []source
		Kinds      []kind
		Figures    int
		FactTables []string
		Devised    int // documents whose title is a devised description
	}{g.page("Sources of "+v.Entry.Version+", "+v.Citation.Title, "", v), list, ks, total, factTables, devised})
}

// webURL is u when it is a web address a page may link to, else "".
func webURL(u string) string {
	if strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://") {
		return u
	}
	return ""
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// jsonMarshal marshals v for a <script> element: html/template would
// escape it as a string, so the JSON is escaped here (<, >, & as \u
// escapes) and handed over as template.JS.
func jsonMarshal(v any) (template.JS, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return "", err
	}
	return template.JS(b), nil //nolint:gosec // json.Marshal escapes <, > and &
}
