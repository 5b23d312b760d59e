package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/pipeline/validate"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources"
	_ "github.com/cubaexports/cubaexports/sources/kinds" // every source kind of the catalog
)

var date = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func synthetic(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../testdata/synthetic_curated")); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestBuildEmbedded(t *testing.T) {
	b, err := Assemble(context.Background(), Config{Date: date, Offline: true, DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if !b.Bootstrapped["worldbank_fx"] || len(b.Rows.FXRates) == 0 {
		t.Errorf("the exchange-rate source was not built from its bootstrap snapshot: %v", b.Skipped)
	}
	for _, id := range []string{"worldbank_gdp", "worldbank_exports_pct_gdp", "worldbank_merchandise_exports"} {
		if !b.Bootstrapped[id] {
			t.Errorf("%s was not built from its bootstrap snapshot: %v", id, b.Skipped)
		}
	}
	// the curated sheets (facts and regime exchange rates), the four exchange-rate and CPI files, the three WDI files
	if b.Rows.Len() < 150 || len(b.Inputs) != 12 {
		t.Errorf("%d rows from %d inputs", b.Rows.Len(), len(b.Inputs))
	}
	for _, r := range b.Rows.Revenue.All() {
		if r.Currency == "USD" && r.Value != nil && (r.ValueUSD == nil || *r.ValueUSD != *r.Value) {
			t.Errorf("%s: USD value not carried to value_usd", r.ObsID)
		}
		if r.Extractor != "curated@1" || r.RetrievedAt != time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC) {
			t.Errorf("%s: stamped %q %v", r.ObsID, r.Extractor, r.RetrievedAt)
		}
	}
}

func TestBuildFromDirectoryNormalizesAndDerives(t *testing.T) {
	dir := synthetic(t)
	cfg := Config{Date: date, Offline: true, DataDir: t.TempDir(), File: File{Sources: map[string]sources.Override{"curated": {URL: dir, Retrieved: "2026-01-02"}}}}
	b, err := Assemble(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	var hosts, currencies, isco []string
	for _, r := range b.Rows.ContractRates.All() {
		hosts = append(hosts, r.HostCountry)
		currencies = append(currencies, r.Currency)
		isco = append(isco, r.ISCO08)
	}
	got := fmt.Sprint(hosts, currencies, isco)
	if want := "[BRA NAM BRA AGO] [USD NAD BRL ] [221  221 2212]"; got != want { // in obs_id order
		t.Errorf("normalized and derived: %s, want %s", got, want)
	}
	for _, in := range b.Inputs {
		if in.SourceID != "curated" {
			continue
		}
		if !strings.HasPrefix(in.URL, dir+"/") || len(in.SHA256) != 64 || in.RetrievedAt.Format(time.DateOnly) != "2026-01-02" {
			t.Errorf("input %+v", in)
		}
	}
}

func TestBuildReportsEveryProblem(t *testing.T) {
	dir := synthetic(t)
	p := filepath.Join(dir, "worker_counts.csv")
	b, _ := os.ReadFile(p)
	b = []byte(strings.Replace(strings.Replace(string(b), "Arabia Saudita", "Narnia", 1), ",stock,60,", ",stock,600,", 1))
	os.WriteFile(p, b, 0o644)
	cfg := Config{Date: date, Offline: true, DataDir: t.TempDir(), File: File{Sources: map[string]sources.Override{"curated": {URL: dir}}}}
	built, err := Assemble(context.Background(), cfg)
	if !errors.Is(err, validate.ErrBlocked) {
		t.Fatalf("got %v", err)
	}
	if n := len(built.Report.Errors()); n != 2 {
		t.Errorf("%d errors, want 2:\n%v", n, err)
	}
}

// The documents of a build are kept in the snapshot store only when the
// build succeeds: a blocked build leaves neither objects nor temporary
// files, and the same documents are kept once the build succeeds.
func TestKeepOnlyWhenBuilt(t *testing.T) {
	dir := synthetic(t)
	p := filepath.Join(dir, "worker_counts.csv")
	good, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(good), "Arabia Saudita", "Narnia", 1)), 0o644)
	data := t.TempDir()
	cfg := Config{Date: date, Offline: true, DataDir: data, File: File{Sources: map[string]sources.Override{"curated": {URL: dir}}}}
	objects := func() (kept, temps []string) {
		filepath.WalkDir(filepath.Join(data, "objects"), func(path string, d os.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() {
				if strings.HasPrefix(d.Name(), ".tmp-") {
					temps = append(temps, d.Name())
				} else {
					kept = append(kept, d.Name())
				}
			}
			return nil
		})
		return kept, temps
	}
	if _, err := Assemble(context.Background(), cfg); !errors.Is(err, validate.ErrBlocked) {
		t.Fatalf("got %v, want a blocked build", err)
	}
	if kept, temps := objects(); len(kept)+len(temps) > 0 {
		t.Errorf("a blocked build kept %v and left temporary files %v", kept, temps)
	}
	os.WriteFile(p, good, 0o644)
	b, err := Assemble(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	kept, temps := objects()
	var want []string
	for _, in := range b.Inputs {
		want = append(want, in.SHA256)
	}
	slices.Sort(kept)
	slices.Sort(want)
	if len(temps) > 0 || len(want) == 0 || !slices.Equal(kept, slices.Compact(want)) {
		t.Errorf("kept %v (temporary files %v), want the documents read %v", kept, temps, want)
	}
}

func TestGather(t *testing.T) {
	dir := synthetic(t)
	for _, tc := range []struct {
		url, base string
		docs      int
		fail      string
	}{
		{url: "embed:", docs: 5}, // the curated sheets: revenue, contract_rates, worker_counts, sources, fx_rates
		{url: dir, docs: 4},
		{url: "file://" + dir, docs: 4},
		{url: "file://" + filepath.Join(dir, "revenue.csv"), docs: 1},
		{url: filepath.Base(dir), base: filepath.Dir(dir), docs: 4},
		{url: "ftp://example.org/x", fail: "unsupported URL scheme"},
		{url: filepath.Join(dir, "missing"), fail: "no such file"},
	} {
		src := sources.Entry{ID: "curated", Kind: "curated", URL: tc.url, Retrieved: "2026-01-02"}
		r, err := sources.Open(src)
		if err != nil {
			t.Fatal(err)
		}
		docs, err := gather(context.Background(), src, r, tc.base)
		switch {
		case tc.fail != "":
			if err == nil || !strings.Contains(err.Error(), tc.fail) {
				t.Errorf("%s: got %v, want %q", tc.url, err, tc.fail)
			}
		case err != nil || len(docs) != tc.docs:
			t.Errorf("%s: %d docs, err %v", tc.url, len(docs), err)
		}
	}
}

func TestReleaseDate(t *testing.T) {
	now := time.Date(2026, 11, 26, 17, 0, 0, 5, time.FixedZone("X", 3600))
	for _, tc := range []struct {
		in, want string
		fail     bool
	}{
		{"", "2026-11-26T16:00:00Z", false},
		{"1767225600", "2026-01-01T00:00:00Z", false},
		{"12abc", "", true},
		{"-5", "", true},
	} {
		got, err := ReleaseDate(tc.in, now)
		if (err != nil) != tc.fail || (!tc.fail && got.Format(time.RFC3339) != tc.want) {
			t.Errorf("%q: %v %v", tc.in, got, err)
		}
	}
}

func TestLocated(t *testing.T) {
	le := &datasets.LocatedError{At: schemas.Origin{File: "a", Row: 2}, Err: errors.New("x")}
	if les, ok := located(errors.Join(le, le)); !ok || len(les) != 2 {
		t.Errorf("joined located errors: %v %v", les, ok)
	}
	if _, ok := located(errors.Join(le, errors.New("disk on fire"))); ok {
		t.Error("an I/O error must end the run, not become a finding")
	}
	if _, ok := located(context.Canceled); ok {
		t.Error("cancellation is not a finding")
	}
}

func TestLoadFileStrict(t *testing.T) {
	p := filepath.Join(t.TempDir(), "c.yaml")
	os.WriteFile(p, []byte("out: x\nsourcez: {}\n"), 0o644)
	if _, err := LoadFile(p); err == nil || !strings.Contains(err.Error(), "field sourcez not found") {
		t.Errorf("got %v", err)
	}
	os.WriteFile(p, []byte("out: x\nsources:\n  curated:\n    url: ./s/\n"), 0o644)
	f, err := LoadFile(p)
	if err != nil || f.Out != "x" || f.Sources["curated"].URL != "./s/" {
		t.Errorf("got %+v %v", f, err)
	}
}
