package pipeline

import (
	"context"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/cubaexports/cubaexports/sources"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// gather lists the documents of a catalog entry that need no fetching:
// the embedded documents its kind gives it ("embed:"), or a local file or
// directory ("file://..." or a path, relative to the configuration file).
// Each document's URL is the entry's URL as configured (plus the file
// name for a directory), so provenance does not depend on where it ran.
func gather(ctx context.Context, src sources.Entry, r *sources.Reader, baseDir string) ([]snapshot.Document, error) {
	if strings.HasPrefix(src.URL, "embed:") {
		return embeddedDocuments(ctx, src, r)
	}
	p := src.URL
	if u, err := url.Parse(src.URL); err == nil && u.Scheme == "file" {
		p = u.Path
	} else if strings.Contains(src.URL, "://") {
		return nil, fmt.Errorf("source %s: unsupported URL scheme in %q (use embed:, file:// or a path)", src.ID, src.URL)
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(baseDir, p)
	}
	info, err := os.Stat(p)
	if err != nil {
		return nil, fmt.Errorf("source %s: %w", src.ID, err)
	}
	mtime := func(fi fs.FileInfo) time.Time { return fi.ModTime() }
	if src.Retrieved != "" { // the curator's date beats the file system's
		at, err := embeddedTime(src)
		if err != nil {
			return nil, err
		}
		mtime = func(fs.FileInfo) time.Time { return at }
	}
	if info.IsDir() {
		return snapshot.FromFS(ctx, os.DirFS(p), ".", src.ID, strings.TrimSuffix(src.URL, "/")+"/", mtime)
	}
	d, err := snapshot.FileDocument(os.DirFS(filepath.Dir(p)), filepath.Base(p), src.ID, src.URL, mtime(info))
	if err != nil {
		return nil, err
	}
	return []snapshot.Document{d}, nil
}

// embeddedDocuments are the documents the entry's kind embeds for it,
// retrieved at the catalog's retrieved date; their URLs are
// "embed:<kind>/<name>".
func embeddedDocuments(ctx context.Context, src sources.Entry, r *sources.Reader) ([]snapshot.Document, error) {
	if r.Embedded == nil {
		return nil, fmt.Errorf("source %s: kind %s has no embedded documents", src.ID, src.Kind)
	}
	at, err := embeddedTime(src)
	if err != nil {
		return nil, err
	}
	return snapshot.FromFS(ctx, r.Embedded, ".", src.ID, "embed:"+src.Kind+"/", func(fs.FileInfo) time.Time { return at })
}

// embeddedTime is the catalog's retrieved date of a source's documents.
func embeddedTime(src sources.Entry) (time.Time, error) {
	if src.Retrieved == "" {
		return time.Time{}, fmt.Errorf("source %s: embedded documents need a retrieved date in the catalog", src.ID)
	}
	return time.Parse(time.DateOnly, src.Retrieved)
}
