package fetch

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/cubaexports/cubaexports/sources/snapshot"
)

func TestFileURL(t *testing.T) {
	src := filepath.Join(t.TempDir(), "table.xlsx")
	if err := os.WriteFile(src, []byte("PK\x03\x04 a workbook"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, store, dir := testFetcher(t, Options{})
	req := Request{SourceID: "src", Name: "table.xlsx", URL: "file://" + src, Format: "xlsx"}
	doc, out, err := f.Get(context.Background(), req)
	if err != nil || out != snapshot.OutcomeNew || body(t, doc) != "PK\x03\x04 a workbook" {
		t.Fatalf("file get: %v %v", out, err)
	}
	if doc.MediaType != snapshot.MediaType("table.xlsx") || doc.URL != req.URL {
		t.Errorf("snapshot %+v", doc.Snapshot)
	}
	again, out, err := f.Get(context.Background(), req)
	if err != nil || out != snapshot.OutcomeUnchanged || again.Snapshot != doc.Snapshot || objectFiles(t, dir) != 1 {
		t.Errorf("same file again: %v %v, %d objects", out, err, objectFiles(t, dir))
	}
	os.WriteFile(src, []byte("<html>moved</html>"), 0o644)
	_, _, err = f.Get(context.Background(), req)
	if !errors.Is(err, ErrUnexpectedBody) {
		t.Errorf("HTML in a file: %v", err)
	}
	_, _, err = f.Get(context.Background(), Request{SourceID: "src", Name: "gone", URL: "file://" + src + ".gone"})
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	mustContain(t, err, "source src", "file://"+src+".gone")
	if recs := records(t, store); len(recs) != 4 || recs[3].Outcome != snapshot.OutcomeFailed {
		t.Errorf("index %+v", recs)
	}
}

func TestBadRequests(t *testing.T) {
	tests := []struct {
		name string
		req  Request
		is   error
		want string
	}{
		{"ftp", Request{SourceID: "src", Name: "a", URL: "ftp://example.org/a.csv"}, ErrUnsupportedScheme, `"ftp"`},
		{"no scheme", Request{SourceID: "src", Name: "a", URL: "example.org/a.csv"}, ErrUnsupportedScheme, `""`},
		{"format", Request{SourceID: "src", Name: "a", URL: "https://example.org/a", Format: "docx"}, ErrUnknownFormat, `"docx"`},
		{"remote file", Request{SourceID: "src", Name: "a", URL: "file://server/share/a.csv"}, nil, `host "server"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, store, _ := testFetcher(t, Options{})
			_, out, err := f.Get(context.Background(), tt.req)
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("got %v, want %v", err, tt.is)
			}
			mustContain(t, err, "source src", tt.req.URL, tt.want)
			if recs := records(t, store); out != snapshot.OutcomeFailed || len(recs) != 1 || recs[0].Error != err.Error() {
				t.Errorf("failure not recorded: %v %+v", out, recs)
			}
		})
	}
}
