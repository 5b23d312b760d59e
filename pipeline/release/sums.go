package release

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
)

// sumsFile is the name of the checksum file of a version.
const sumsFile = "SHA256SUMS"

// writeSums writes SHA256SUMS: "<hex>  <path>" for every file written so
// far, sorted by path, as sha256sum -c reads it; and SHA256SUMS.sig when
// the input has a signing key (Input.SignKey).
func (d *draft) writeSums(ctx context.Context) error {
	sums := formatSums(d.files)
	if err := d.write(ctx, sumsFile, func(w io.Writer) error {
		_, err := w.Write(sums)
		return err
	}); err != nil {
		return err
	}
	return d.writeSignature(ctx, d.in.SignKey, sums)
}

// formatSums formats files as the lines of SHA256SUMS, sorted by path.
func formatSums(files []fileSum) []byte {
	files = slices.Clone(files)
	slices.SortFunc(files, func(a, b fileSum) int { return cmp.Compare(a.Path, b.Path) })
	var b bytes.Buffer
	for _, f := range files {
		fmt.Fprintf(&b, "%s  %s\n", f.SHA256, f.Path)
	}
	return b.Bytes()
}

// parseSums reads SHA256SUMS into a map from path to hex SHA-256. Every
// line must be "<64 lowercase hex digits>  <local slash path>", each path
// once.
func parseSums(r io.Reader) (map[string]string, error) {
	sums := map[string]string{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		sum, path, ok := strings.Cut(sc.Text(), "  ")
		if !ok || !isHexSHA256(sum) || path == "" || !filepath.IsLocal(filepath.FromSlash(path)) {
			return nil, fmt.Errorf("%s:%d: not \"<sha256>  <path>\": %q", sumsFile, n, sc.Text())
		}
		if _, dup := sums[path]; dup {
			return nil, fmt.Errorf("%s:%d: %s listed twice", sumsFile, n, path)
		}
		sums[path] = sum
	}
	return sums, sc.Err()
}

func isHexSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
