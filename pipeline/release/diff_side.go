package release

import (
	"bufio"
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

// side is one side of a diff: a published version or a build. It opens
// one table's CSV at a time.
type side struct {
	label string
	names []string                     // the tables it has
	types map[string]map[string]string // column types by table and column
	open  func(table string) (io.ReadCloser, error)
}

// dirSide is the release in dir: its tables are the data/*.csv files,
// their column types those of datapackage.json's table resources.
func dirSide(dir, label string) (*side, error) {
	ents, err := os.ReadDir(filepath.Join(dir, "data"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("release: %s: no such release", dir)
	}
	if err != nil {
		return nil, fmt.Errorf("release: %w", err)
	}
	s := &side{label: label, open: func(table string) (io.ReadCloser, error) {
		return os.Open(filepath.Join(dir, "data", table+".csv"))
	}}
	for _, e := range ents {
		if name, ok := strings.CutSuffix(e.Name(), ".csv"); ok && e.Type().IsRegular() {
			s.names = append(s.names, name)
		}
	}
	if s.types, err = readTypes(filepath.Join(dir, "datapackage.json")); err != nil {
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

// side is the draft's tables as the newer side of a diff, typed by their
// schemas.
func (d *draft) side(label string) *side {
	s := &side{label: label, types: map[string]map[string]string{}}
	index := map[string]int{}
	for i, t := range d.tables {
		sc := t.Schema()
		s.names = append(s.names, sc.Name)
		index[sc.Name] = i
		s.types[sc.Name] = map[string]string{}
		for _, c := range sc.Columns {
			s.types[sc.Name][c.Name] = string(c.Type)
		}
	}
	// A table's CSV is rendered as the diff reads it, never held whole.
	s.open = func(table string) (io.ReadCloser, error) {
		i, ok := index[table]
		if !ok {
			return nil, fmt.Errorf("no table %s in the build", table)
		}
		pr, pw := io.Pipe()
		go func() {
			bw := bufio.NewWriterSize(pw, 64<<10)
			err := d.writeCSV(bw, i)
			if err == nil {
				err = bw.Flush()
			}
			pw.CloseWithError(err)
		}()
		return pr, nil
	}
	return s
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
