package datasets

import (
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/gocarina/gocsv"

	"github.com/cubaexports/cubaexports/schemas"
)

// oneRecord serves a header and one record to gocsv, the record padded
// to the header's length as the curated reader pads it.
type oneRecord struct {
	recs [][]string
	i    int
}

func (o *oneRecord) Read() ([]string, error) {
	if o.i >= len(o.recs) {
		return nil, io.EOF
	}
	o.i++
	return o.recs[o.i-1], nil
}

func (o *oneRecord) ReadAll() ([][]string, error) { return o.recs[o.i:], nil }

// sameAsGocsv decodes rec under head with T's typed decoder and with
// gocsv, and fails unless both refuse it or both give the same row.
func sameAsGocsv[T any](t *testing.T, head, rec []string) {
	t.Helper()
	dec := DecoderFor[T](head)
	if dec == nil {
		t.Fatalf("%T has no typed decoder", *new(T))
	}
	padded := append(append([]string{}, rec...), make([]string, max(0, len(head)-len(rec)))...)
	var want []*T
	errG := gocsv.UnmarshalCSV(&oneRecord{recs: [][]string{head, padded}}, &want)
	var got T
	errT := dec(rec, &got)
	switch {
	case (errG == nil) != (errT == nil):
		t.Fatalf("record %q: gocsv's error %v, the typed decoder's %v", rec, errG, errT)
	case errG == nil && !reflect.DeepEqual(*want[0], got) && !sameText(t, want[0], &got):
		t.Fatalf("record %q:\ngocsv %+v\ntyped %+v", rec, *want[0], got)
	}
}

// sameText reports whether two rows write the same CSV: NaN is not
// DeepEqual to itself, but both rows write it as NaN.
func sameText[T any](t *testing.T, a, b *T) bool {
	ta, err := gocsv.MarshalStringWithoutHeaders([]*T{a})
	if err != nil {
		t.Fatal(err)
	}
	tb, err := gocsv.MarshalStringWithoutHeaders([]*T{b})
	if err != nil {
		t.Fatal(err)
	}
	return ta == tb
}

// inputHeader is table's input columns, the header of its curated sheet.
func inputHeader(t *testing.T, table string) []string {
	tb, ok := schemas.ByName(table)
	if !ok {
		t.Fatalf("no table %s", table)
	}
	var head []string
	for _, c := range tb.InputColumns() {
		head = append(head, c.Name)
	}
	return head
}

// cellsToTry are cells gocsv reads in surprising ways, or refuses.
var cellsToTry = []string{"", " ", "0", "-0", "+7", "12", "12.7", "12,5", "1.5e3", "0x10", "0b11", "0o17", "1_000",
	"NaN", "Inf", "-inf", "9223372036854775807", "9223372036854775808", "1e400", ".5", "5.", "yes", "NO", "true",
	"F", "2", "abc", "2026-01-02T03:04:05Z", "٣", " 42 ", "1.2.3", ",", "."}

// Every cell in every input column of every fact table reads the same
// through the typed decoder as through gocsv, or is refused by both.
func TestDecoderMatchesGocsv(t *testing.T) {
	for _, tb := range schemas.All() {
		if !tb.IsFact() {
			continue
		}
		head := inputHeader(t, tb.Name)
		check := map[string]func(rec []string){
			"revenue":          func(rec []string) { sameAsGocsv[schemas.Revenue](t, head, rec) },
			"contract_rates":   func(rec []string) { sameAsGocsv[schemas.ContractRate](t, head, rec) },
			"worker_counts":    func(rec []string) { sameAsGocsv[schemas.WorkerCount](t, head, rec) },
			"macro_indicators": func(rec []string) { sameAsGocsv[schemas.MacroIndicator](t, head, rec) },
		}[tb.Name]
		if check == nil {
			t.Fatalf("fact table %s is not tried here", tb.Name)
		}
		for j := range head {
			for _, v := range cellsToTry {
				rec := make([]string, len(head))
				rec[j] = v
				check(rec)
			}
		}
		check(nil) // a record of no cells: every cell empty
	}
}

// A header column the row type lacks is ignored, a field the header
// lacks is left as it was, and the decoder sets origin-free rows only.
func TestDecoderHeaderSubset(t *testing.T) {
	dec := DecoderFor[schemas.WorkerCount]([]string{"note", "count", "unknown"})
	r := schemas.WorkerCount{HostCountry: "BRA"}
	if err := dec([]string{"a note", "12", "x"}, &r); err != nil {
		t.Fatal(err)
	}
	if r.HostCountry != "BRA" || r.Note != "a note" || r.Count == nil || *r.Count != 12 {
		t.Fatalf("got %+v", r)
	}
	if DecoderFor[struct{ A string }]([]string{"A"}) != nil {
		t.Error("a row type without generated code has a typed decoder")
	}
}

// FuzzDecoderMatchesGocsv: any record (cells separated by '|') of a
// contract rate and of a worker count reads the same through both.
func FuzzDecoderMatchesGocsv(f *testing.F) {
	for _, v := range cellsToTry {
		f.Add("BRA|doctor||" + v + "|2020|" + v)
	}
	f.Fuzz(func(t *testing.T, s string) {
		rec := strings.Split(s, "|")
		rates, counts := inputHeader(t, "contract_rates"), inputHeader(t, "worker_counts")
		sameAsGocsv[schemas.ContractRate](t, rates, rec[:min(len(rec), len(rates))])
		sameAsGocsv[schemas.WorkerCount](t, counts, rec[:min(len(rec), len(counts))])
	})
}

// The kinds no table declares today (a bool, a *time.Time) are read as
// gocsv reads them too, and kept by their column: generated code for a
// future column of these kinds calls exactly these.
func TestUnusedKinds(t *testing.T) {
	type row struct {
		B  bool       `csv:"b"`
		T  time.Time  `csv:"t"`
		PT *time.Time `csv:"pt,omitempty"`
	}
	for _, cells := range [][]string{{"yes", "2026-01-02T03:04:05Z", ""}, {"", "2026-01-02T03:04:05+02:00", "2020-05-06T00:00:00Z"}, {"0", "", "x"}} {
		var want []*row
		errG := gocsv.UnmarshalCSV(&oneRecord{recs: [][]string{{"b", "t", "pt"}, cells}}, &want)
		var got row
		var errs [3]error
		got.B, errs[0] = decodeBool(cells[0])
		got.T, errs[1] = decodeTime(cells[1])
		got.PT, errs[2] = decodeTimePtr(cells[2], true)
		errT := errors.Join(errs[:]...)
		if (errG == nil) != (errT == nil) {
			t.Fatalf("%q: gocsv's error %v, ours %v", cells, errG, errT)
		}
		if errG == nil && !reflect.DeepEqual(*want[0], got) {
			t.Fatalf("%q: gocsv %+v, ours %+v", cells, *want[0], got)
		}
	}
	s := newColStore([]fieldAt{{"B", "b", kBool}, {"PT", "pt", kPtrTime}}, 0)
	when := time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC)
	s.cols[0].pushBool(true)
	s.cols[0].pushBool(false)
	s.cols[1].pushTimePtr(&when)
	s.cols[1].pushTimePtr(nil)
	sl := slab{n: slabValues}
	if !s.cols[0].bool(0) || s.cols[0].bool(1) {
		t.Error("a bool column does not keep its values")
	}
	if p := s.cols[1].timePtr(0, &sl); p == nil || !p.Equal(when) || s.cols[1].timePtr(1, &sl) != nil {
		t.Error("a *time.Time column does not keep its values")
	}
}
