package pipeline

import (
	"context"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/cubaexports/cubaexports/pipeline/citations"
	"github.com/cubaexports/cubaexports/pipeline/derived"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/pipeline/validate"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// BenchmarkBuildEmbedded measures a whole build of the embedded curated
// data: gather, extract, stamp, normalize, derive, validate (no release).
func BenchmarkBuildEmbedded(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Assemble(context.Background(), Config{Date: date, Offline: true, DataDir: b.TempDir()}); err != nil {
			b.Fatal(err)
		}
	}
}

// synthetic1M is a synthetic table of 1,000,000 contract rates (not real
// figures: generated for benchmarks) in EUR and USD, over 40 hosts, 8
// professions, 20 years and 4 measures, with 800 worker counts and the
// EUR rates they need.
func synthetic1M() datasets.Rows {
	hosts := []string{"AGO", "ARG", "BOL", "BRA", "CHL", "COL", "CRI", "DOM", "DZA", "ECU",
		"ESP", "GTM", "HND", "HTI", "ITA", "JAM", "KEN", "MEX", "MOZ", "NAM",
		"NIC", "PAN", "PER", "PRY", "QAT", "SAU", "SLV", "TTO", "URY", "VEN",
		"ZAF", "CPV", "GNQ", "GNB", "LSO", "TZA", "BLZ", "SUR", "GUY", "KWT"}
	profs := []string{"doctor", "nurse", "teacher", "health_technician", "general_practitioner", "specialist_doctor", "health_worker", "all_professions"}
	measures := []string{"host_pays", "worker_receives", "worker_share", "state_share"}
	pers := []string{"month", "year", "hour", "contract"}
	var rows datasets.Rows
	const n = 1_000_000
	rates := make([]schemas.ContractRate, n)
	for i := range rates {
		amount, workers := float64(100+i%5000), int64(1+i%3)
		cur := "EUR"
		if i%2 == 0 {
			cur = "USD"
		}
		year := 2005 + i/320%20
		per, basis := pers[i/25600%len(pers)], "whole_contract"
		agg := schemas.PerAggregation[per]
		if workers == 1 {
			basis = "per_worker"
		}
		rates[i] = schemas.ContractRate{ObsID: fmt.Sprintf("synthetic_rate_%07d", i), HostCountry: hosts[i%len(hosts)],
			Profession: profs[i/40%len(profs)], Year: int64(year), PeriodStart: fmt.Sprint(year), PeriodEnd: fmt.Sprintf("%d-%02d", year, 1+i%12),
			Aggregation: agg, Component: "total", Basis: basis, Measure: measures[i/6400%len(measures)],
			Amount: &amount, Currency: cur, Per: per, Workers: &workers, Qualifier: "exact",
			ObservationType: "estimate", Status: "reported",
			Provenance: schemas.Provenance{SourceID: fmt.Sprintf("synthetic_src_%d", i%50), Extractor: "curated@1"}}
	}
	rows.ContractRates = datasets.Of(rates...)
	var counts []schemas.WorkerCount
	for h, host := range hosts {
		for y := int64(2005); y < 2025; y++ {
			c := int64(1000 + h)
			counts = append(counts, schemas.WorkerCount{ObsID: fmt.Sprintf("synthetic_count_%s_%d", host, y), HostCountry: host,
				Year: y, PeriodStart: fmt.Sprint(y), PeriodEnd: fmt.Sprint(y), Aggregation: "stock", Sector: "health", Role: "doctors", CountKind: "stock", Count: &c, Qualifier: "exact",
				ObservationType: "estimate", Status: "reported"})
		}
	}
	rows.WorkerCounts = datasets.Of(counts...)
	for y := int64(2005); y < 2025; y++ {
		rows.FXRates = append(rows.FXRates, schemas.FXRate{Currency: "EUR", Year: y, RatePerUSD: 0.9, SourceID: "worldbank_fx"})
	}
	return rows
}

// BenchmarkComparable1M measures the derivation of comparable figures
// (rates, US$ per worker-month, preferred rows, host estimates) over a
// million contract rates.
func BenchmarkComparable1M(b *testing.B) {
	rows := synthetic1M()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		derived.Apply(&rows, 0)
	}
}

// BenchmarkNormalize1M measures normalizing the codes of a million
// contract rates.
func BenchmarkNormalize1M(b *testing.B) {
	rows := synthetic1M()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rep := &validate.Report{}
		normalizeRows(&rows, rep)
		if len(rep.Errors()) != 0 {
			b.Fatal(rep.Errors()[0])
		}
	}
}

// BenchmarkStamp1M measures stamping provenance on a million contract
// rates.
func BenchmarkStamp1M(b *testing.B) {
	rows := synthetic1M()
	snap := snapshot.Snapshot{SHA256: "synthetic", RetrievedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	k, _ := sources.Lookup("curated")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		stampProvenance(&rows, sources.Entry{ID: "synthetic", Kind: "curated"}, snap, k)
	}
}

// BenchmarkCitationSearch1M measures the citation check over a million
// curated contract rates whose documents are not stored: the pass that
// finds and counts their figures per source_id.
func BenchmarkCitationSearch1M(b *testing.B) {
	rows := synthetic1M()
	k, _ := sources.Lookup("curated")
	cites := citing(map[string]*sources.Kind{k.ExtractorName(): k})
	none := func(context.Context, string) ([]snapshot.Document, error) { return nil, nil }
	log := slog.New(slog.DiscardHandler)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rep, err := citations.Search(context.Background(), rows, cites, none, log)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for _, c := range rep.NoSnapshot {
			n += c
		}
		if n != rows.ContractRates.Len() {
			b.Fatalf("%d figures", n)
		}
	}
}

// BenchmarkDocChecks1M measures setting doc_check on a million curated
// contract rates whose documents are not archived (issue 17): one
// EditProvenance pass.
func BenchmarkDocChecks1M(b *testing.B) {
	rows := synthetic1M()
	k, _ := sources.Lookup("curated")
	cites := citing(map[string]*sources.Kind{k.ExtractorName(): k})
	stampProvenance(&rows, sources.Entry{ID: "synthetic", Kind: "curated"}, snapshot.Snapshot{SHA256: "synthetic"}, k)
	bl := &builder{Built: Built{Rows: rows}}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		bl.stampDocChecks(cites)
	}
	if r := bl.Rows.ContractRates.At(0); r.DocCheck != docNotArchived {
		b.Fatalf("doc_check %q", r.DocCheck)
	}
}
