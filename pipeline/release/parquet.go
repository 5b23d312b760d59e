package release

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/apache/arrow/go/v15/parquet"
	"github.com/apache/arrow/go/v15/parquet/compress"
	"github.com/apache/arrow/go/v15/parquet/file"
	"github.com/apache/arrow/go/v15/parquet/pqarrow"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
)

// writeData writes data/<table>.csv and data/<table>.parquet for every
// table, in release order; a table's two files are written at the same
// time (both stream from the same sorted rows).
func (d *draft) writeData(ctx context.Context) error {
	for i, t := range d.tables {
		name := t.Schema().Name
		err := d.writeEach(ctx,
			namedFill{"data/" + name + ".csv", func(w io.Writer) error { return d.writeCSV(w, i) }},
			namedFill{"data/" + name + ".parquet", func(w io.Writer) error { return writeParquet(w, t, d.version, d.mem) }},
		)
		if err != nil {
			return err
		}
	}
	return nil
}

// maxRowGroupRows is the most rows one Parquet row group holds.
const maxRowGroupRows = 64 * 1024

// nopCloser keeps pqarrow's FileWriter.Close from closing the sink: the
// caller flushes, fsyncs and closes the file itself.
type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// writeParquet writes the table in row groups of at most maxRowGroupRows
// rows, Snappy-compressed, with the Arrow schema (and so the table's and
// columns' descriptions and units) stored in the footer's key/value
// metadata. It builds one Arrow record per row group, so only one row
// group's columns are in memory at a time.
func writeParquet(w io.Writer, t datasets.Table, version string, mem memory.Allocator) error {
	fw, err := newParquetWriter(w, t, version, mem)
	if err != nil {
		return err
	}
	// An empty table still gets its one (empty) row group.
	for i := 0; i == 0 || i < t.Len(); i += maxRowGroupRows {
		if err := writeRowGroup(fw, t.Slice(i, min(i+maxRowGroupRows, t.Len())), mem); err != nil {
			fw.Close()
			return err
		}
	}
	return fw.Close()
}

// newParquetWriter is the Parquet writer of table t's file.
func newParquetWriter(w io.Writer, t datasets.Table, version string, mem memory.Allocator) (*pqarrow.FileWriter, error) {
	props := parquet.NewWriterProperties(
		parquet.WithCompression(compress.Codecs.Snappy),
		parquet.WithCreatedBy("cubaexports "+version),
		parquet.WithAllocator(mem),
		parquet.WithDictionaryDefault(true),
		parquet.WithStats(true),
		// Row groups of at most 64Ki rows bound the column writers' buffers
		// (one huge row group made arrow-go reallocate its level buffers
		// over and over: gigabytes for a million rows).
		parquet.WithMaxRowGroupLength(maxRowGroupRows),
		// No fallback from dictionary to plain pages within a column chunk:
		// arrow-go v15 lists a chunk's page encodings from a map, so a chunk
		// with both kinds of pages gets its footer in a random order, and
		// the same rows would not give the same bytes twice. A dictionary
		// holds at most one row group's distinct values, so it stays bounded.
		parquet.WithDictionaryPageSizeLimit(math.MaxInt64),
	)
	arrProps := pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema(), pqarrow.WithAllocator(mem))
	return pqarrow.NewFileWriter(t.Schema().ArrowSchema(), nopCloser{w}, props, arrProps)
}

// writeRowGroup writes rows as one row group.
func writeRowGroup(fw *pqarrow.FileWriter, rows datasets.Table, mem memory.Allocator) error {
	rec, err := rows.Record(mem)
	if err != nil {
		return err
	}
	defer rec.Release()
	return fw.Write(rec)
}

// readParquet reads the Parquet file of the named table at path back into
// rows.
func readParquet(ctx context.Context, path, name string, mem memory.Allocator) (datasets.Table, error) {
	var recs []arrow.Record
	defer func() {
		for _, r := range recs {
			r.Release()
		}
	}()
	err := eachParquetBatch(ctx, path, name, mem, func(rec arrow.Record) error {
		rec.Retain()
		recs = append(recs, rec)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return datasets.FromRecords(name, recs)
}

// eachParquetBatch reads the Parquet file of the named table at path a
// batch of at most maxRowGroupRows rows at a time, checks that its footer
// names the table, and calls fn with each batch as a record of the
// table's declared Arrow schema (valid during the call), so a large file
// is never held whole.
func eachParquetBatch(ctx context.Context, path, name string, mem memory.Allocator, fn func(arrow.Record) error) error {
	rdr, err := file.OpenParquetFile(path, false)
	if err != nil {
		return err
	}
	defer rdr.Close()
	want := tableSchema(name)
	if want == nil {
		return fmt.Errorf("no published table %q", name)
	}
	if got := rdr.MetaData().KeyValueMetadata().FindValue(schemas.MetaTable); got == nil || *got != name {
		return fmt.Errorf("the footer does not name table %s", name)
	}
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{BatchSize: maxRowGroupRows}, mem)
	if err != nil {
		return err
	}
	rr, err := fr.GetRecordReader(ctx, nil, nil)
	if err != nil {
		return err
	}
	defer rr.Release()
	for rr.Next() {
		rec, err := conform(rr.Record(), want, mem)
		if err != nil {
			return err
		}
		err = fn(rec)
		rec.Release()
		if err != nil {
			return err
		}
	}
	if err := rr.Err(); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}

// tableSchema is the declared Arrow schema of the named table.
func tableSchema(name string) *arrow.Schema {
	t, ok := schemas.ByName(name)
	if !ok {
		return nil
	}
	return t.ArrowSchema()
}
