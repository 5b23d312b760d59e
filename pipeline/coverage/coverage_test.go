package coverage

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/cubaexports/cubaexports/schemas"
)

var update = flag.Bool("update", false, "rewrite testdata/report.golden.md")

// writeTable writes rows as the release table name under dir/data.
func writeTable[T any](t *testing.T, dir, name string, rows []T) {
	t.Helper()
	tab, _ := schemas.ByName(name)
	var buf bytes.Buffer
	if err := schemas.WriteCSV(&buf, tab, rows); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "data", name+".csv"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func release(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeTable(t, dir, schemas.RevenueName, []schemas.Revenue{
		{Year: 2004, PeriodStart: "2004", PeriodEnd: "2004", Aggregation: "flow", Concept: "services_exports_total", PartnerCountry: "WLD", ObservationType: "official_statistic", Status: "reported"},
		{Year: 2004, PeriodStart: "2004", PeriodEnd: "2004", Aggregation: "flow", Concept: "services_exports_total", PartnerCountry: "WLD", ObservationType: "estimate", Status: "reported"},
		{Year: 2006, PeriodStart: "2006", PeriodEnd: "2006", Aggregation: "flow", Concept: "health_services_exports", PartnerCountry: "WLD", ObservationType: "official_statistic", Status: "reported"},
		{Year: 2007, PeriodStart: "2007", PeriodEnd: "2007", Aggregation: "flow", Concept: "health_services_exports", PartnerCountry: "WLD", ObservationType: "official_statistic", Status: "withheld"},
		{Year: 2010, PeriodStart: "2010", PeriodEnd: "2010", Aggregation: "flow", Concept: "health_services_exports", PartnerCountry: "VEN", ObservationType: "estimate", Status: "reported"},
		{Year: 2009, PeriodStart: "2008", PeriodEnd: "2009", Aggregation: "cumulative", Concept: "health_services_exports", PartnerCountry: "WLD", ObservationType: "estimate", Status: "reported"},
		{Year: 2008, PeriodStart: "2008", PeriodEnd: "2008", Aggregation: "flow", Concept: "health_services_exports", PartnerCountry: "WLD", ObservationType: "plan", Status: "reported"},
	})
	writeTable(t, dir, schemas.ContractRatesName, []schemas.ContractRate{
		{HostCountry: "BRA", Year: 2013, ObservationType: "official_statement"},
		{HostCountry: "QAT", Year: 2019, ObservationType: "leaked_document"},
		{HostCountry: "WLD", Year: 2019, ObservationType: "estimate"},
	})
	writeTable(t, dir, schemas.WorkerCountsName, []schemas.WorkerCount{
		{HostCountry: "BRA", Year: 2014, ObservationType: "official_statement"},
		{HostCountry: "BRA", Year: 2015, ObservationType: "official_statement"},
		{HostCountry: "BRA", Year: 2016, ObservationType: "estimate"},
		{HostCountry: "BRA", Year: 2018, ObservationType: "estimate"},
		{HostCountry: "AND", Year: 2020, ObservationType: "official_statement"},
		{HostCountry: "CUB", Year: 2020, ObservationType: "official_statement"},
		{HostCountry: "WLD", Year: 2020, ObservationType: "official_statement"},
	})
	return dir
}

func TestRead(t *testing.T) {
	r, err := Read(release(t))
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, h := range r.Hosts {
		codes = append(codes, h.Code)
	}
	// WLD and CUB name no host; VEN is a host through its revenue row.
	if want := []string{"AND", "BRA", "QAT", "VEN"}; !slices.Equal(codes, want) {
		t.Errorf("hosts %v, want %v", codes, want)
	}
	if got := [4]int{r.WithCountOrRate(), r.WithCount(), r.WithRate(), r.WithBoth()}; got != [4]int{3, 2, 2, 1} {
		t.Errorf("with count or rate, count, rate, both: %v, want [3 2 2 1]", got)
	}
	if got := Years(r.Hosts[1].CountYears); got != "2014–2016, 2018" {
		t.Errorf("BRA count years %q", got)
	}
	// The withheld 2007 figure is not a reported one; the 2008 plan is no
	// figure of what happened; the 2008-2009 total is no figure for 2009.
	if got := r.YearsWithout("health_services_exports", 2006, 2010); !slices.Equal(got, []int64{2007, 2008, 2009}) {
		t.Errorf("years without health-services exports: %v", got)
	}
	if got := r.YearsWithout("services_exports_total", 2004, 2005); !slices.Equal(got, []int64{2005}) {
		t.Errorf("years without total service exports: %v", got)
	}
}

func TestMarkdownGolden(t *testing.T) {
	r, err := Read(release(t))
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := r.Markdown(&got); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "report.golden.md")
	if *update {
		if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("report differs from %s (run with -update and review):\n%s", golden, got.Bytes())
	}
}

func TestReadMissingTable(t *testing.T) {
	dir := release(t)
	if err := os.Remove(filepath.Join(dir, "data", "worker_counts.csv")); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(dir); err == nil {
		t.Fatal("a release without worker_counts.csv read without error")
	}
}

func TestYears(t *testing.T) {
	for _, c := range []struct {
		in   []int64
		want string
	}{
		{nil, ""},
		{[]int64{2020}, "2020"},
		{[]int64{2021, 2020}, "2020–2021"},
		{[]int64{2004, 2006, 2007, 2008, 2010, 2010}, "2004, 2006–2008, 2010"},
	} {
		if got := Years(c.in); got != c.want {
			t.Errorf("Years(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}
