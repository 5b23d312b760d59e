package worldbank

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources"
)

// MaxZipBytes bounds a bulk ZIP read into memory: archive/zip needs an
// io.ReaderAt, and the download of one indicator is about 100 KB, so the
// body is buffered rather than spooled to a temporary file. A larger body
// is an error, not a slow run.
const MaxZipBytes = 64 << 20

// readZip reads the API_<indicator>_*.csv member of a bulk download ZIP
// (the Metadata_*.csv members are not read). Rows are located in the
// member ("<archive>/<member>", locator "zip=<member>, csv=row N, ...").
func readZip(ctx context.Context, e *emitter, file string, r io.Reader) error {
	at := schemas.Origin{File: file}
	body, err := io.ReadAll(io.LimitReader(r, MaxZipBytes+1))
	if err != nil {
		return fmt.Errorf("%s: reading: %w", file, err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(body) > MaxZipBytes {
		return fmt.Errorf("%s: the archive is larger than %d bytes", file, MaxZipBytes)
	}
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		return &datasets.LocatedError{At: at, Err: fmt.Errorf("not a readable ZIP archive: %w", err)}
	}
	member, err := dataMember(zr, e.p.Indicator)
	if err != nil {
		return &datasets.LocatedError{At: at, Err: err}
	}
	rc, err := member.Open()
	if err != nil {
		return &datasets.LocatedError{At: at, Err: fmt.Errorf("%s: %w", member.Name, err)}
	}
	defer rc.Close()
	return readBulk(ctx, e, file+"/"+member.Name, "zip="+member.Name+", ", rc)
}

// dataMember finds the one API_<indicator>_*.csv file of the archive.
func dataMember(zr *zip.Reader, indicator string) (*zip.File, error) {
	var found *zip.File
	var names []string
	for _, f := range zr.File {
		base := path.Base(f.Name)
		names = append(names, f.Name)
		if !strings.HasPrefix(base, "API_"+indicator+"_") || !strings.HasSuffix(strings.ToLower(base), ".csv") {
			continue
		}
		if found != nil {
			return nil, fmt.Errorf("%w: two data files, %s and %s", sources.ErrLayoutChanged, found.Name, f.Name)
		}
		found = f
	}
	if found == nil {
		return nil, fmt.Errorf("%w: no API_%s_*.csv among %q", sources.ErrLayoutChanged, indicator, names)
	}
	return found, nil
}
