package release

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/apache/arrow/go/v15/arrow/memory"
)

// ErrVerify is wrapped by every error Verify reports about a release.
var ErrVerify = errors.New("release does not verify")

// Verify checks the release version in out ("" for the latest): every
// file listed in SHA256SUMS has its hash and no file is left unlisted;
// every table's Parquet file holds the same rows as its CSV file; every
// resource of datapackage.json has its size and hash; the version's entry
// in index.json (fingerprint, rows, date) agrees with its files. It returns nil when
// all is well and otherwise every finding, each wrapping ErrVerify and
// naming its file (and table).
func Verify(ctx context.Context, out, version string) error {
	return verify(ctx, out, version, memory.DefaultAllocator)
}

func verify(ctx context.Context, out, version string, mem memory.Allocator) error {
	if version == "" {
		v, err := Latest(out)
		if err != nil {
			return fmt.Errorf("%w: %w", ErrVerify, err)
		}
		if v == "" {
			return fmt.Errorf("%w: %s: nothing has been released", ErrVerify, releasesDir(out))
		}
		version = v
	}
	if _, err := parseVersion(version); err != nil {
		return fmt.Errorf("%w: %w", ErrVerify, err)
	}
	dir := filepath.Join(releasesDir(out), version)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return fmt.Errorf("%w: %s: no such release", ErrVerify, dir)
	}
	if err := verifyDir(ctx, dir, mem); err != nil {
		return err
	}
	return checkEntry(ctx, out, version, dir)
}

// verifyDir checks the release in dir; see Verify.
func verifyDir(ctx context.Context, dir string, mem memory.Allocator) error {
	v := &verifier{dir: dir, mem: mem, sums: map[string]fileSum{}}
	for _, check := range []func(context.Context) error{v.checkSums, v.checkTables, v.checkDataPackage, v.checkDataPackageSchema} {
		if err := check(ctx); err != nil {
			return err // ctx is done, or the directory cannot be read
		}
	}
	return errors.Join(v.findings...)
}

// verifier collects the findings about one release directory.
type verifier struct {
	dir      string
	mem      memory.Allocator
	sums     map[string]fileSum // files hashed so far, by relative path
	findings []error
}

// fail records a finding about the file rel.
func (v *verifier) fail(rel, format string, args ...any) {
	v.findings = append(v.findings,
		fmt.Errorf("%w: %s: %s", ErrVerify, filepath.Join(v.dir, filepath.FromSlash(rel)), fmt.Sprintf(format, args...)))
}

// hash returns the size and SHA-256 of the file rel, hashing it once.
func (v *verifier) hash(rel string) (fileSum, error) {
	if s, ok := v.sums[rel]; ok {
		return s, nil
	}
	f, err := os.Open(filepath.Join(v.dir, filepath.FromSlash(rel)))
	if err != nil {
		return fileSum{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return fileSum{}, err
	}
	s := fileSum{Path: rel, Bytes: n, SHA256: hex.EncodeToString(h.Sum(nil))}
	v.sums[rel] = s
	return s, nil
}

// checkSums re-hashes every file SHA256SUMS lists and looks for files it
// does not list.
func (v *verifier) checkSums(ctx context.Context) error {
	b, err := os.ReadFile(filepath.Join(v.dir, sumsFile))
	if err != nil {
		v.fail(sumsFile, "%v", err)
		return nil
	}
	listed, err := parseSums(bytes.NewReader(b))
	if err != nil {
		v.fail(sumsFile, "%v", err)
		return nil
	}
	for _, rel := range slices.Sorted(maps.Keys(listed)) {
		if err := ctx.Err(); err != nil {
			return err
		}
		s, err := v.hash(rel)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			v.fail(rel, "listed in %s but missing", sumsFile)
		case err != nil:
			v.fail(rel, "%v", err)
		case s.SHA256 != listed[rel]:
			v.fail(rel, "sha256 %s, %s says %s", s.SHA256, sumsFile, listed[rel])
		}
	}
	return filepath.WalkDir(v.dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, err := filepath.Rel(v.dir, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch _, ok := listed[rel]; {
		case !e.Type().IsRegular():
			v.fail(rel, "not a regular file")
		case !ok && rel != sumsFile && rel != sigFile:
			v.fail(rel, "not listed in %s", sumsFile)
		}
		return nil
	})
}
