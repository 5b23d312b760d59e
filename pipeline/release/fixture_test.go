package release

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/apache/arrow/go/v15/arrow/memory"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
)

// releaseDate is the fixed date of the test releases.
var releaseDate = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

func f64(v float64) *float64 { return &v }
func i64(v int64) *int64     { return &v }
func boolp(v bool) *bool     { return &v }

// syntheticRows are a few made-up rows per fact table from two made-up
// sources. None of the figures is real; the notes and titles say so.
func syntheticRows() datasets.Rows {
	at := time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)
	provA := schemas.Provenance{SourceID: "synthetic_a", SnapshotSHA256: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		Locator: "p. 1", RetrievedAt: at, Extractor: "curated@1"}
	provB := schemas.Provenance{SourceID: "synthetic_b", SnapshotSHA256: "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
		Locator: "sheet=T1!B2", RetrievedAt: at, Extractor: "xlsxtable@1"}
	r := datasets.Rows{
		Revenue: datasets.Of([]schemas.Revenue{
			{Year: 2022, PeriodStart: "2022", PeriodEnd: "2022", Aggregation: "flow", Concept: "health_services_exports", PartnerCountry: "WLD", Value: f64(4500000000),
				Qualifier: "exact", Currency: "USD", ValueUSD: f64(4500000000), ObservationType: "official_statistic",
				Status: "reported", Edition: "Synthetic 2023", Preferred: boolp(true),
				Note: "synthetic test figure, not real", Provenance: provB},
			{Year: 2023, PeriodStart: "2023", PeriodEnd: "2023", Aggregation: "flow", Concept: "health_services_exports", PartnerCountry: "WLD", Qualifier: "exact",
				ObservationType: "official_statistic", Status: "withheld", Edition: "Synthetic yearbook 2024",
				Note: `synthetic, withheld; a note with "quotes", commas and ünïcode`, Provenance: provB},
			{Year: 2019, PeriodStart: "2019", PeriodEnd: "2019-12", Aggregation: "flow", Concept: "services_exports_total",
				PartnerCountry: "VEN", ValueLow: f64(1.5e9), ValueHigh: f64(2.25e9), Qualifier: "range", Currency: "USD",
				ObservationType: "estimate", Status: "reported", Note: "synthetic range", Provenance: provA},
		}...),
		ContractRates: datasets.Of([]schemas.ContractRate{
			{HostCountry: "BRA", Profession: "doctor", ProfessionLabel: "médico (synthetic)", ISCO08: "221", Year: 2014,
				PeriodStart: "2014", PeriodEnd: "2014", Aggregation: "rate", Measure: "host_pays", Component: "total", Basis: "per_worker", Amount: f64(10000), Qualifier: "exact", Currency: "BRL", Per: "month", Workers: i64(1),
				PaymentRoute: "intermediary", ObservationType: "official_document", Status: "reported",
				Note: "synthetic rate", Provenance: provA},
			{HostCountry: "BRA", Profession: "doctor", Year: 2014, PeriodStart: "2014", PeriodEnd: "2014", Aggregation: "rate",
				Measure: "worker_share", Component: "total", Basis: "per_worker", Amount: f64(25.5),
				Qualifier: "approx", PaymentRoute: "intermediary", USDMethod: "share: no conversion",
				ObservationType: "estimate", Status: "reported", Note: "synthetic share", Provenance: provA},
		}...),
		WorkerCounts: datasets.Of([]schemas.WorkerCount{
			{HostCountry: "WLD", Year: 2022, PeriodStart: "2022", PeriodEnd: "2022", Aggregation: "stock", Sector: "health", Role: "collaborators", Count: i64(22000), Qualifier: "more_than",
				CountKind: "stock", NCountries: i64(56), ObservationType: "official_statement", Status: "reported",
				Note: "synthetic count", Provenance: provA},
			{HostCountry: "MEX", Year: 2023, PeriodStart: "2023-06", PeriodEnd: "2023-06", Aggregation: "flow", Sector: "health", Subgroup: "specialists", Role: "doctors", CountLow: i64(500),
				CountHigh: i64(600), Qualifier: "range", CountKind: "arrivals", ObservationType: "claim",
				Status: "reported", Note: "synthetic range count", Provenance: provB},
		}...),
		Sources: []schemas.Source{
			{SourceID: "synthetic_b", Title: "Synthetic statistical yearbook (test fixture)", Publisher: "Test Office",
				PublisherType: "cuban_state", URL: "https://example.org/synthetic-b.xlsx", Language: "es",
				Published: "2023", License: "test only", SnapshotSHA256: provB.SnapshotSHA256, RetrievedAt: &at},
			{SourceID: "synthetic_a", Title: "Synthetic press report (test fixture)", Publisher: "Example News",
				PublisherType: "press", URL: "https://example.org/synthetic-a", Language: "en", Published: "2024-03-05",
				Cites: "Synthetic statistical yearbook"},
		},
	}
	datasets.AssignIDs(&r)
	return r
}

// syntheticInput is the Input of the golden release.
func syntheticInput() Input {
	meta := datasets.Default()
	meta.DOI = "10.5072/zenodo.0000000" // 10.5072 is DataCite's test prefix
	return Input{
		Rows: syntheticRows(),
		Meta: meta,
		Inputs: []InputFile{
			{SourceID: "synthetic_b", Kind: "xlsxtable", URL: "https://example.org/synthetic-b.xlsx",
				SHA256: "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", Bytes: 20480,
				RetrievedAt: time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)},
			{SourceID: "synthetic_a", Kind: "curated", URL: "https://example.org/synthetic-a",
				SHA256: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", Bytes: 1234,
				RetrievedAt: time.Date(2026, 11, 20, 9, 30, 0, 0, time.FixedZone("CST", -5*3600))},
		},
		ConfigSHA256: "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc",
		Program:      Program{Name: "cubaexports", Version: "v0.0.0-test", Commit: "0000000", GoVersion: "go1.26"},
		Date:         releaseDate,
	}
}

// mustBuild builds with a checked allocator and fails the test unless
// every Arrow byte was released.
func mustBuild(t testing.TB, out string, in Input) Result {
	t.Helper()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	res, err := build(context.Background(), out, in, mem)
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	mem.AssertSize(t, 0)
	return res
}

// fileState is what a test remembers of a file to see whether it changed.
type fileState struct {
	mode    fs.FileMode
	size    int64
	modTime time.Time
}

// snapshotTree records every file and directory under root.
func snapshotTree(t *testing.T, root string) map[string]fileState {
	t.Helper()
	m := map[string]fileState{}
	err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := e.Info()
		if err != nil {
			return err
		}
		m[path] = fileState{fi.Mode(), fi.Size(), fi.ModTime()}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// readFile reads a file or fails the test.
func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// editRow changes row i of c with fn and writes it back.
func editRow[T any](c datasets.Columns[T], i int, fn func(r *T)) {
	r := c.At(i)
	fn(&r)
	c.Set(i, r)
}

// reverse reverses the rows of c in place (every copy of the handle c
// sees the new order, as slices.Reverse does for a slice's array).
func reverse[T any](c datasets.Columns[T]) {
	for i, j := 0, c.Len()-1; i < j; i, j = i+1, j-1 {
		a, b := c.At(i), c.At(j)
		c.Set(i, b)
		c.Set(j, a)
	}
}

// tablesOf is every table of r as a slice of its rows, so two Rows can be
// compared by their rows alone (not by how Columns stores them).
func tablesOf(r datasets.Rows) []any {
	return []any{r.Revenue.Rows(), r.ContractRates.Rows(), r.WorkerCounts.Rows(), r.Sources, r.FXRates, r.CPI,
		r.HostEstimates}
}
