package snapshot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Problem is an object referenced by the index that is missing or whose
// bytes no longer hash to its name (bit rot, tampering).
type Problem struct {
	SHA256 string
	Path   string
	Kind   string // "missing", "mismatch" or "unreadable"
	Detail string
	By     []string // the referrers (see Ref) that name the object, if any
}

// String reads like "objects/ab/ab...: mismatch: bytes hash to cd...",
// followed by "; referred to by ..." when a Ref names the object.
func (p Problem) String() string {
	s := fmt.Sprintf("%s: %s: %s", p.Path, p.Kind, p.Detail)
	if len(p.By) > 0 {
		s += "; referred to by " + strings.Join(p.By, ", ")
	}
	return s
}

// Ref is an object something outside the index refers to: By names the
// referrer (e.g. "releases/v1.0.0/provenance.json: input revenue.csv").
type Ref struct {
	SHA256 string
	By     string
}

// Verify re-hashes every object referenced by the index (by a successful
// fetch or a commit), and every other object in the store (the inputs a
// release kept, see Keep), and reports those missing or not matching
// their name, as well as every object refs name (the inputs releases
// recorded in their provenance.json, which the store must keep). The error
// is for failures to run the check, not for problems.
func (s *Store) Verify(ctx context.Context, refs ...Ref) ([]Problem, error) {
	recs, err := s.List(ctx, "")
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, r := range recs {
		if r.ok() {
			seen[r.SHA256] = true
		}
		for _, d := range r.Docs {
			seen[d.SHA256] = true
		}
	}
	by := map[string][]string{}
	for _, r := range refs {
		seen[r.SHA256] = true
		by[r.SHA256] = append(by[r.SHA256], r.By)
	}
	// Objects no index line names: kept inputs of releases.
	ents, _ := filepath.Glob(filepath.Join(s.dir, objectsDir, "??", "*"))
	for _, p := range ents {
		if sha := filepath.Base(p); validSHA(sha) && filepath.Base(filepath.Dir(p)) == sha[:2] {
			seen[sha] = true
		}
	}
	shas := make([]string, 0, len(seen))
	for sha := range seen {
		shas = append(shas, sha)
	}
	sort.Strings(shas)
	var problems []Problem
	for _, sha := range shas {
		if err := ctx.Err(); err != nil {
			return problems, err
		}
		if p, bad := s.check(sha); bad {
			p.By = by[sha]
			problems = append(problems, p)
		}
	}
	return problems, nil
}

// check re-hashes one object.
func (s *Store) check(sha string) (Problem, bool) {
	if !validSHA(sha) {
		return Problem{SHA256: sha, Path: sha, Kind: "unreadable", Detail: "the index names an invalid sha256"}, true
	}
	p := s.ObjectPath(sha)
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return Problem{SHA256: sha, Path: p, Kind: "missing", Detail: "the index refers to it but the file is gone"}, true
	}
	if err != nil {
		return Problem{SHA256: sha, Path: p, Kind: "unreadable", Detail: err.Error()}, true
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return Problem{SHA256: sha, Path: p, Kind: "unreadable", Detail: err.Error()}, true
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != sha {
		return Problem{SHA256: sha, Path: p, Kind: "mismatch", Detail: "bytes hash to " + got}, true
	}
	return Problem{}, false
}
