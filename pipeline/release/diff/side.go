package diff

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cubaexports/cubaexports/schemas"
)

// Side is one side of a diff: a published version or a build. Compare
// opens one table's CSV at a time.
type Side struct {
	Label  string                       // the version, or what else the side is ("build")
	Tables []string                     // the tables it has
	Types  map[string]map[string]string // column types (Frictionless field types) by table and column
	// Open returns the CSV text of one of Tables, header first.
	Open func(table string) (io.ReadCloser, error)
}

// DirSide is the release in dir: its tables are the data/*.csv files,
// their column types those of datapackage.json's table resources.
func DirSide(dir, label string) (*Side, error) {
	ents, err := os.ReadDir(filepath.Join(dir, "data"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("release: %s: no such release", dir)
	}
	if err != nil {
		return nil, fmt.Errorf("release: %w", err)
	}
	s := &Side{Label: label, Open: func(table string) (io.ReadCloser, error) {
		return os.Open(filepath.Join(dir, "data", table+".csv"))
	}}
	for _, e := range ents {
		if name, ok := strings.CutSuffix(e.Name(), ".csv"); ok && e.Type().IsRegular() {
			s.Tables = append(s.Tables, name)
		}
	}
	if s.Types, err = readTypes(filepath.Join(dir, "datapackage.json")); err != nil {
		return nil, fmt.Errorf("release: %w", err)
	}
	return s, nil
}

// readTypes reads the field types of every table resource of a
// datapackage.json.
func readTypes(path string) (map[string]map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var p struct {
		Resources []struct {
			Name   string `json:"name"`
			Schema *struct {
				Fields []struct {
					Name string `json:"name"`
					Type string `json:"type"`
				} `json:"fields"`
			} `json:"schema"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	types := map[string]map[string]string{}
	for _, r := range p.Resources {
		if r.Schema == nil {
			continue
		}
		types[r.Name] = map[string]string{}
		for _, f := range r.Schema.Fields {
			types[r.Name][f.Name] = f.Type
		}
	}
	return types, nil
}

// tableNames is the union of a and b: the published tables in release
// order, then any other in name order.
func tableNames(a, b []string) []string {
	var names []string
	for _, t := range schemas.All() {
		if slices.Contains(a, t.Name) || slices.Contains(b, t.Name) {
			names = append(names, t.Name)
		}
	}
	var other []string
	for _, n := range slices.Concat(a, b) {
		if _, known := schemas.ByName(n); !known && !slices.Contains(other, n) {
			other = append(other, n)
		}
	}
	slices.Sort(other)
	return append(names, other...)
}
