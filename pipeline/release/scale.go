package release

import (
	"context"
	"io"

	"github.com/apache/arrow/go/v15/arrow/memory"

	"github.com/cubaexports/cubaexports/pipeline/release/cite"
)

// WriteData writes data/<table>.csv and data/<table>.parquet of in's
// tables under dir exactly as a release does (the same sorted rows, CSV
// encoding, Parquet writer, buffering and fsync), without a version's
// other files, its verification or the rename. It is the path the scale
// benchmark (testdata/bench/scale) times; a release is only ever written
// by Write.
func WriteData(ctx context.Context, dir string, in Input) error {
	d, err := newDraft(in, memory.DefaultAllocator)
	if err != nil {
		return err
	}
	d.dir = dir
	return d.writeData(ctx)
}

// WriteWorkbook writes the release workbook of in's tables, as version
// would carry it, to w (the scale benchmark times it on its own).
func WriteWorkbook(ctx context.Context, w io.Writer, in Input, version string) error {
	rows := sortedCopy(in.Rows)
	return writeWorkbook(ctx, w, rows.Tables(), cite.Of(in.Meta, version, in.Date), in.TempDir)
}
