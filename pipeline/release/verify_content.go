package release

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"

	"github.com/cubaexports/cubaexports/schemas"
)

// checkTables reads every table's Parquet file back into rows, writes
// them as CSV and compares the bytes with the table's CSV file.
func (v *verifier) checkTables(ctx context.Context) error {
	for _, t := range schemas.All() {
		if err := ctx.Err(); err != nil {
			return err
		}
		csvRel, pqRel := "data/"+t.Name+".csv", "data/"+t.Name+".parquet"
		want, err := os.ReadFile(filepath.Join(v.dir, filepath.FromSlash(csvRel)))
		if err != nil {
			v.fail(csvRel, "table %s: %v", t.Name, err)
			continue
		}
		rows, err := readParquet(ctx, filepath.Join(v.dir, filepath.FromSlash(pqRel)), t.Name, v.mem)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			v.fail(pqRel, "table %s: %v", t.Name, err)
			continue
		}
		var got bytes.Buffer
		if err := rows.WriteCSV(&got); err != nil {
			v.fail(pqRel, "table %s: writing its rows as CSV: %v", t.Name, err)
			continue
		}
		if n, g, w, differ := firstDiff(got.Bytes(), want); differ {
			v.fail(pqRel, "table %s: the Parquet rows differ from %s at line %d: Parquet has %q, CSV has %q",
				t.Name, csvRel, n, g, w)
		}
	}
	return nil
}

// firstDiff returns the first line (1-based) where a and b differ, with
// that line of each ("" past the end).
func firstDiff(a, b []byte) (line int, la, lb string, differ bool) {
	if bytes.Equal(a, b) {
		return 0, "", "", false
	}
	as, bs := bytes.SplitAfter(a, []byte("\n")), bytes.SplitAfter(b, []byte("\n"))
	for i := 0; ; i++ {
		x, y := lineAt(as, i), lineAt(bs, i)
		if x != y || i >= max(len(as), len(bs)) {
			return i + 1, x, y, true
		}
	}
}

func lineAt(lines [][]byte, i int) string {
	if i < len(lines) {
		return string(lines[i])
	}
	return ""
}

// checkDataPackage checks that datapackage.json describes every data file
// and that each resource's bytes and hash match its file.
func (v *verifier) checkDataPackage(ctx context.Context) error {
	const name = "datapackage.json"
	b, err := os.ReadFile(filepath.Join(v.dir, name))
	if err != nil {
		v.fail(name, "%v", err)
		return nil
	}
	var p struct {
		Resources []resource `json:"resources"`
	}
	if err := json.Unmarshal(b, &p); err != nil {
		v.fail(name, "%v", err)
		return nil
	}
	described := map[string]bool{}
	for _, r := range p.Resources {
		if err := ctx.Err(); err != nil {
			return err
		}
		described[r.Path] = true
		v.checkResource(name, r)
	}
	for _, t := range schemas.All() {
		for _, rel := range []string{"data/" + t.Name + ".csv", "data/" + t.Name + ".parquet"} {
			if !described[rel] {
				v.fail(name, "no resource for %s", rel)
			}
		}
	}
	return nil
}

func (v *verifier) checkResource(name string, r resource) {
	if r.Path == "" || !filepath.IsLocal(filepath.FromSlash(r.Path)) {
		v.fail(name, "resource %q: path %q is not inside the release", r.Name, r.Path)
		return
	}
	s, err := v.hash(r.Path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		v.fail(name, "resource %q: %s is missing", r.Name, r.Path)
	case err != nil:
		v.fail(name, "resource %q: %v", r.Name, err)
	case r.Bytes != s.Bytes:
		v.fail(name, "resource %q: bytes %d, %s has %d", r.Name, r.Bytes, r.Path, s.Bytes)
	case r.Hash != "sha256:"+s.SHA256:
		v.fail(name, "resource %q: hash %s, %s has sha256:%s", r.Name, r.Hash, r.Path, s.SHA256)
	}
}
