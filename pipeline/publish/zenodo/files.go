package zenodo

import (
	"crypto/md5" //nolint:gosec // Zenodo states each file's MD5: the checksum to compare with
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// localFile is a file to deposit: its path in the release (Rel), its
// name on Zenodo, which keeps no folders (Name), and its MD5.
type localFile struct {
	Rel, Name, Path string
	Size            int64
	MD5             string
}

// versionFiles lists every file of the version directory dir, sorted by
// path, named on Zenodo by their base names (data/revenue.csv is
// revenue.csv). Two files with one base name are an error.
func versionFiles(dir string) ([]localFile, error) {
	var files []localFile
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		files = append(files, localFile{Rel: rel, Name: path.Base(rel), Path: p})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("zenodo: %w", err)
	}
	return hashed(files)
}

// hashed checks the names are unique and fills each file's size and MD5.
func hashed(files []localFile) ([]localFile, error) {
	sort.Slice(files, func(i, k int) bool { return files[i].Rel < files[k].Rel })
	seen := map[string]string{}
	for i := range files {
		f := &files[i]
		if other, ok := seen[f.Name]; ok {
			return nil, fmt.Errorf("zenodo: %s and %s would both be %s on Zenodo, which keeps no folders", other, f.Rel, f.Name)
		}
		seen[f.Name] = f.Rel
		if err := f.hash(); err != nil {
			return nil, err
		}
	}
	return files, nil
}

func (f *localFile) hash() error {
	r, err := os.Open(f.Path)
	if err != nil {
		return fmt.Errorf("zenodo: %w", err)
	}
	defer r.Close()
	h := md5.New() //nolint:gosec // see the import
	n, err := io.Copy(h, r)
	if err != nil {
		return fmt.Errorf("zenodo: %s: %w", f.Rel, err)
	}
	f.Size, f.MD5 = n, hex.EncodeToString(h.Sum(nil))
	return nil
}

// compare says how the files a deposition lists differ from the local
// ones: nil when they are the same names with the same MD5 checksums.
func compare(remote []remoteFile, local []localFile) error {
	want := map[string]string{}
	for _, f := range local {
		want[f.Name] = f.MD5
	}
	var diffs []string
	for _, r := range remote {
		sum, ok := want[r.Filename]
		switch {
		case !ok:
			diffs = append(diffs, r.Filename+" is on Zenodo but not in the release")
		case bareMD5(r.Checksum) != sum:
			diffs = append(diffs, fmt.Sprintf("%s has MD5 %s on Zenodo, %s in the release", r.Filename, bareMD5(r.Checksum), sum))
		}
		delete(want, r.Filename)
	}
	for _, f := range local {
		if _, missing := want[f.Name]; missing {
			diffs = append(diffs, f.Name+" is in the release but not on Zenodo")
		}
	}
	if len(diffs) > 0 {
		return fmt.Errorf("%s", strings.Join(diffs, "; "))
	}
	return nil
}

// bareMD5 strips the "md5:" Zenodo's bucket API puts before a checksum.
func bareMD5(s string) string { return strings.TrimPrefix(s, "md5:") }
