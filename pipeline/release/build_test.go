package release

import (
	"bytes"
	"context"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/apache/arrow/go/v15/parquet/file"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
)

// reversed returns the rows with every table in reverse order.
func reversed(r datasets.Rows) datasets.Rows {
	c := sortedCopy(r)
	reverse(c.Revenue)
	reverse(c.ContractRates)
	reverse(c.WorkerCounts)
	slices.Reverse(c.Sources)
	slices.Reverse(c.FXRates)
	return c
}

func TestDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	in := syntheticInput()
	mustBuild(t, a, in)
	in2 := syntheticInput()
	in2.Rows = reversed(in2.Rows) // the caller's order must not matter
	slices.Reverse(in2.Inputs)
	before := reversed(in2.Rows)
	mustBuild(t, b, in2)
	if !reflect.DeepEqual(tablesOf(reversed(in2.Rows)), tablesOf(before)) {
		t.Errorf("Write reordered the caller's rows")
	}
	fa, fb := snapshotTree(t, a), snapshotTree(t, b)
	if len(fa) != len(fb) {
		t.Fatalf("%d files vs %d", len(fa), len(fb))
	}
	for path, st := range fa {
		rel, _ := filepath.Rel(a, path)
		if st.mode.IsDir() {
			continue
		}
		if ga, gb := readFile(t, path), readFile(t, filepath.Join(b, rel)); !bytes.Equal(ga, gb) {
			t.Errorf("%s differs between two builds of the same input", rel)
		}
	}
}

// TestParquetReadsBack reads every Parquet file back and compares its
// rows with the rows built, and with the CSV file.
func TestParquetReadsBack(t *testing.T) {
	out := t.TempDir()
	in := syntheticInput()
	in.Rows.FXRates = []schemas.FXRate{{Currency: "BRL", Year: 2014, RatePerUSD: 2.3536, SourceID: "synthetic_a", Locator: "p. 2", Used: true}}
	in.Rows.CPI = []schemas.CPI{{Year: 2014, Month: 1, Index: 200.5, SourceID: "synthetic_a", Locator: "line 2"}}
	w, usd, rev := int64(10), 4000.0, 480000.0
	in.Rows.HostEstimates = []schemas.HostEstimate{{HostCountry: "BRA", Year: 2014, Workers: &w, WorkersLow: 10, WorkersHigh: 10,
		HostPaysUSD: &usd, HostPaysUSDLow: usd, HostPaysUSDHigh: usd, ImpliedRevenueUSD: &rev, ImpliedRevenueUSDLow: rev,
		ImpliedRevenueHigh: rev, WorkersObsID: "wkr_a", RateObsID: "rate_a", Method: "synthetic"}}
	res := mustBuild(t, out, in)
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	sorted := sortedCopy(in.Rows)
	filled := 0
	defer func() {
		if filled < 7 { // the fact tables, sources, fx_rates, us_cpi and host_estimates
			t.Errorf("%d tables read back with rows, want at least 7", filled)
		}
	}()
	for _, want := range sorted.Tables() {
		name := want.Schema().Name
		got, err := readParquet(context.Background(), filepath.Join(res.Dir, "data", name+".parquet"), name, mem)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got.Len() != want.Len() {
			t.Errorf("%s: %d rows read back, want %d", name, got.Len(), want.Len())
		}
		if got.Len() == 0 { // a table the synthetic input leaves empty (the macro tables)
			continue
		}
		filled++
		gr, err := got.Record(mem)
		if err != nil {
			t.Fatal(err)
		}
		wr, err := want.Record(mem)
		if err != nil {
			t.Fatal(err)
		}
		if !array.RecordEqual(gr, wr) {
			t.Errorf("%s: rows read back differ:\n got %v\nwant %v", name, gr, wr)
		}
		if name == schemas.RevenueName {
			back, err := schemas.Rows[schemas.Revenue](want.Schema(), gr)
			if err != nil || !reflect.DeepEqual(back, sorted.Revenue.Rows()) {
				t.Errorf("revenue rows read back:\n got %+v (%v)\nwant %+v", back, err, sorted.Revenue.Rows())
			}
		}
		gr.Release()
		wr.Release()
		var csv bytes.Buffer
		if err := got.WriteCSV(&csv); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(csv.Bytes(), readFile(t, filepath.Join(res.Dir, "data", name+".csv"))) {
			t.Errorf("%s: Parquet rows written as CSV differ from the CSV file", name)
		}
	}
}

func TestParquetFooter(t *testing.T) {
	out := t.TempDir()
	res := mustBuild(t, out, syntheticInput())
	for _, tb := range schemas.All() {
		rdr, err := file.OpenParquetFile(filepath.Join(res.Dir, "data", tb.Name+".parquet"), false)
		if err != nil {
			t.Fatal(err)
		}
		md := rdr.MetaData()
		kv := md.KeyValueMetadata()
		for k, want := range tb.ParquetMetadata() {
			if got := kv.FindValue(k); got == nil || *got != want {
				t.Errorf("%s: footer %q = %v, want %q", tb.Name, k, got, want)
			}
		}
		if kv.FindValue("ARROW:schema") == nil {
			t.Errorf("%s: the Arrow schema (per-column descriptions and units) is not stored", tb.Name)
		}
		if got := md.GetCreatedBy(); got != "cubaexports v1.0.0" {
			t.Errorf("%s: created_by %q", tb.Name, got)
		}
		if got, want := md.GetNumRows(), int64(syntheticRowsLen(tb.Name)); got != want {
			t.Errorf("%s: %d rows, want %d", tb.Name, got, want)
		}
		rdr.Close()
	}
	rev, _ := schemas.ByName(schemas.RevenueName)
	if u := rev.ParquetMetadata()["cubaexports.column.value.unit"]; u != "currency, or percent for a share concept" {
		t.Errorf("the unit of revenue.value is not among the checked footer keys: %q", u)
	}
}

func syntheticRowsLen(name string) int {
	r := syntheticRows()
	return r.Counts()[name]
}

func TestUnchangedWritesNothing(t *testing.T) {
	out := t.TempDir()
	first := mustBuild(t, out, syntheticInput())
	before := snapshotTree(t, out)
	in := syntheticInput()
	in.Rows = reversed(in.Rows)
	in.Date = in.Date.AddDate(0, 1, 0) // the date is not part of the fingerprint
	res := mustBuild(t, out, in)
	want := Result{Version: "v1.0.0", Dir: first.Dir, Previous: "v1.0.0", Fingerprint: first.Fingerprint}
	if !reflect.DeepEqual(res, want) {
		t.Errorf("second build: %+v, want %+v", res, want)
	}
	if after := snapshotTree(t, out); !maps.Equal(before, after) {
		t.Errorf("an unchanged build touched OUT:\nbefore %v\nafter  %v", before, after)
	}
}

// changedInput is the synthetic input with one revenue value corrected.
func changedInput() Input {
	in := syntheticInput()
	in.Rows.Revenue.Edit(func(_ int, r *schemas.Revenue) {
		if r.Value != nil {
			r.Value = f64(4600000000)
		}
	})
	return in
}

func TestChangedRowsMinor(t *testing.T) {
	out := t.TempDir()
	first := mustBuild(t, out, syntheticInput())
	v1 := snapshotTree(t, first.Dir)
	res := mustBuild(t, out, changedInput())
	if res.Version != "v1.1.0" || res.Previous != "v1.0.0" || !res.Changed || res.Fingerprint == first.Fingerprint {
		t.Fatalf("result %+v, want v1.1.0 after v1.0.0", res)
	}
	entries, err := Index(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 || entries[0].Version != "v1.0.0" || entries[1].Version != "v1.1.0" ||
		entries[1].Fingerprint != res.Fingerprint || entries[1].Rows[schemas.RevenueName] != 3 || entries[1].Date != "2026-12-01" {
		t.Errorf("index %+v", entries)
	}
	if latest, err := Latest(out); latest != "v1.1.0" || err != nil {
		t.Errorf("Latest = %q, %v", latest, err)
	}
	if !maps.Equal(v1, snapshotTree(t, first.Dir)) {
		t.Errorf("v1.0.0 changed when v1.1.0 was written")
	}
	for _, v := range []string{"v1.0.0", "v1.1.0", ""} {
		if err := Verify(context.Background(), out, v); err != nil {
			t.Errorf("Verify(%q): %v", v, err)
		}
	}
}

func TestHeaderChange(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(csv string) error
		want string
	}{
		{"header edited", func(p string) error {
			return os.WriteFile(p, []byte("currency,year,rate,source_id,locator\n"), 0o644)
		}, "v2.0.0"},
		{"table did not exist", os.Remove, "v1.1.0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			first := mustBuild(t, out, syntheticInput())
			if err := tc.edit(filepath.Join(first.Dir, "data", "fx_rates.csv")); err != nil {
				t.Fatal(err)
			}
			if res := mustBuild(t, out, changedInput()); res.Version != tc.want {
				t.Errorf("version %s, want %s", res.Version, tc.want)
			}
		})
	}
}
