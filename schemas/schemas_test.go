package schemas

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow/go/v15/arrow/memory"
)

func f64(v float64) *float64 { return &v }

func sampleRevenue() []Revenue {
	at := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	return []Revenue{
		{ObsID: "rev_a", Year: 2022, PeriodStart: "2022", PeriodEnd: "2022", Aggregation: "flow", Concept: "health_services_exports", PartnerCountry: "WLD",
			Value: f64(4882234500), Qualifier: "exact", Currency: "USD", ValueUSD: f64(4882234500),
			ObservationType: "official_statistic", Status: "reported", Edition: "AEC 2022",
			Note:       `a note, with "quotes"`,
			Provenance: Provenance{SourceID: "s1", SnapshotSHA256: "ab", Locator: "p. 1", Page: new(int64(1)), RetrievedAt: at, Extractor: "curated@1"}},
		{ObsID: "rev_b", Year: 2023, PeriodStart: "2023", PeriodEnd: "2023", Aggregation: "flow", Concept: "health_services_exports", PartnerCountry: "WLD",
			Qualifier: "exact", ObservationType: "official_statistic", Status: "withheld", Preferred: new(bool),
			Provenance: Provenance{SourceID: "s2", SnapshotSHA256: "cd", Locator: "headline", RetrievedAt: at, Extractor: "curated@1"}},
		{ObsID: "rev_c", Year: 2019, PeriodStart: "2019", PeriodEnd: "2019-12", Aggregation: "flow", Concept: "services_exports_total",
			PartnerCountry: "WLD", ValueLow: f64(6e9), ValueHigh: f64(8.25e9), Qualifier: "range", Currency: "USD",
			ObservationType: "estimate", Status: "reported",
			Provenance: Provenance{SourceID: "s3", SnapshotSHA256: "ef", Locator: "para 2", RetrievedAt: at, Extractor: "curated@1"}},
	}
}

func TestTablesDeclareEveryColumn(t *testing.T) {
	want := map[string]int{RevenueName: 28, ContractRatesName: 41, WorkerCountsName: 27, SourcesName: 19, FXRatesName: 11,
		CPIName: 5, HostEstimatesName: 18,
		MacroName: 15, MacroSharesName: 16, SeriesBreaksName: 5}
	for _, tb := range All() {
		if got := len(tb.Columns); got != want[tb.Name] {
			t.Errorf("%s: %d columns, want %d", tb.Name, got, want[tb.Name])
		}
		for _, c := range tb.Columns {
			if c.Vocab != "" {
				if _, ok := VocabByName(c.Vocab); !ok {
					t.Errorf("%s.%s: unknown vocabulary %q", tb.Name, c.Name, c.Vocab)
				}
			}
		}
		if tb.IsFact() {
			var names []string
			for _, c := range tb.Columns[len(tb.Columns)-8:] {
				names = append(names, c.Name)
			}
			if strings.Join(names, ",") != "source_id,snapshot_sha256,locator,page,doc_check,doc_chars,retrieved_at,extractor" {
				t.Errorf("%s: fact table ends with %v, want the provenance columns", tb.Name, names)
			}
		}
	}
}

func TestCSVRoundTrip(t *testing.T) {
	tb, _ := ByName(RevenueName)
	rows := sampleRevenue()
	var buf bytes.Buffer
	if err := WriteCSV(&buf, tb, rows); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(buf.String(), "\n")
	if lines[0] != strings.Join(tb.Header(), ",") {
		t.Errorf("header %q", lines[0])
	}
	if !strings.Contains(lines[1], ",4882234500,") || !strings.Contains(lines[1], "2026-11-26T12:00:00Z") {
		t.Errorf("row 1 not in canonical form: %q", lines[1])
	}
	if !strings.Contains(lines[2], ",withheld,,false,,") {
		t.Errorf("row 2: withheld row with empty values and preferred=false expected: %q", lines[2])
	}
	back, err := ReadCSV[Revenue](&buf, tb)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, rows) {
		t.Errorf("round trip:\n got %+v\nwant %+v", back, rows)
	}
}

func TestCSVEmptyTableHasHeader(t *testing.T) {
	tb, _ := ByName(FXRatesName)
	var buf bytes.Buffer
	if err := WriteCSV[FXRate](&buf, tb, nil); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), "currency,year,period_start,period_end,regime,rate_per_usd,qualifier,source_id,locator,used,note\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestArrowRoundTrip(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	tb, _ := ByName(RevenueName)
	rows := sampleRevenue()
	rec, err := Record(mem, tb, rows)
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Release()
	if rec.NumRows() != 3 || int(rec.NumCols()) != len(tb.Columns) {
		t.Fatalf("record %dx%d", rec.NumRows(), rec.NumCols())
	}
	if !rec.Column(17).IsNull(2) { // edition "" in a nullable string column
		t.Errorf("empty nullable string should be null")
	}
	back, err := Rows[Revenue](tb, rec)
	if err != nil {
		t.Fatal(err)
	}
	for i := range back {
		back[i].At = rows[i].At
	}
	if !reflect.DeepEqual(back, rows) {
		t.Errorf("round trip:\n got %+v\nwant %+v", back, rows)
	}
	if _, err := Record(mem, tb, []Source{{}}); err == nil {
		t.Errorf("rows of another table were accepted")
	}
}

// The two declarations differ by one field only.
type plainTable struct {
	ObsID  string   `csv:"obs_id" role:"derived" doc:"id"`
	Amount *float64 `csv:"amount,omitempty" role:"input" unit:"USD" doc:"an amount"`
	Provenance
}

type plainTablePlus struct {
	ObsID  string   `csv:"obs_id" role:"derived" doc:"id"`
	Amount *float64 `csv:"amount,omitempty" role:"input" unit:"USD" doc:"an amount"`
	Extra  string   `csv:"extra_col" role:"input" vocab:"qualifier" doc:"the added column"`
	Provenance
}

// TestOneDeclarationFiveArtifacts proves that adding a field to a table's
// row struct changes the CSV header and rows, the Arrow schema, the
// Parquet metadata, the Frictionless schema and the codebook.
func TestOneDeclarationFiveArtifacts(t *testing.T) {
	a := MustTable[plainTable]("t", "T", "a table", IDPrefix("t"))
	b := MustTable[plainTablePlus]("t", "T", "a table", IDPrefix("t"))
	at := time.Unix(0, 0).UTC()
	prov := Provenance{SourceID: "s", SnapshotSHA256: "h", Locator: "l", RetrievedAt: at, Extractor: "x@1"}

	var csvA, csvB bytes.Buffer
	if err := WriteCSV(&csvA, a, []plainTable{{ObsID: "1", Amount: f64(2), Provenance: prov}}); err != nil {
		t.Fatal(err)
	}
	if err := WriteCSV(&csvB, b, []plainTablePlus{{ObsID: "1", Amount: f64(2), Extra: "approx", Provenance: prov}}); err != nil {
		t.Fatal(err)
	}
	wantA := "obs_id,amount,source_id,snapshot_sha256,locator,page,doc_check,doc_chars,retrieved_at,extractor\n1,2,s,h,l,,,,1970-01-01T00:00:00Z,x@1\n"
	wantB := "obs_id,amount,extra_col,source_id,snapshot_sha256,locator,page,doc_check,doc_chars,retrieved_at,extractor\n1,2,approx,s,h,l,,,,1970-01-01T00:00:00Z,x@1\n"
	if csvA.String() != wantA || csvB.String() != wantB {
		t.Errorf("CSV:\n%s\n%s", csvA.String(), csvB.String())
	}
	if f, ok := b.ArrowSchema().FieldsByName("extra_col"); !ok || len(f) != 1 || b.ArrowSchema().NumFields() != a.ArrowSchema().NumFields()+1 {
		t.Errorf("Arrow schema lacks extra_col: %s", b.ArrowSchema())
	}
	if d := b.ParquetMetadata()["cubaexports.column.extra_col.description"]; d != "the added column" {
		t.Errorf("Parquet metadata description = %q", d)
	}
	if _, ok := a.ParquetMetadata()["cubaexports.column.extra_col.description"]; ok {
		t.Errorf("Parquet metadata of the plain table mentions extra_col")
	}
	fa, _ := json.Marshal(a.Frictionless())
	fb, _ := json.Marshal(b.Frictionless())
	if strings.Contains(string(fa), "extra_col") || !strings.Contains(string(fb), `{"name":"extra_col","type":"string","description":"the added column","constraints":{"required":true,"enum":["exact","approx","more_than","at_least","less_than","up_to","range"]}}`) {
		t.Errorf("Frictionless:\n%s\n%s", fa, fb)
	}
	var ca, cb bytes.Buffer
	_ = WriteCodebook(&ca, []*Table{a})
	_ = WriteCodebook(&cb, []*Table{b})
	if strings.Contains(ca.String(), "extra_col") || !strings.Contains(cb.String(), "| `extra_col` | string | yes |  | source | the added column Values: vocabulary `qualifier`. |") {
		t.Errorf("codebook:\n%s", cb.String())
	}
	if !strings.Contains(cb.String(), "### `qualifier`") {
		t.Errorf("codebook does not list the qualifier vocabulary")
	}
}

func TestBadDeclarations(t *testing.T) {
	type noDoc struct {
		A string `csv:"a" role:"input"`
	}
	type badName struct {
		A string `csv:"A-b" role:"input" doc:"x"`
	}
	type badType struct {
		A int32 `csv:"a" role:"input" doc:"x"`
	}
	type noProv struct {
		ObsID string `csv:"obs_id" role:"derived" doc:"x"`
	}
	type ptrNoOmit struct {
		A *float64 `csv:"a" role:"input" doc:"x"`
	}
	for name, err := range map[string]error{
		"no doc":      second(NewTable[noDoc]("t", "", "")),
		"bad name":    second(NewTable[badName]("t", "", "")),
		"bad type":    second(NewTable[badType]("t", "", "")),
		"no prov":     second(NewTable[noProv]("t", "", "")),
		"ptr no omit": second(NewTable[ptrNoOmit]("t", "", "")),
	} {
		if err == nil {
			t.Errorf("%s: declaration accepted", name)
		}
	}
}

func second[A, B any](_ A, b B) B { return b }

func TestVocabCheck(t *testing.T) {
	q, _ := VocabByName("qualifier")
	if err := q.Check("approx"); err != nil {
		t.Error(err)
	}
	if err := q.Check("about"); err == nil || !strings.Contains(err.Error(), `"about" is not in vocabulary qualifier`) {
		t.Errorf("got %v", err)
	}
	p, _ := VocabByName("profession")
	if term, ok := p.Term("general_practitioner"); !ok || term.ISCO08 != "2211" {
		t.Errorf("general_practitioner: %+v", term)
	}
}

// The quantity key: parts, subgroups and bases are never rivals; rates
// and stocks compete within a year, totals only over the same period.
func TestQuantityKey(t *testing.T) {
	rates, _ := ByName(ContractRatesName)
	base := ContractRate{HostCountry: "SAU", Profession: "doctor", Year: 2022, PeriodStart: "2022", PeriodEnd: "2022",
		Aggregation: "rate", Measure: "worker_receives", Component: "total", Basis: "per_worker", Amount: f64(1000),
		ObservationType: "official_statement"}
	key := func(tb *Table, row any) string { return string(tb.QuantityKey(nil, reflect.ValueOf(row).Elem())) }
	k0 := key(rates, &base)
	for _, tc := range []struct {
		name  string
		edit  func(*ContractRate)
		rival bool
	}{
		{"another amount, currency, period in the year", func(r *ContractRate) {
			r.Amount, r.Currency, r.PeriodStart, r.PeriodEnd, r.Per = f64(3750), "SAR", "2022-03", "2022-09", "month"
		}, true},
		{"a part (allowance)", func(r *ContractRate) { r.Component = "allowance" }, false},
		{"a subgroup", func(r *ContractRate) { r.Subgroup = "specialists" }, false},
		{"a whole contract", func(r *ContractRate) { r.Basis = "whole_contract" }, false},
		{"another measure", func(r *ContractRate) { r.Measure = "host_pays" }, false},
		{"another year", func(r *ContractRate) { r.Year, r.PeriodStart, r.PeriodEnd = 2023, "2023", "2023" }, false},
		{"another type of outcome (an estimate)", func(r *ContractRate) { r.ObservationType = "estimate" }, true},
		{"a plan (a target or proposal)", func(r *ContractRate) { r.ObservationType = "plan" }, false},
	} {
		r := base
		tc.edit(&r)
		if got := key(rates, &r) == k0; got != tc.rival {
			t.Errorf("%s: rival %v, want %v", tc.name, got, tc.rival)
		}
	}
	rev, _ := ByName(RevenueName)
	total := Revenue{Year: 2023, PeriodStart: "2008", PeriodEnd: "2023", Aggregation: "cumulative", Concept: "health_services_exports", PartnerCountry: "WLD"}
	other := total
	other.PeriodStart = "2011"
	if key(rev, &total) == key(rev, &other) {
		t.Error("cumulative totals over different periods are rivals")
	}
	flow := total
	flow.PeriodStart, flow.Aggregation = "2023", "flow"
	if key(rev, &total) == key(rev, &flow) {
		t.Error("a cumulative total and a one-year flow are rivals")
	}
	counts, _ := ByName(WorkerCountsName)
	a := WorkerCount{HostCountry: "NAM", Year: 2006, PeriodStart: "2006-02", PeriodEnd: "2006-02", Aggregation: "stock", Sector: "health", Role: "doctors", CountKind: "stock"}
	b := a
	b.PeriodStart, b.PeriodEnd = "2006-09", "2006-09"
	if key(counts, &a) != key(counts, &b) {
		t.Error("two stocks of one year are not rivals")
	}
	b.Subgroup = "specialists"
	if key(counts, &a) == key(counts, &b) {
		t.Error("a subgroup is a rival of the whole")
	}
	plan := a
	plan.ObservationType = "plan"
	if key(counts, &a) == key(counts, &plan) {
		t.Error("a planned count is a rival of a count of workers present")
	}
	if !strings.Contains(rates.QuantityDoc(), "`component`") || !strings.Contains(rates.QuantityDoc(), "`period_start`") ||
		!strings.Contains(rates.QuantityDoc(), "whether `observation_type` is `plan`") {
		t.Errorf("quantity doc %q", rates.QuantityDoc())
	}
}
