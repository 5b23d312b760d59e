package pipeline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/pipeline/release"
	"github.com/cubaexports/cubaexports/sources"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// A rebuild finds each recorded input by its SHA-256: in the snapshot
// store, among the kind's embedded documents, or in the local file at its
// recorded URL when its bytes still match; otherwise it names the source,
// document and hash.
func TestFindInputByHash(t *testing.T) {
	ctx := context.Background()
	store, err := snapshot.OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	stored := []byte("stored,bytes\n")
	if got, _, err := store.Keep(ctx, bytes.NewReader(stored)); err != nil || got != sum(stored) {
		t.Fatalf("Keep: %s, %v", got, err)
	}
	base := t.TempDir()
	local := []byte("local,bytes\n")
	if err := os.WriteFile(filepath.Join(base, "local.csv"), local, 0o644); err != nil {
		t.Fatal(err)
	}
	cur, _ := sources.Lookup("curated")
	embedded, err := fs.ReadFile(cur.Embedded, "revenue.csv")
	if err != nil {
		t.Fatal(err)
	}

	// A stored copy of the local file whose bytes rotted: the rebuild uses
	// the local file and says the store's copy is bad (issue 22, item 5).
	if _, _, err := store.Keep(ctx, bytes.NewReader(local)); err != nil {
		t.Fatal(err)
	}
	rot := store.ObjectPath(sum(local))
	os.Chmod(rot, 0o644)
	if err := os.WriteFile(rot, []byte("rotten\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		name     string
		in       release.InputFile
		want     []byte
		from     string
		storeBad bool
	}{
		{"store", release.InputFile{Name: "page.json", URL: "https://example.org/page.json", SHA256: sum(stored)}, stored, "in the snapshot store", false},
		{"embedded", release.InputFile{Name: "revenue.csv", URL: "embed:curated/revenue.csv", SHA256: sum(embedded)}, embedded, "among the embedded documents", false},
		{"local file, the store's copy rotten", release.InputFile{Name: "local.csv", URL: "./local.csv", SHA256: sum(local)}, local, "at " + filepath.Join(base, "local.csv"), true},
	} {
		tc.in.SourceID = "curated"
		d, c, err := findInput(store, base, cur, tc.in)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if !strings.HasPrefix(c.From, tc.from) || c.StoreBad != tc.storeBad {
			t.Errorf("%s: copy %+v, want from %q, store bad %v", tc.name, c, tc.from, tc.storeBad)
		}
		r, err := d.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(r)
		r.Close()
		if !bytes.Equal(got, tc.want) || d.SHA256 != tc.in.SHA256 || d.Name != tc.in.Name || d.URL != tc.in.URL {
			t.Errorf("%s: got %+v with %q", tc.name, d.Snapshot, got)
		}
	}

	gone := sum([]byte("the old sheet\n"))
	for _, in := range []release.InputFile{
		{SourceID: "curated", Name: "local.csv", URL: "./local.csv", SHA256: gone},                 // the file changed since
		{SourceID: "curated", Name: "revenue.csv", URL: "embed:curated/revenue.csv", SHA256: gone}, // the binary embeds other bytes
		{SourceID: "curated", Name: "x.csv", URL: "https://example.org/x.csv", SHA256: gone},       // never stored
	} {
		_, _, err := findInput(store, base, cur, in)
		if !errors.Is(err, ErrSnapshotMissing) {
			t.Errorf("%s: %v, want ErrSnapshotMissing", in.URL, err)
			continue
		}
		for _, want := range []string{"source curated", "document " + in.Name, "sha256 " + gone, "not in the snapshot store"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s: %q lacks %q", in.URL, err, want)
			}
		}
	}
}

// The effective catalog recorded in provenance.json decodes to the same
// catalog: encoding it again gives the same bytes, hence the same hash.
func TestCatalogJSONRoundTrip(t *testing.T) {
	cat, err := sources.DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	b, err := catalogJSON(cat)
	if err != nil {
		t.Fatal(err)
	}
	back, err := catalogFromJSON(b)
	if err != nil {
		t.Fatal(err)
	}
	again, err := catalogJSON(back)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, again) {
		t.Errorf("catalog JSON changed in a round trip:\n%s\n%s", b, again)
	}
	if len(back.Entries) != len(cat.Entries) || !strings.Contains(string(b), `"params":{`) {
		t.Errorf("round trip lost sources or params: %s", b)
	}
}
