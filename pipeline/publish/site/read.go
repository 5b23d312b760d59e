package site

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/cubaexports/cubaexports/pipeline/release"
	"github.com/cubaexports/cubaexports/pipeline/release/cite"
	"github.com/cubaexports/cubaexports/schemas"
)

// version is everything the pages of one released version show.
type version struct {
	Entry     release.Entry
	Citation  cite.Citation
	APA       string
	BibTeX    string
	Package   dataPackage
	Changelog string // CHANGELOG.md as published
	Summary   string // the changelog's first paragraph
	Files     []file // every file of SHA256SUMS, in its order
	Tables    []*table
}

// file is one published file of a version.
type file struct {
	Path   string // relative to the version directory, e.g. data/revenue.csv
	Bytes  int64
	SHA256 string
}

// table is one table of a version: its resources and rows.
type table struct {
	Name, Title, Description string
	Fields                   []schemas.FrictionlessField
	Rows                     int
	CSV, Parquet             file
	Header                   []string
	Records                  [][]string // every row, cells as published text (formula escape removed)
}

// col returns the index of the named column, or -1.
func (t *table) col(name string) int { return slices.Index(t.Header, name) }

// dataPackage is the part of datapackage.json the site reads.
type dataPackage struct {
	Name        string `json:"name"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Version     string `json:"version"`
	Created     string `json:"created"`
	Homepage    string `json:"homepage"`
	Keywords    []string
	Licenses    []struct {
		Name  string `json:"name"`
		Title string `json:"title"`
		Path  string `json:"path"`
	} `json:"licenses"`
	Resources []struct {
		Name        string                      `json:"name"`
		Type        string                      `json:"type"`
		Path        string                      `json:"path"`
		Format      string                      `json:"format"`
		Mediatype   string                      `json:"mediatype"`
		Bytes       int64                       `json:"bytes"`
		Hash        string                      `json:"hash"`
		Title       string                      `json:"title"`
		Description string                      `json:"description"`
		Schema      *schemas.FrictionlessSchema `json:"schema"`
	} `json:"resources"`
}

// readVersion reads version e of the releases in out.
func readVersion(out string, e release.Entry) (*version, error) {
	dir := filepath.Join(out, "releases", e.Version)
	v := &version{Entry: e}
	var err error
	if v.Citation, err = release.ReadCitation(out, e.Version); err != nil {
		return nil, err
	}
	v.APA = v.Citation.APA()
	v.BibTeX = v.Citation.BibTeX()
	b, err := os.ReadFile(filepath.Join(dir, "datapackage.json"))
	if err != nil {
		return nil, fmt.Errorf("release %s: %w", e.Version, err)
	}
	if err := json.Unmarshal(b, &v.Package); err != nil {
		return nil, fmt.Errorf("release %s: datapackage.json: %w", e.Version, err)
	}
	if b, err = os.ReadFile(filepath.Join(dir, "CHANGELOG.md")); err != nil {
		return nil, fmt.Errorf("release %s: %w", e.Version, err)
	}
	v.Changelog = string(b)
	v.Summary = changelogSummary(v.Changelog)
	if v.Files, err = readSums(dir); err != nil {
		return nil, fmt.Errorf("release %s: %w", e.Version, err)
	}
	files := map[string]file{}
	for _, f := range v.Files {
		files[f.Path] = f
	}
	for _, r := range v.Package.Resources {
		if r.Type != "table" || r.Schema == nil {
			continue
		}
		t := &table{Name: r.Name, Title: r.Title, Description: r.Description, Fields: r.Schema.Fields,
			Rows: e.Rows[r.Name], CSV: files[r.Path], Parquet: files[strings.TrimSuffix(r.Path, ".csv")+".parquet"]}
		if t.CSV.Path == "" {
			return nil, fmt.Errorf("release %s: datapackage.json: resource %s: %s is not in SHA256SUMS", e.Version, r.Name, r.Path)
		}
		if err := readTable(filepath.Join(dir, filepath.FromSlash(r.Path)), t); err != nil {
			return nil, fmt.Errorf("release %s: %w", e.Version, err)
		}
		v.Tables = append(v.Tables, t)
	}
	return v, nil
}

// workbook is the version's Excel workbook, if it has one.
func (v *version) workbook() (file, bool) {
	for _, f := range v.Files {
		if strings.HasSuffix(f.Path, ".xlsx") {
			return f, true
		}
	}
	return file{}, false
}

// table returns the named table, or nil.
func (v *version) table(name string) *table {
	for _, t := range v.Tables {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// readTable reads a published CSV file into t.
func readTable(path string, t *table) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	t.Header, err = r.Read()
	if err != nil {
		return fmt.Errorf("%s: header: %w", path, err)
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		for i := range rec {
			rec[i] = schemas.UnescapeCell(rec[i])
		}
		t.Records = append(t.Records, rec)
	}
	if len(t.Records) != t.Rows {
		return fmt.Errorf("%s: %d rows, index.json says %d", path, len(t.Records), t.Rows)
	}
	return nil
}

// readSums reads the version's SHA256SUMS and the size of every file it lists.
func readSums(dir string) ([]file, error) {
	b, err := os.ReadFile(filepath.Join(dir, "SHA256SUMS"))
	if err != nil {
		return nil, err
	}
	var files []file
	for i, line := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		sum, path, ok := strings.Cut(line, "  ")
		if !ok || len(sum) != 64 {
			return nil, fmt.Errorf("SHA256SUMS line %d: want \"<sha256>  <path>\", got %q", i+1, line)
		}
		st, err := os.Stat(filepath.Join(dir, filepath.FromSlash(path)))
		if err != nil {
			return nil, fmt.Errorf("SHA256SUMS line %d: %w", i+1, err)
		}
		files = append(files, file{Path: path, Bytes: st.Size(), SHA256: sum})
	}
	return files, nil
}

// changelogSummary is the first paragraph of a changelog after its
// title, without the release date it starts with (pages show the date).
func changelogSummary(md string) string {
	s := firstParagraph(md)
	if rest, ok := strings.CutPrefix(s, "Released "); ok && len(rest) > 11 && rest[10] == '.' {
		s = strings.TrimSpace(rest[11:])
	}
	return s
}

// firstParagraph is the first paragraph of Markdown text after its title.
func firstParagraph(md string) string {
	var para []string
	for _, line := range strings.Split(md, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "#"):
			if len(para) > 0 {
				return strings.Join(para, " ")
			}
		case line == "":
			if len(para) > 0 {
				return strings.Join(para, " ")
			}
		case strings.HasPrefix(line, "|"):
			if len(para) > 0 {
				return strings.Join(para, " ")
			}
		default:
			para = append(para, line)
		}
	}
	return strings.Join(para, " ")
}

// number parses a numeric cell; ok is false for an empty or bad cell.
func number(s string) (float64, bool) {
	if s == "" {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// humanBytes writes a size as people read it: 1.2 MB, 34.5 kB, 512 B.
func humanBytes(n int64) string {
	switch {
	case n >= 1_000_000:
		return strconv.FormatFloat(float64(n)/1e6, 'f', 1, 64) + " MB"
	case n >= 1_000:
		return strconv.FormatFloat(float64(n)/1e3, 'f', 1, 64) + " kB"
	}
	return strconv.FormatInt(n, 10) + " B"
}
