package release

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/flight"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/apache/arrow/go/v15/parquet"
	"github.com/apache/arrow/go/v15/parquet/compress"
	"github.com/apache/arrow/go/v15/parquet/file"
	"github.com/apache/arrow/go/v15/parquet/metadata"
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
// metadata. It builds a row group's Arrow arrays a column at a time, on
// several goroutines (parquetWriter), so only a few columns of one row
// group are in memory at a time.
func writeParquet(w io.Writer, t datasets.Table, version string, mem memory.Allocator) error {
	pw, err := newParquetWriter(w, t, version, mem)
	if err != nil {
		return err
	}
	// An empty table still gets its one (empty) row group.
	for i := 0; i == 0 || i < t.Len(); i += maxRowGroupRows {
		if err := pw.writeRowGroup(t.Slice(i, min(i+maxRowGroupRows, t.Len()))); err != nil {
			pw.fw.Close()
			return err
		}
	}
	return pw.fw.Close()
}

// parquetProperties are the Parquet writer's properties of every file.
func parquetProperties(version string, mem memory.Allocator) *parquet.WriterProperties {
	return parquet.NewWriterProperties(
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
}

// parquetWriter writes one table's Parquet file. It writes the bytes
// pqarrow's FileWriter writes for the same records (TestParquetRowGroups
// and TestParquetWriterMatchesPqarrow hold them equal) but, where that
// encodes a record's columns one after another, it builds and encodes
// each row group's columns on up to GOMAXPROCS goroutines into a buffered
// row group, which the file writer then writes out in column order:
// building the arrays and encoding them (dictionary hashing, Snappy) is
// most of the CPU time of a large release, and the columns share nothing
// while being built and encoded.
type parquetWriter struct {
	fw       *file.Writer
	schema   *arrow.Schema
	mem      memory.Allocator
	workers  []context.Context // an Arrow write context per goroutine (each has scratch buffers)
	nullable []bool
}

// newParquetWriter is the Parquet writer of table t's file. The file's
// footer is the one pqarrow.NewFileWriter gives with WithStoreSchema: the
// schema's own metadata, then the serialized Arrow schema.
func newParquetWriter(w io.Writer, t datasets.Table, version string, mem memory.Allocator) (*parquetWriter, error) {
	// The encoders' buffers (and the write contexts' scratch buffers,
	// which nothing releases) come from Go's allocator, not mem: arrow-go
	// v15's buffered page writer leaves one small buffer per column chunk
	// unreleased (BufferWriter.Finish reserves a new one), which the
	// garbage collector takes back but a checked allocator reports. The
	// arrays are built from mem.
	props := parquetProperties(version, memory.DefaultAllocator)
	arrProps := pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema(), pqarrow.WithAllocator(memory.DefaultAllocator))
	sc := t.Schema().ArrowSchema()
	pqs, err := pqarrow.ToParquet(sc, props, arrProps)
	if err != nil {
		return nil, err
	}
	meta := make(metadata.KeyValueMetadata, 0, sc.Metadata().Len()+1)
	for i, k := range sc.Metadata().Keys() {
		meta.Append(k, sc.Metadata().Values()[i])
	}
	meta.Append("ARROW:schema", base64.StdEncoding.EncodeToString(flight.SerializeSchema(sc, mem)))
	pw := &parquetWriter{
		fw:     file.NewParquetWriter(w, pqs.Root(), file.WithWriterProps(props), file.WithWriteMetadata(meta)),
		schema: sc,
		mem:    mem,
	}
	for _, f := range sc.Fields() {
		pw.nullable = append(pw.nullable, f.Nullable)
	}
	for range min(runtime.GOMAXPROCS(0), sc.NumFields()) {
		pw.workers = append(pw.workers, pqarrow.NewArrowWriteContext(context.Background(), &arrProps))
	}
	return pw, nil
}

// writeRowGroup writes rows as one row group. Each goroutine takes the
// next column not yet taken, builds its Arrow array and encodes it; each
// column has its own chunk writer and page buffer, so the goroutines
// share nothing but the rows they read and the allocator, and only as
// many columns as goroutines are built at a time.
func (pw *parquetWriter) writeRowGroup(rows datasets.Table) error {
	if rows.Len() == 0 {
		return pw.writeEmpty(pw.schema.NumFields())
	}
	cells, err := rows.Cells()
	if err != nil {
		return err
	}
	t := rows.Schema()
	rg := pw.fw.AppendBufferedRowGroup()
	errs := make([]error, pw.schema.NumFields())
	var next atomic.Int64
	var wg sync.WaitGroup
	for _, ctx := range pw.workers {
		wg.Go(func() {
			var blk schemas.Block
			for j := int(next.Add(1) - 1); j < len(errs); j = int(next.Add(1) - 1) {
				col, err := t.BuildColumn(pw.mem, cells, j, &blk)
				if err != nil {
					errs[j] = err
					continue
				}
				errs[j] = pw.writeColumn(ctx, rg, j, col)
				col.Release()
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		rg.Close()
		return err
	}
	return rg.Close()
}

// writeEmpty writes the one row group of an empty table: its column
// chunks opened and closed in turn, as pqarrow writes them (a buffered
// row group would record other offsets for chunks with no pages).
func (pw *parquetWriter) writeEmpty(cols int) error {
	rg := pw.fw.AppendRowGroup()
	for range cols {
		if _, err := rg.NextColumn(); err != nil {
			rg.Close()
			return err
		}
	}
	return rg.Close()
}

// writeColumn encodes column j of a row group. The tables are flat: a
// nullable column's definition level is 1 for a value and 0 for a null,
// a required column has none (the levels pqarrow's path builder gives a
// top-level primitive column).
func (pw *parquetWriter) writeColumn(ctx context.Context, rg file.BufferedRowGroupWriter, j int, col arrow.Array) error {
	cw, err := rg.Column(j)
	if err != nil {
		return err
	}
	var def []int16
	if pw.nullable[j] {
		def = make([]int16, col.Len())
		for i := range def {
			if col.IsValid(i) {
				def[i] = 1
			}
		}
	}
	if err := pqarrow.WriteArrowToColumn(ctx, cw, col, def, nil, pw.nullable[j]); err != nil {
		return fmt.Errorf("column %s: %w", pw.schema.Field(j).Name, err)
	}
	return nil
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
