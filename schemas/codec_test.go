package schemas

import (
	"reflect"
	"testing"
	"time"

	"github.com/apache/arrow/go/v15/arrow/memory"
)

// Rows encoded into a record decode to equal rows: every kind of field
// (text, integers, floats, booleans, times; plain and pointer; nulls).
func TestCodecRoundTrip(t *testing.T) {
	f, i, b := 1234.5, int64(7), true
	at := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	rows := []ContractRate{
		{ObsID: "rate_1", HostCountry: "BRA", Year: 2013, Amount: &f, Workers: &i, Preferred: &b, Note: "a, \"quoted\" note"},
		{ObsID: "rate_2", HostCountry: "QAT", Year: 2019},
	}
	for k := range rows {
		rows[k].Provenance = Provenance{SourceID: "s", Locator: "p. 1", RetrievedAt: at, Extractor: "curated@1"}
	}
	tab, ok := ByName(ContractRatesName)
	if !ok {
		t.Fatal("no contract_rates table")
	}
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	rec, err := tab.Encode(mem, rows, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Release()
	got := make([]ContractRate, len(rows))
	if err := tab.Decode(rec, 0, len(rows), got); err != nil {
		t.Fatal(err)
	}
	for k := range rows {
		if !reflect.DeepEqual(got[k], rows[k]) {
			t.Errorf("row %d decoded as\n%+v\nwant\n%+v", k, got[k], rows[k])
		}
	}
	if got[0].Amount == rows[0].Amount {
		t.Error("a decoded pointer field shares the encoded row's variable")
	}
}
