package snapshot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"testing"
	"testing/fstest"
	"time"
)

func TestFromFS(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 4, 5, 600, time.UTC)
	fsys := fstest.MapFS{
		"d/b.csv":      {Data: []byte("b")},
		"d/a.xlsx":     {Data: []byte("a")},
		"d/.hidden":    {Data: []byte("h")},
		"d/sub/c.csv":  {Data: []byte("c")},
		"other/x.json": {Data: []byte("x")},
	}
	docs, err := FromFS(context.Background(), fsys, "d", "src", "embed:k/", func(fs.FileInfo) time.Time { return at })
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].Name != "a.xlsx" || docs[1].Name != "b.csv" {
		t.Fatalf("docs %+v", docs)
	}
	sum := sha256.Sum256([]byte("b"))
	d := docs[1]
	if d.SHA256 != hex.EncodeToString(sum[:]) || d.Size != 1 || d.URL != "embed:k/b.csv" || d.MediaType != "text/csv" ||
		d.SourceID != "src" || !d.RetrievedAt.Equal(at.Truncate(time.Second)) {
		t.Errorf("snapshot %+v", d.Snapshot)
	}
	r, err := d.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if b, _ := io.ReadAll(r); string(b) != "b" {
		t.Errorf("body %q", b)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := FromFS(ctx, fsys, "d", "src", "", func(fs.FileInfo) time.Time { return at }); err == nil {
		t.Error("cancelled context ignored")
	}
}
