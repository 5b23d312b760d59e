package snapshot

import (
	"context"
	"os"
	"strings"
	"testing"
)

func TestVerify(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir)
	rotten := put(t, s, "src", "a.csv", "alpha")
	gone := put(t, s, "src", "b.csv", "beta")
	put(t, s, "src", "c.csv", "gamma")
	if p, err := s.Verify(context.Background()); err != nil || len(p) != 0 {
		t.Fatalf("clean store: %v %v", p, err)
	}
	b, _ := os.ReadFile(s.ObjectPath(rotten.SHA256))
	b[0] ^= 1
	os.Chmod(s.ObjectPath(rotten.SHA256), 0o644)
	if err := os.WriteFile(s.ObjectPath(rotten.SHA256), b, 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(s.ObjectPath(gone.SHA256))
	problems, err := s.Verify(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Problem{}
	for _, p := range problems {
		got[p.SHA256] = p
	}
	if p := got[rotten.SHA256]; p.Kind != "mismatch" || p.Path != s.ObjectPath(rotten.SHA256) || !strings.Contains(p.String(), "mismatch") {
		t.Errorf("flipped byte: %+v", p)
	}
	if p := got[gone.SHA256]; p.Kind != "missing" || p.Path != s.ObjectPath(gone.SHA256) {
		t.Errorf("missing object: %+v", p)
	}
	if len(problems) != 2 {
		t.Errorf("problems %v, want 2", problems)
	}
}

// Objects only a release's provenance.json names (kept inputs) are
// checked when passed as refs, and a problem names its referrer (issue
// 22, item 5).
func TestVerifyRefs(t *testing.T) {
	s := openTest(t, t.TempDir())
	sha, _, err := s.Keep(context.Background(), strings.NewReader("kept input"))
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(s.ObjectPath(sha))
	ref := Ref{SHA256: sha, By: "release v1.0.0 (provenance.json: source curated, revenue.csv)"}
	problems, err := s.Verify(context.Background(), ref)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 1 || problems[0].Kind != "missing" || !strings.Contains(problems[0].String(), ref.By) {
		t.Errorf("a deleted kept input: %v", problems)
	}
}
