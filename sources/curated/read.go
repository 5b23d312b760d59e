package curated

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/gocarina/gocsv"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
)

// chunkRows is how many records gocsv decodes at a time: a sheet is read
// as a stream, never held whole as text.
const chunkRows = 4096

// readCSV reads one table's CSV file of size bytes (0 when unknown).
func readCSV(ctx context.Context, file, table string, body io.Reader, size int64) (datasets.Rows, error) {
	tr, err := newTableReader(file, "", table)
	if err != nil {
		return datasets.Rows{}, err
	}
	defer tr.close()
	// Excel's "CSV UTF-8" starts the file with a byte-order mark
	br := bufio.NewReader(body)
	if bom, err := br.Peek(3); err == nil && string(bom) == "\xEF\xBB\xBF" {
		_, _ = br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = 0 // every record has as many fields as the header: a cut record is an error
	n := 0
	err = datasets.EachCSVRecord(ctx, cr, file, func(rec []string, line int) error {
		if err := tr.add(rec, line); err != nil {
			return err
		}
		if n++; n == chunkRows && size > 0 {
			// Records so far tell how many the rest of the file holds.
			off := cr.InputOffset()
			tr.expect(int(float64(size-off) / float64(off) * float64(n) * 1.02))
		}
		return nil
	})
	if err != nil {
		return datasets.Rows{}, err
	}
	return tr.rows()
}

// tableReader turns the records of one CSV file or worksheet into rows of
// its table as they are read: the first non-blank record is the header,
// blank records are dropped, the others are decoded by gocsv a chunk at a
// time and each chunk is appended to the table: the rows are never held
// whole as one slice.
type tableReader interface {
	// add takes the next record, which starts on the 1-based row; it
	// fails on a header that does not match the table.
	add(rec []string, row int) error
	// expect says about n more records follow (a hint, to size the table).
	expect(n int)
	// rows returns the rows, or every bad cell found.
	rows() (datasets.Rows, error)
	// close releases the reader when rows is not called (on an error).
	close()
}

// newTableReader reads the named table from file (and, in a workbook, the
// sheet).
func newTableReader(file, sheet, table string) (tableReader, error) {
	s := place{file: file, name: sheet}
	switch table {
	case schemas.RevenueName:
		return columnsReader(s, table, func(r *datasets.Rows) *datasets.Columns[schemas.Revenue] { return &r.Revenue }), nil
	case schemas.ContractRatesName:
		return columnsReader(s, table, func(r *datasets.Rows) *datasets.Columns[schemas.ContractRate] { return &r.ContractRates }), nil
	case schemas.WorkerCountsName:
		return columnsReader(s, table, func(r *datasets.Rows) *datasets.Columns[schemas.WorkerCount] { return &r.WorkerCounts }), nil
	case schemas.SourcesName:
		return sliceReader(s, table, func(r *datasets.Rows) *[]schemas.Source { return &r.Sources }), nil
	case schemas.FXRatesName:
		return sliceReader(s, table, func(r *datasets.Rows) *[]schemas.FXRate { return &r.FXRates }), nil
	}
	where := file
	if sheet != "" {
		where += fmt.Sprintf(": sheet %q", sheet)
	}
	return nil, fmt.Errorf("%s: %w: %q (expected %s, %s, %s, %s or %s)", where, ErrUnknownTable, table,
		schemas.RevenueName, schemas.ContractRatesName, schemas.WorkerCountsName, schemas.SourcesName, schemas.FXRatesName)
}

// place is where records come from: a file and, in a workbook, a sheet.
type place struct{ file, name string }

func (s place) at(row int) schemas.Origin {
	return schemas.Origin{File: s.file, Sheet: s.name, Row: row}
}

// reader is a tableReader for rows of type T. Records are trimmed and
// chunked as they are added; decoders (one per core, at most two) decode
// full chunks with gocsv meanwhile, and an appender adds the decoded rows
// to their table in the order of the chunks. Parsing, decoding and
// storing overlap: for a million contract rates gocsv's decoding is about
// 45% of the reading work, parsing and storing the rest.
type reader[T any] struct {
	place
	t        *schemas.Table
	appendTo func(*datasets.Rows, []T) // appends decoded rows to their table
	grow     func(*datasets.Rows, int) // makes room in the table for n more rows
	head     []string                  // the header, once read
	dec      datasets.RecordDecoder[T] // T's typed decoder under head; nil: gocsv decodes
	numeric  []bool                    // per header column: a number column
	cur      chunk                     // the chunk being read
	work     chan job[T]               // full chunks, to the decoders
	order    chan chan decoded[T]      // each chunk's result, in chunk order, to the appender
	free     chan []T                  // chunk buffers the appender is done with
	done     chan struct{}             // closed when the appender has finished
	decoding sync.WaitGroup
	// Owned by the appender until done is closed:
	out datasets.Rows // the rows decoded so far
	bad []error       // every bad cell, in row order
}

// job is a chunk to decode and where its result goes.
type job[T any] struct {
	c   chunk
	res chan<- decoded[T]
}

// decoded is one chunk's rows (or its bad cells), and how many more rows
// are expected after them (to make room for in the table at once).
type decoded[T any] struct {
	rows   []T
	bad    []error
	expect int
}

// chunk is up to chunkRows records after the header (recs[0]), the row
// each starts on, and how many more records are expected after it.
type chunk struct {
	recs   [][]string
	lines  []int
	expect int
}

// columnsReader reads rows into the fact table col returns.
func columnsReader[T any](s place, table string, col func(*datasets.Rows) *datasets.Columns[T]) *reader[T] {
	return newReader(s, table,
		func(r *datasets.Rows, rows []T) { col(r).Append(rows...) },
		func(r *datasets.Rows, n int) { col(r).Grow(n) })
}

// sliceReader reads rows into the table (a slice) that rows returns.
func sliceReader[T any](s place, table string, rows func(*datasets.Rows) *[]T) *reader[T] {
	return newReader(s, table,
		func(r *datasets.Rows, add []T) { *rows(r) = append(*rows(r), add...) },
		func(r *datasets.Rows, n int) { *rows(r) = slices.Grow(*rows(r), n) })
}

func newReader[T any](s place, table string, add func(*datasets.Rows, []T), grow func(*datasets.Rows, int)) *reader[T] {
	t, _ := schemas.ByName(table)
	return &reader[T]{place: s, t: t, appendTo: add, grow: grow}
}

func (r *reader[T]) add(rec []string, row int) error {
	blank := true
	for i := range rec {
		rec[i] = strings.TrimSpace(rec[i])
		blank = blank && rec[i] == ""
	}
	if blank {
		return nil
	}
	if r.head == nil {
		return r.header(rec, row)
	}
	r.cur.recs, r.cur.lines = append(r.cur.recs, rec), append(r.cur.lines, row)
	if len(r.cur.recs) > chunkRows {
		r.send()
	}
	return nil
}

func (r *reader[T]) header(rec []string, row int) error {
	if err := checkHeader(r.t, rec); err != nil {
		return &datasets.LocatedError{At: r.at(row), Err: err}
	}
	r.head = rec
	r.dec = datasets.DecoderFor[T](rec)
	r.numeric = make([]bool, len(rec))
	for j, name := range rec {
		col, _ := r.t.Column(name)
		r.numeric[j] = col.Type == schemas.Number || col.Type == schemas.Integer
	}
	decoders := min(runtime.GOMAXPROCS(0), 2)
	r.work, r.order = make(chan job[T], decoders), make(chan chan decoded[T], 2*decoders)
	r.free, r.done = make(chan []T, 2*decoders+2), make(chan struct{})
	for range decoders {
		r.decoding.Go(r.decode)
	}
	go r.appendAll()
	r.cur = r.newChunk()
	return nil
}

func (r *reader[T]) newChunk() chunk {
	c := chunk{recs: make([][]string, 1, chunkRows+1), lines: make([]int, 1, chunkRows+1)}
	c.recs[0] = r.head
	return c
}

// send hands the current chunk to a decoder, and its place in line to
// the appender, and starts the next chunk.
func (r *reader[T]) send() {
	if len(r.cur.recs) > 1 || r.cur.expect > 0 {
		res := make(chan decoded[T], 1)
		r.order <- res
		r.work <- job[T]{r.cur, res}
		r.cur = r.newChunk()
	}
}

func (r *reader[T]) expect(n int) {
	if r.head != nil && n > 0 {
		r.cur.expect = n
	}
}

// close stops the decoders and the appender; it is safe to call more
// than once.
func (r *reader[T]) close() {
	if r.work != nil {
		close(r.work)
		r.decoding.Wait()
		close(r.order)
		<-r.done
		r.work = nil
	}
}

// decode decodes the chunks it is sent until the channel is closed.
func (r *reader[T]) decode() {
	var ptrs []*T // gocsv's output for one chunk
	for j := range r.work {
		j.res <- r.flush(j.c, &ptrs)
	}
}

// appendAll appends the decoded chunks to the table in chunk order, and
// hands each buffer back for another chunk. After a chunk with a bad cell
// it only collects bad cells.
func (r *reader[T]) appendAll() {
	defer close(r.done)
	for res := range r.order {
		d := <-res
		r.bad = append(r.bad, d.bad...)
		if len(r.bad) == 0 && d.rows != nil {
			if d.expect > 0 {
				r.grow(&r.out, d.expect+len(d.rows))
			}
			r.appendTo(&r.out, d.rows)
		}
		clear(d.rows)
		select {
		case r.free <- d.rows[:0]:
		default:
		}
	}
}

// flush decodes a chunk: with T's typed decoder where it has one, else
// (or when the typed decoder meets a cell it cannot read) with gocsv,
// using *ptrs for gocsv's output. A chunk with a bad cell is decoded
// again, collecting every bad cell with its place.
func (r *reader[T]) flush(c chunk, ptrs *[]*T) decoded[T] {
	n := len(c.recs) - 1
	if n == 0 {
		return decoded[T]{expect: c.expect}
	}
	if bad := r.badNumbers(c); len(bad) > 0 {
		return decoded[T]{bad: append(bad, r.badCells(c)...)}
	}
	if r.dec != nil {
		if rows, ok := r.decodeTyped(c); ok {
			return decoded[T]{rows: rows, expect: c.expect}
		}
	}
	// gocsv decodes into pointers (into values it would allocate each row
	// twice, 424 bytes a contract rate: 0.4 GB more for a million rows),
	// which are then copied into a chunk buffer and handed to the
	// appender; the buffers are reused.
	if cap(*ptrs) < n {
		*ptrs = make([]*T, n)
	}
	out := (*ptrs)[:n]
	defer clear(out)
	if err := gocsv.UnmarshalCSV(&records{recs: c.recs}, &out); err != nil {
		return decoded[T]{bad: r.badCells(c)}
	}
	buf := r.buffer(n)
	for i, p := range out {
		buf[i] = *p
		setOrigin(&buf[i], r.at(c.lines[i+1]))
	}
	return decoded[T]{rows: buf, expect: c.expect}
}

// decodeTyped decodes a chunk with the typed decoder; false when a cell
// does not read, and gocsv is to decode the chunk (and report the cell).
func (r *reader[T]) decodeTyped(c chunk) ([]T, bool) {
	buf := r.buffer(len(c.recs) - 1)
	for i, rec := range c.recs[1:] {
		if err := r.dec(rec, &buf[i]); err != nil {
			return nil, false
		}
		setOrigin(&buf[i], r.at(c.lines[i+1]))
	}
	return buf, true
}

// buffer returns a buffer of n zero rows, one the appender handed back
// when there is one.
func (r *reader[T]) buffer(n int) []T {
	var buf []T
	select {
	case buf = <-r.free:
	default:
	}
	return slices.Grow(buf, n)[:n]
}

// badNumbers returns every cell of a number column that Go would read as
// a number but that is not a finite decimal: NaN, Inf, hexadecimal
// ("0x10" is a count of 16 to strconv.ParseInt with base 0, as gocsv
// reads it; "0x1p40"), digit separators ("1_000"). A cell that is no
// number at all is badCells' to report.
func (r *reader[T]) badNumbers(c chunk) []error {
	var bad []error
	for i, rec := range c.recs[1:] {
		for j, v := range rec {
			if j >= len(r.numeric) || !r.numeric[j] || schemas.CheckNumberText(v) == nil || !readsAsNumber(v) {
				continue
			}
			col, _ := r.t.Column(r.head[j])
			bad = append(bad, &datasets.LocatedError{At: r.at(c.lines[i+1]), Column: col.Name,
				Err: fmt.Errorf("%w: %w", ErrCell, schemas.CheckNumberText(v))})
		}
	}
	return bad
}

// readsAsNumber reports whether strconv reads s as a number, as gocsv
// does.
func readsAsNumber(s string) bool {
	if _, err := strconv.ParseFloat(s, 64); err == nil || errors.Is(err, strconv.ErrRange) {
		return true
	}
	_, err := strconv.ParseInt(s, 0, 64)
	return err == nil || errors.Is(err, strconv.ErrRange)
}

// badCells decodes the chunk through gocsv's error handler and returns
// every cell that is not of its column's type. gocsv's handler decodes
// from CSV text, so the (padded) records are encoded again first.
func (r *reader[T]) badCells(c chunk) []error {
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	recs := &records{recs: c.recs}
	for rec, _ := recs.Read(); rec != nil; rec, _ = recs.Read() {
		_ = cw.Write(rec)
	}
	cw.Flush()
	var bad []error
	var rows []T
	err := gocsv.UnmarshalWithErrorHandler(&buf, func(pe *csv.ParseError) bool {
		i, j := pe.Line-1, pe.Column-1
		if i >= len(c.recs) || j >= len(r.head) {
			bad = append(bad, &datasets.LocatedError{At: r.at(c.lines[min(i, len(c.lines)-1)]), Err: pe})
			return true
		}
		col, _ := r.t.Column(r.head[j])
		bad = append(bad, &datasets.LocatedError{At: r.at(c.lines[i]), Column: col.Name,
			Err: fmt.Errorf("%w: %q is not %s", ErrCell, cellAt(c.recs[i], j), article(col.Type))})
		return true
	}, &rows)
	if err != nil {
		bad = append(bad, &datasets.LocatedError{At: r.at(c.lines[0]), Err: err})
	}
	return bad
}

func (r *reader[T]) rows() (datasets.Rows, error) {
	if r.head == nil {
		return datasets.Rows{}, &datasets.LocatedError{At: r.at(1), Err: fmt.Errorf("%w: the sheet is empty", ErrHeader)}
	}
	r.send()
	r.close()
	if len(r.bad) > 0 {
		return datasets.Rows{}, errors.Join(r.bad...)
	}
	return r.out, nil
}

func cellAt(rec []string, j int) string {
	if j < len(rec) {
		return rec[j]
	}
	return ""
}

func article(ty schemas.Type) string {
	switch ty {
	case schemas.Integer:
		return "a whole number"
	case schemas.Number:
		return "a number (plain digits, '.' for decimals, no thousands separators)"
	case schemas.Boolean:
		return "true or false"
	}
	return "a " + string(ty)
}

// checkHeader requires exactly the table's input columns, in any order.
func checkHeader(t *schemas.Table, head []string) error {
	var want []string
	for _, c := range t.InputColumns() {
		want = append(want, c.Name)
	}
	if _, periods := t.Column(schemas.AggregationColumn); periods && (slices.Contains(head, "date") || !slices.Contains(head, schemas.AggregationColumn)) {
		return fmt.Errorf("%w: this is the %s header of the format before periods (issue 15): the column date is gone, "+
			"and period_start, period_end and aggregation are required (docs/curation.md); expected %s", ErrHeader, t.Name, strings.Join(want, ","))
	}
	seen := map[string]bool{}
	for _, h := range head {
		switch {
		case seen[h]:
			return fmt.Errorf("%w: column %q appears twice", ErrHeader, h)
		case !slices.Contains(want, h):
			return fmt.Errorf("%w: %q is not an input column of %s (expected %s)", ErrHeader, h, t.Name, strings.Join(want, ","))
		}
		seen[h] = true
	}
	for _, c := range t.InputColumns() {
		if !seen[c.Name] && !c.Optional {
			return fmt.Errorf("%w: column %q is missing (expected %s)", ErrHeader, c.Name, strings.Join(want, ","))
		}
	}
	return nil
}

// records serves a chunk of records (the header first) to gocsv, padding
// short records.
type records struct {
	recs [][]string
	i    int
}

func (r *records) Read() ([]string, error) {
	if r.i >= len(r.recs) {
		return nil, io.EOF
	}
	rec := r.recs[r.i]
	if n := len(r.recs[0]); len(rec) < n {
		rec = append(rec, make([]string, n-len(rec))...)
	}
	r.i++
	return rec, nil
}

func (r *records) ReadAll() ([][]string, error) {
	all := make([][]string, 0, len(r.recs)-r.i)
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return all, nil
		}
		all = append(all, rec)
	}
}

func setOrigin(row any, o schemas.Origin) {
	switch r := row.(type) {
	case *schemas.Revenue:
		r.At = o
	case *schemas.ContractRate:
		r.At = o
	case *schemas.WorkerCount:
		r.At = o
	case *schemas.Source:
		r.At = o
	case *schemas.FXRate:
		r.At = o
	}
}
