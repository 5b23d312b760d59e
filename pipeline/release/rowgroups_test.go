package release

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/apache/arrow/go/v15/parquet/file"
	"github.com/apache/arrow/go/v15/parquet/pqarrow"

	"github.com/cubaexports/cubaexports/datasets"
)

// twoRowGroups is a revenue table of n synthetic rows (copies of the
// fixture's first row with their own ids), more than one row group.
func twoRowGroups(n int) datasets.Table {
	base := syntheticRows().Revenue.At(0)
	var rows datasets.Rows
	for i := range n {
		r := base
		r.ObsID = fmt.Sprintf("rev_%012d", i)
		rows.Revenue.Append(r)
	}
	return rows.Tables()[0]
}

// A large table is written in row groups of at most maxRowGroupRows rows
// (bounded writer buffers) and still reads back row for row.
func TestParquetRowGroups(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	n := maxRowGroupRows + 10
	tb := twoRowGroups(n)
	path := filepath.Join(t.TempDir(), "revenue.parquet")
	var buf bytes.Buffer
	if err := writeParquet(&buf, tb, "v1.0.0", mem); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	rdr, err := file.OpenParquetFile(path, false)
	if err != nil {
		t.Fatal(err)
	}
	groups := rdr.NumRowGroups()
	rdr.Close()
	if groups != 2 {
		t.Errorf("%d row groups for %d rows, want 2", groups, n)
	}
	back, err := readParquet(context.Background(), path, "revenue", mem)
	if err != nil {
		t.Fatal(err)
	}
	var want, got bytes.Buffer
	if err := tb.WriteCSV(&want); err != nil {
		t.Fatal(err)
	}
	if err := back.WriteCSV(&got); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(want.Bytes(), got.Bytes()) {
		t.Error("rows read back differ")
	}
	// The row groups, built one at a time and their columns encoded at the
	// same time, are the bytes pqarrow's own FileWriter writes when handed
	// one record of every row (which it splits itself).
	var whole bytes.Buffer
	if err := pqarrowFile(&whole, tb, mem); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(whole.Bytes(), buf.Bytes()) {
		a, b := buf.Bytes(), whole.Bytes()
		i := 0
		for i < len(a) && i < len(b) && a[i] == b[i] {
			i++
		}
		t.Errorf("row group by row group: %d bytes, differ from one record's %d at byte %d: %q vs %q", buf.Len(), whole.Len(), i, a[max(0, i-40):min(len(a), i+40)], b[max(0, i-40):min(len(b), i+40)])
	}
}

// verify streams a table of several row groups batch by batch: the CSV
// it rebuilds from the Parquet file equals the table's CSV, and a change
// in a row of the second row group is found at its line.
func TestVerifyStreamsRowGroups(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	n := maxRowGroupRows + 10
	tb := twoRowGroups(n)
	path := filepath.Join(t.TempDir(), "revenue.parquet")
	var pq, csv bytes.Buffer
	if err := writeParquet(&pq, tb, "v1.0.0", mem); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, pq.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := tb.WriteCSV(&csv); err != nil {
		t.Fatal(err)
	}
	v := &verifier{mem: mem}
	same := &lineCompare{want: bufio.NewReader(bytes.NewReader(csv.Bytes()))}
	if err := v.parquetAsCSV(context.Background(), path, "revenue", same); err != nil {
		t.Fatal(err)
	}
	if same.finish(); same.line != 0 {
		t.Fatalf("line %d differs: %q, CSV %q", same.line, same.got, same.wanted)
	}
	line := maxRowGroupRows + 5 // a data row of the second row group (line 1 is the header)
	id := fmt.Sprintf("rev_%012d", line-2)
	changed := bytes.Replace(csv.Bytes(), []byte(id), []byte("rev_changed_0"), 1)
	diff := &lineCompare{want: bufio.NewReader(bytes.NewReader(changed))}
	if err := v.parquetAsCSV(context.Background(), path, "revenue", diff); !errors.Is(err, errDiffer) {
		t.Fatalf("error %v, want errDiffer", err)
	}
	if diff.line != line || !strings.HasPrefix(diff.got, id) || !strings.HasPrefix(diff.wanted, "rev_changed_0") {
		t.Errorf("differs at line %d (%.20q, CSV %.20q), want line %d", diff.line, diff.got, diff.wanted, line)
	}
}

// pqarrowFile writes tb as pqarrow's FileWriter does with the release's
// properties: the reference parquetWriter's bytes are held to.
func pqarrowFile(w io.Writer, tb datasets.Table, mem memory.Allocator) error {
	arrProps := pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema(), pqarrow.WithAllocator(mem))
	fw, err := pqarrow.NewFileWriter(tb.Schema().ArrowSchema(), nopCloser{w}, parquetProperties("v1.0.0", mem), arrProps)
	if err != nil {
		return err
	}
	rec, err := tb.Record(mem)
	if err != nil {
		return err
	}
	defer rec.Release()
	if err := fw.Write(rec); err != nil {
		return err
	}
	return fw.Close()
}

// Every table of the fixture, and one of a row group's worth of rows
// with every null pattern (all null, none null, some null) in its
// columns, is written in the bytes pqarrow's FileWriter gives.
func TestParquetWriterMatchesPqarrow(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	fixture := syntheticRows()
	var mixed datasets.Rows
	for i := range 3000 {
		r := fixture.ContractRates.At(i % fixture.ContractRates.Len())
		r.ObsID = fmt.Sprintf("cr_%012d", i)
		if i%3 == 0 {
			r.Amount, r.Note = nil, ""
		}
		mixed.ContractRates.Append(r)
	}
	tables := append(fixture.Tables(), mixed.Tables()[1])
	for k, tb := range tables {
		var got, want bytes.Buffer
		if err := writeParquet(&got, tb, "v1.0.0", mem); err != nil {
			t.Fatal(err)
		}
		if err := pqarrowFile(&want, tb, mem); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("table %d (%s, %d rows): %d bytes, pqarrow's %d differ", k, tb.Schema().Name, tb.Len(), got.Len(), want.Len())
		}
	}
}
