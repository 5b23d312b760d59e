package release

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v15/arrow/memory"

	"github.com/cubaexports/cubaexports/schemas"
)

// resum rewrites SHA256SUMS of the release in dir from the files as they
// are, so that only the other checks can catch an edit.
func resum(t *testing.T, dir string) {
	t.Helper()
	v := &verifier{dir: dir, sums: map[string]fileSum{}}
	var files []fileSum
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || e.Name() == sumsFile {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		s, err := v.hash(filepath.ToSlash(rel))
		files = append(files, s)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, sumsFile), formatSums(files), 0o644); err != nil {
		t.Fatal(err)
	}
}

// wantFindings checks that err wraps ErrVerify and consists of exactly
// the given number of findings, each containing every one of the strings.
func wantFindings(t *testing.T, err error, n int, contains ...string) {
	t.Helper()
	if !errors.Is(err, ErrVerify) {
		t.Fatalf("error %v does not wrap ErrVerify", err)
	}
	if lines := strings.Split(err.Error(), "\n"); len(lines) != n {
		t.Errorf("%d findings, want %d:\n%v", len(lines), n, err)
	}
	for _, s := range contains {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error does not mention %q:\n%v", s, err)
		}
	}
}

func newRelease(t *testing.T) (out, dir string) {
	t.Helper()
	out = t.TempDir()
	res := mustBuild(t, out, syntheticInput())
	return out, res.Dir
}

func TestVerifyFresh(t *testing.T) {
	out, _ := newRelease(t)
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	if err := verify(context.Background(), out, "v1.0.0", mem); err != nil {
		t.Errorf("fresh release: %v", err)
	}
	if err := Verify(context.Background(), out, "v9.9.9"); !errors.Is(err, ErrVerify) {
		t.Errorf("Verify of a missing version: %v", err)
	}
	if err := Verify(context.Background(), out, "../v1.0.0"); !errors.Is(err, ErrVerify) {
		t.Errorf("Verify of a path: %v", err)
	}
}

func TestVerifyFlippedByte(t *testing.T) {
	out, dir := newRelease(t)
	path := filepath.Join(dir, "data", "sources.csv")
	b := readFile(t, path)
	i := bytes.Index(b, []byte("Example News"))
	b[i] = 'e'
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	err := Verify(context.Background(), out, "v1.0.0")
	// The checksum, the Parquet rows and the descriptor each see it.
	wantFindings(t, err, 3, filepath.Join(dir, "data", "sources.csv")+": sha256 ", "table sources", `resource "sources"`)
}

func TestVerifyUnlistedAndMissing(t *testing.T) {
	out, dir := newRelease(t)
	if err := os.WriteFile(filepath.Join(dir, "data", "notes.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	wantFindings(t, Verify(context.Background(), out, ""), 1,
		filepath.Join(dir, "data", "notes.txt")+": not listed in SHA256SUMS")
	if err := os.Remove(filepath.Join(dir, "data", "notes.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "CODEBOOK.md")); err != nil {
		t.Fatal(err)
	}
	wantFindings(t, Verify(context.Background(), out, ""), 1,
		filepath.Join(dir, "CODEBOOK.md")+": listed in SHA256SUMS but missing")
}

// TestVerifyParquetContent replaces a Parquet file with one of other rows
// and fixes the descriptor and SHA256SUMS, so that only the comparison of
// the Parquet rows with the CSV file can catch it.
func TestVerifyParquetContent(t *testing.T) {
	out, dir := newRelease(t)
	in := changedInput()
	rows := sortedCopy(in.Rows)
	pq := filepath.Join(dir, "data", "revenue.parquet")
	var buf bytes.Buffer
	if err := writeParquet(&buf, rows.Tables()[0], "v1.0.0", memory.NewGoAllocator()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pq, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	v := &verifier{dir: dir, sums: map[string]fileSum{}}
	s, err := v.hash("data/revenue.parquet")
	if err != nil {
		t.Fatal(err)
	}
	editDataPackage(t, dir, func(r *resource) {
		if r.Path == "data/revenue.parquet" {
			r.Bytes, r.Hash = s.Bytes, "sha256:"+s.SHA256
		}
	})
	resum(t, dir)
	err = Verify(context.Background(), out, "v1.0.0")
	wantFindings(t, err, 1, "table revenue", "differ from data/revenue.csv at line 2", "4600000000")
}

func TestVerifyDataPackage(t *testing.T) {
	out, dir := newRelease(t)
	editDataPackage(t, dir, func(r *resource) {
		if r.Name == "sources" {
			r.Bytes = 1
		}
	})
	resum(t, dir)
	wantFindings(t, Verify(context.Background(), out, ""), 1, `datapackage.json: resource "sources": bytes 1`)
}

// editDataPackage rewrites datapackage.json with every resource edited.
func editDataPackage(t *testing.T, dir string, edit func(*resource)) {
	t.Helper()
	path := filepath.Join(dir, "datapackage.json")
	var p dataPackage
	if err := json.Unmarshal(readFile(t, path), &p); err != nil {
		t.Fatal(err)
	}
	for i := range p.Resources {
		edit(&p.Resources[i])
	}
	b, err := marshalJSON(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFirstDiff(t *testing.T) {
	for _, tc := range []struct {
		a, b   string
		line   int
		la, lb string
	}{
		{"h\nx\n", "h\ny\n", 2, "x\n", "y\n"},
		{"h\n", "h\nextra\n", 2, "", "extra\n"},
		{"h\nx", "h\nx\n", 2, "x", "x\n"},
	} {
		n, la, lb, differ := firstDiff([]byte(tc.a), []byte(tc.b))
		if !differ || n != tc.line || la != tc.la || lb != tc.lb {
			t.Errorf("firstDiff(%q, %q) = %d %q %q %t", tc.a, tc.b, n, la, lb, differ)
		}
	}
	if _, _, _, differ := firstDiff([]byte("a\n"), []byte("a\n")); differ {
		t.Errorf("equal inputs differ")
	}
}

func TestReadParquetWrongTable(t *testing.T) {
	_, dir := newRelease(t)
	_, err := readParquet(context.Background(), filepath.Join(dir, "data", "revenue.parquet"), schemas.SourcesName, memory.NewGoAllocator())
	if err == nil || !strings.Contains(err.Error(), "does not name table sources") {
		t.Errorf("reading revenue.parquet as sources: %v", err)
	}
}

// lineCompare, fed the written bytes in pieces of any size, reports the
// line firstDiff reports for the whole bytes.
func TestLineCompareMatchesFirstDiff(t *testing.T) {
	cases := [][2]string{
		{"h\nx\n", "h\ny\n"}, {"h\n", "h\nextra\n"}, {"h\nx", "h\nx\n"}, {"h\nx\n", "h\nx"},
		{"a\n", "a\n"}, {"", ""}, {"", "h\n"}, {"h\n", ""}, {"h\n\"a\nb\"\nz\n", "h\n\"a\nc\"\nz\n"},
		{"h\nsame\nlast", "h\nsame\nlast"}, {"h\nx\ny\n", "h\nx\n"},
	}
	for _, tc := range cases {
		wantLine, wantGot, wantWant, differ := firstDiff([]byte(tc[0]), []byte(tc[1]))
		for piece := 1; piece <= len(tc[0])+1; piece++ {
			c := &lineCompare{want: bufio.NewReader(strings.NewReader(tc[1]))}
			for rest := []byte(tc[0]); len(rest) > 0; {
				n := min(piece, len(rest))
				if _, err := c.Write(rest[:n]); err != nil {
					break
				}
				rest = rest[n:]
			}
			c.finish()
			if (c.line > 0) != differ || c.line != wantLine || c.got != wantGot || c.wanted != wantWant {
				t.Errorf("%q vs %q in pieces of %d: line %d %q %q, firstDiff %d %q %q", tc[0], tc[1], piece,
					c.line, c.got, c.wanted, wantLine, wantGot, wantWant)
			}
		}
	}
}
