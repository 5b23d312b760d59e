// Command scale is the scale benchmark of issue 7 (item 9): a synthetic
// curated input of -rows contract_rates rows through the real path,
// curated extraction, normalization, derivation and validate.Check
// (pipeline.Assemble), then the release writers for CSV and Parquet
// (release.WriteData, the code release.Write runs), and with -xlsx the
// release workbook (release.WriteWorkbook), timed on its own.
//
//	go build -o /tmp/scale ./testdata/bench/scale
//	/tmp/scale -gen /tmp/scale-in -rows 1000000        # only write the input
//	/usr/bin/time -v /tmp/scale -in /tmp/scale-in       # CSV + Parquet: wall time, rows/s; peak RSS from time -v
//	/usr/bin/time -v /tmp/scale -in /tmp/scale-in -xlsx # the workbook alone
//	/usr/bin/time -v /tmp/scale -in /tmp/scale-in -release # a whole release (release.Write)
//
// `make bench-scale` runs these and DuckDB (../duckdb_parquet.mjs) on the
// same CSV. Every value of the input is SYNTHETIC: made-up rates citing a
// made-up source, for timing only.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"time"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/pipeline"
	"github.com/cubaexports/cubaexports/pipeline/release"
	"github.com/cubaexports/cubaexports/sources"
	_ "github.com/cubaexports/cubaexports/sources/kinds" // every source kind of the catalog
)

func main() {
	rows := flag.Int("rows", 1_000_000, "contract_rates rows of the synthetic input (with -gen)")
	gen := flag.String("gen", "", "only write the synthetic curated directory here")
	in := flag.String("in", "", "the synthetic curated directory (written by -gen)")
	xlsx := flag.Bool("xlsx", false, "write the release workbook instead of the CSV and Parquet files")
	whole := flag.Bool("release", false, "build a whole release (every file, the changelog, verification) instead")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the run here")
	memprofile := flag.String("memprofile", "", "write a heap profile (after the writers) here")
	flag.Parse()
	setGC() // as the cubaexports command does
	var err error
	switch {
	case *gen != "":
		err = generate(*gen, *rows)
	case *in != "":
		err = run(*in, *xlsx, *whole, *cpuprofile, *memprofile)
	default:
		err = fmt.Errorf("-gen DIR or -in DIR")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "scale:", err)
		os.Exit(1)
	}
}

const header = "host_country,profession,profession_label,subgroup,year,period_start,period_end,aggregation,measure,component,basis,amount,amount_low,amount_high,qualifier,currency,per,workers,payment_route,observation_type,status,note,source_id,locator\n"

// generate writes contract_rates.csv (n rows) and sources.csv. The rows
// vary country, profession, year, month, measure and amount so that every
// obs_id differs and the Parquet dictionaries are realistic.
func generate(dir string, n int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	const srcs = "source_id,title,publisher,publisher_type,url,language,published,cites,license\n" +
		"synthetic_bench,SYNTHETIC benchmark source (not real data),Synthetic Press,press,https://example.org/synthetic/bench,en,2020-01-15,,\n"
	if err := os.WriteFile(filepath.Join(dir, "sources.csv"), []byte(srcs), 0o644); err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(dir, "contract_rates.csv"))
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString(header)
	countries := []string{"BRA", "VEN", "AGO", "QAT", "MEX", "ITA", "ZAF", "DZA", "BOL", "NAM"}
	professions := []string{"doctor", "nurse", "specialist_doctor", "health_worker", "teacher"}
	measures := []string{"host_pays", "worker_receives"}
	routes := []string{"direct_to_state", "intermediary"}
	for i := range n {
		year, workers, basis := 1990+i%35, 1+i%200, "whole_contract"
		if workers == 1 {
			basis = "per_worker"
		}
		fmt.Fprintf(w, "%s,%s,,,%d,%d-%02d,%d-%02d,rate,%s,total,%s,%d,,,exact,USD,month,%d,%s,official_document,reported,SYNTHETIC benchmark rate; not real data.,synthetic_bench,row %d\n",
			countries[i%len(countries)], professions[(i/10)%len(professions)], year, year, 1+i%12, year, 1+i%12,
			measures[(i/50)%len(measures)], basis, 500+(i*37)%9500, workers, routes[(i/7)%len(routes)], i+1)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func run(in string, xlsx, whole bool, cpuprofile, memprofile string) error {
	ctx := context.Background()
	abs, err := filepath.Abs(in)
	if err != nil {
		return err
	}
	if cpuprofile != "" {
		pf, err := os.Create(cpuprofile)
		if err != nil {
			return err
		}
		defer pf.Close()
		pprof.StartCPUProfile(pf)
		defer pprof.StopCPUProfile()
	}
	date := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	data, err := os.MkdirTemp("", "scale-data-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(data)
	cfg := pipeline.Config{
		File: pipeline.File{Dir: abs, Sources: map[string]sources.Override{
			"curated": {URL: abs + "/", Retrieved: "2026-01-02"},
		}},
		Offline: true,
		Date:    date,
		DataDir: data,
		Log:     slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	start := time.Now()
	b, err := pipeline.Assemble(ctx, cfg)
	if err != nil {
		return err
	}
	built := time.Since(start)
	n := b.Rows.ContractRates.Len()
	rin := release.Input{Rows: b.Rows, Meta: datasets.Default(), Inputs: b.Inputs, ConfigSHA256: b.Config, Date: date}
	out, err := os.MkdirTemp("", "scale-out-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(out)
	w0 := time.Now()
	what := "CSV + Parquet"
	if xlsx {
		what = "XLSX workbook"
		f, err := os.Create(filepath.Join(out, "cubaexports-v1.0.0.xlsx"))
		if err != nil {
			return err
		}
		bw := bufio.NewWriterSize(f, 256<<10)
		err = release.WriteWorkbook(ctx, bw, rin, "v1.0.0")
		if err == nil {
			err = bw.Flush()
		}
		if err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	} else if whole {
		what = "whole release"
		if _, err := release.Write(ctx, out, rin); err != nil {
			return err
		}
	} else if err := release.WriteData(ctx, out, rin); err != nil {
		return err
	}
	wrote := time.Since(w0)
	total := time.Since(start)
	if memprofile != "" {
		runtime.GC()
		pf, err := os.Create(memprofile)
		if err != nil {
			return err
		}
		pprof.WriteHeapProfile(pf)
		pf.Close()
	}
	var size int64
	filepath.Walk(out, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			size += fi.Size()
		}
		return nil
	})
	fmt.Printf("go %s: %d contract_rates rows; build+validate %.2fs, write %.2fs, total %.2fs, %.0f rows/s; %.1f MB written; findings %d errors %d warnings\n",
		what, n, built.Seconds(), wrote.Seconds(), total.Seconds(), float64(n)/total.Seconds(), float64(size)/1e6,
		len(b.Report.Errors()), len(b.Report.Warnings()))
	return nil
}

// gcPercent is the collector's target of the cubaexports command
// (cmd/cubaexports/gc.go), which this benchmark times: the same policy,
// and GOGC in the environment wins here too.
const gcPercent = 50

// setGC sets the collector's target to gcPercent unless GOGC is set.
func setGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
}
