package datasets

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"testing"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/memory"

	"github.com/cubaexports/cubaexports/schemas"
)

func f64(v float64) *float64 { return &v }

func rate(value float64, note string) schemas.ContractRate {
	return schemas.ContractRate{HostCountry: "BRA", Profession: "doctor", Year: 2014, Measure: "host_pays",
		Amount: f64(value), Qualifier: "exact", Currency: "USD", Per: "month", Note: note,
		Provenance: schemas.Provenance{SourceID: "s", Locator: "p. 1"}}
}

// An obs_id depends on the source, locator and identifying fields only: a
// corrected value or note keeps the id; another year or measure does not.
func TestObsIDStable(t *testing.T) {
	tb, _ := schemas.ByName(schemas.ContractRatesName)
	base := rate(4100, "")
	id := ObsID(tb, &base)
	if !regexp.MustCompile(`^rate_[0-9a-f]{12}$`).MatchString(id) {
		t.Fatalf("id %q", id)
	}
	same := rate(4081, "corrected")
	if got := ObsID(tb, &same); got != id {
		t.Errorf("a changed value changed the id: %s vs %s", got, id)
	}
	for name, edit := range map[string]func(*schemas.ContractRate){
		"year":    func(r *schemas.ContractRate) { r.Year = 2015 },
		"measure": func(r *schemas.ContractRate) { r.Measure = "worker_receives" },
		"locator": func(r *schemas.ContractRate) { r.Locator = "p. 2" },
		"source":  func(r *schemas.ContractRate) { r.SourceID = "t" },
		"host":    func(r *schemas.ContractRate) { r.HostCountry = "AGO" },
	} {
		r := rate(4100, "")
		edit(&r)
		if ObsID(tb, &r) == id {
			t.Errorf("changing the %s kept the id", name)
		}
	}
}

func TestSortAndTables(t *testing.T) {
	b := rate(2, "b")
	b.Year = 2010
	rows := Rows{ContractRates: Of(rate(1, "a"), b)}
	AssignIDs(&rows)
	rows.Sort()
	if rows.ContractRates.At(0).ObsID > rows.ContractRates.At(1).ObsID {
		t.Error("not sorted by obs_id")
	}
	tables := rows.Tables()
	if len(tables) != len(schemas.All()) {
		t.Fatalf("%d tables", len(tables))
	}
	for i, tb := range tables {
		if tb.Schema() != schemas.All()[i] {
			t.Errorf("table %d is %s, want %s", i, tb.Schema().Name, schemas.All()[i].Name)
		}
	}
	if got := rows.Counts()[schemas.ContractRatesName]; got != 2 || rows.Len() != 2 {
		t.Errorf("counts %v len %d", rows.Counts(), rows.Len())
	}
}

// A table read back from its CSV, and from its Arrow record, writes the
// same CSV bytes.
func TestReadBack(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	rows := Rows{ContractRates: Of(rate(4100, "x, \"y\""))}
	AssignIDs(&rows)
	tb := rows.Tables()[1]
	var want bytes.Buffer
	if err := tb.WriteCSV(&want); err != nil {
		t.Fatal(err)
	}
	fromCSV, err := ReadCSV(schemas.ContractRatesName, bytes.NewReader(want.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	rec, err := tb.Record(mem)
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Release()
	fromArrow, err := FromRecords(schemas.ContractRatesName, []arrow.Record{rec})
	if err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string]Table{"csv": fromCSV, "arrow": fromArrow} {
		var buf bytes.Buffer
		if err := got.WriteCSV(&buf); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), want.Bytes()) {
			t.Errorf("from %s:\n%s\nwant\n%s", name, buf.String(), want.String())
		}
	}
	if _, err := ReadCSV("nope", &want); err == nil {
		t.Error("unknown table accepted")
	}
}

func TestLocatedError(t *testing.T) {
	base := errors.New("boom")
	for _, tc := range []struct {
		e    *LocatedError
		want string
	}{
		{&LocatedError{At: schemas.Origin{File: "a.csv", Row: 41}, Column: "currency", Err: base}, `a.csv:41: column "currency": boom`},
		{&LocatedError{At: schemas.Origin{File: "b.xlsx", Sheet: "revenue", Row: 3}, Err: base}, `b.xlsx: sheet "revenue" row 3: boom`},
		{&LocatedError{At: schemas.Origin{File: "b.xlsx", Sheet: "revenue"}, Err: base}, `b.xlsx: sheet "revenue": boom`},
	} {
		if got := tc.e.Error(); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
		if !errors.Is(fmt.Errorf("wrapped: %w", tc.e), base) {
			t.Error("does not unwrap")
		}
	}
}

func TestObsIDWithoutLocator(t *testing.T) {
	a, b := rate(1, ""), rate(1, "")
	b.Locator = "json=page 2, $[1][17]"
	rows := Rows{ContractRates: Of(a, b)}
	AssignIDsBy(&rows, func(string) bool { return false })
	if rows.ContractRates.At(0).ObsID != rows.ContractRates.At(1).ObsID {
		t.Error("a positional kind's id changed with its locator")
	}
	AssignIDs(&rows)
	if rows.ContractRates.At(0).ObsID == rows.ContractRates.At(1).ObsID {
		t.Error("by default the locator is part of the identity")
	}
}
