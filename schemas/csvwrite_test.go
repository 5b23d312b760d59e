package schemas

import (
	"bytes"
	"encoding/csv"
	"io"
	"testing"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/gocarina/gocsv"
)

// gocsvCSV is how WriteCSV wrote before it read cells through the
// compiled column access: the rows with EscapeCell applied to every text
// column, marshalled by gocsv.
func gocsvCSV[T any](t *testing.T, tb *Table, rows []T) []byte {
	t.Helper()
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	if err := gocsv.MarshalCSV(mapText(tb, rows, EscapeCell), gocsv.NewSafeCSVWriter(cw)); err != nil {
		t.Fatal(err)
	}
	cw.Flush()
	return buf.Bytes()
}

func sameAsGocsv[T any](t *testing.T, name string, rows []T) {
	t.Helper()
	tb, _ := ByName(name)
	var got bytes.Buffer
	if err := WriteCSV(&got, tb, rows); err != nil {
		t.Fatal(err)
	}
	if want := gocsvCSV(t, tb, rows); !bytes.Equal(got.Bytes(), want) {
		t.Errorf("%s: WriteCSV wrote\n%s\ngocsv writes\n%s", name, got.Bytes(), want)
	}
}

// WriteCSV writes the bytes gocsv writes for every column type: text with
// commas, quotes, line breaks, leading spaces and formula triggers; nulls;
// negative, fractional, huge and tiny numbers; booleans; times with and
// without a fraction of a second, in UTC and not.
func TestWriteCSVMatchesGocsv(t *testing.T) {
	rev := sampleRevenue()
	rev[0].Note = "=SUM(A1:A2), \"quoted\"\nsecond line"
	rev[1].Locator = " leading space"
	rev[1].Preferred = new(bool)
	rev[2].ValueUSD, rev[2].ValueUSDConst = f64(-1234), f64(1e21) // whole: rounding (TestCSVRoundsDerived) keeps them
	rev[2].Value = f64(0.000001234)
	rev[2].RetrievedAt = time.Date(2025, 3, 4, 5, 6, 7, 890_000_000, time.FixedZone("X", -5*3600))
	rev[0].Edition = "'+quoted trigger"
	rev[1].PartnerCountry = "\tTAB"
	sameAsGocsv(t, RevenueName, rev)

	w := int64(-3)
	yes := true
	rates := []ContractRate{{ObsID: "rate_a", HostCountry: "BRA", Profession: "doctor", ProfessionLabel: "médico, \"MD\"",
		Year: 2014, PeriodStart: "2014-03", PeriodEnd: "2014-03", Aggregation: "rate", Measure: "host_pays", Component: "total", Basis: "per_worker", Amount: f64(3500.25), Qualifier: "exact", Currency: "USD",
		Per: "month", Workers: &w, PaymentRoute: "@route", USDPerWorkerMonth: f64(1166.75), USDMethod: "-x; y",
		ObservationType: "official_document", Status: "reported", Preferred: &yes, Note: "\rcr",
		Provenance: Provenance{SourceID: "s", Locator: "row 1", RetrievedAt: time.Unix(1e9, 0).UTC(), Extractor: "curated@1"}}, {}}
	sameAsGocsv(t, ContractRatesName, rates)

	n := int64(7)
	sameAsGocsv(t, WorkerCountsName, []WorkerCount{{ObsID: "wkr_a", Count: &n, CountHigh: &n, NCountries: &n, Note: "a\"b"}})
	at := time.Date(2026, 1, 2, 0, 0, 0, 1, time.UTC)
	sameAsGocsv(t, SourcesName, []Source{{SourceID: "s", Title: "A, B", RetrievedAt: &at}, {SourceID: "t"}})
	sameAsGocsv(t, FXRatesName, []FXRate{{Currency: "CUP", Year: 2021, RatePerUSD: 24, Used: true}, {RatePerUSD: -0.5}})
	sameAsGocsv(t, CPIName, []CPI{{Year: 2020, Month: 12, Index: 260.474}})
	sameAsGocsv(t, HostEstimatesName, []HostEstimate{{HostCountry: "QAT", Workers: &n, WorkersLow: 1, HostPaysUSDLow: 0.1, Method: "=1+1"}})
}

// A table with no rows is its header line.
func TestWriteCSVEmpty(t *testing.T) {
	tb, _ := ByName(CPIName)
	var buf bytes.Buffer
	if err := WriteCSV[CPI](&buf, tb, nil); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), "year,month,index,source_id,locator\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// benchRates are n synthetic contract_rates rows (the widest table).
func benchRates(n int) []ContractRate {
	rows := make([]ContractRate, n)
	w := int64(1)
	for i := range rows {
		rows[i] = ContractRate{ObsID: "rate_0123456789ab", HostCountry: "BRA", Profession: "doctor", Year: int64(1990 + i%35),
			PeriodStart: "2014-03", PeriodEnd: "2014-03", Aggregation: "rate", Measure: "host_pays", Component: "total", Basis: "per_worker", Amount: f64(float64(500 + i%9500)), Qualifier: "exact", Currency: "USD",
			Per: "month", Workers: &w, PaymentRoute: "intermediary", USDPerWorkerMonth: f64(float64(500 + i%9500)),
			USDMethod: "usd_per_worker_month = amount / rate", ObservationType: "official_document", Status: "reported",
			Note: "SYNTHETIC benchmark rate; not real data.",
			Provenance: Provenance{SourceID: "synthetic_bench", SnapshotSHA256: "ab", Locator: "row 1",
				RetrievedAt: time.Unix(1e9, 0).UTC(), Extractor: "curated@1"}}
	}
	return rows
}

// BenchmarkWriteCSV writes 100,000 contract_rates rows.
func BenchmarkWriteCSV(b *testing.B) {
	tb, _ := ByName(ContractRatesName)
	rows := benchRates(100_000)
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteCSV(io.Discard, tb, rows); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRecord builds the Arrow record of 64Ki contract_rates rows
// (one Parquet row group).
func BenchmarkRecord(b *testing.B) {
	tb, _ := ByName(ContractRatesName)
	rows := benchRates(64 * 1024)
	b.ReportAllocs()
	for b.Loop() {
		rec, err := Record(memory.DefaultAllocator, tb, rows)
		if err != nil {
			b.Fatal(err)
		}
		rec.Release()
	}
}

// encodingCSV is the line encoding/csv's Writer writes for record.
func encodingCSV(t testing.TB, record []string) []byte {
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	if err := cw.Write(record); err != nil {
		t.Fatal(err)
	}
	cw.Flush()
	return buf.Bytes()
}

// appendRecord is a record as CSVWriter writes one, field by field.
func appendRecord(record []string) []byte {
	var b []byte
	for j, f := range record {
		if j > 0 {
			b = append(b, ',')
		}
		b = appendCSVField(b, f)
	}
	return append(b, '\n')
}

// appendCSVField quotes what encoding/csv quotes and writes it as
// encoding/csv does.
func TestAppendCSVField(t *testing.T) {
	for _, f := range []string{"", "plain", "a,b", `say "x"`, `"`, `""`, "line\nbreak", "cr\rcr", "crlf\r\n", " lead", "\tlead", "\vlead",
		"\flead", "\u00a0nbsp", "\u0085nel", "\u2003em", "\u3000ideographic", "trail ", `\.`, `\.x`, `x\.`, "\xff bad utf-8", "é", "'=1+2"} {
		if got, want := appendRecord([]string{f, "next"}), encodingCSV(t, []string{f, "next"}); !bytes.Equal(got, want) {
			t.Errorf("%q: wrote %q, encoding/csv writes %q", f, got, want)
		}
	}
}

func FuzzAppendCSVField(f *testing.F) {
	for _, s := range []string{"", "a,b", `q"q`, "\n", " x", "\u00a0", `\.`} {
		f.Add(s, "x")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if got, want := appendRecord([]string{a, b}), encodingCSV(t, []string{a, b}); !bytes.Equal(got, want) {
			t.Errorf("%q, %q: wrote %q, encoding/csv writes %q", a, b, got, want)
		}
	})
}

// builderText is a text column built with Arrow's StringBuilder, value
// by value: what buildText lays out in one pass.
func builderText(col Column, blk *Block) arrow.Array {
	b := array.NewStringBuilder(memory.NewGoAllocator())
	defer b.Release()
	for i, v := range blk.Text {
		if blk.Null[i] || v == "" && col.Nullable {
			b.AppendNull()
		} else {
			b.Append(v)
		}
	}
	return b.NewArray()
}

// buildText gives the array StringBuilder gives: nullable and required
// columns; no null, a null first, nulls later, only nulls; empty texts.
func TestBuildTextMatchesBuilder(t *testing.T) {
	blocks := map[string]Block{
		"none null":  {Text: []string{"a", "bb", "", "ccc"}, Null: []bool{false, false, false, false}},
		"null first": {Text: []string{"", "x", "", "yz"}, Null: []bool{true, false, false, false}},
		"null later": {Text: []string{"x", "y", "", "z", "", "w"}, Null: []bool{false, false, true, false, false, false}},
		"all null":   {Text: []string{"", ""}, Null: []bool{true, true}},
		"empty":      {},
	}
	for name, blk := range blocks {
		for _, nullable := range []bool{false, true} {
			col := Column{Name: "c", Type: String, Nullable: nullable}
			got, err := buildText(col, &blk)
			if err != nil {
				t.Fatal(err)
			}
			want := builderText(col, &blk)
			if !array.Equal(got, want) || got.NullN() != want.NullN() {
				t.Errorf("%s (nullable %v): %v (%d null), StringBuilder gives %v (%d null)", name, nullable, got, got.NullN(), want, want.NullN())
			}
			got.Release()
			want.Release()
		}
	}
}
