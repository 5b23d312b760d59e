// Command xlsxbench compares the xlsxtable extractor with
// pandas.read_excel(engine="openpyxl") on the same synthetic workbook.
//
//	go run ./testdata/bench/xlsxbench                    # 200,000 rows x 10 columns, prints the ratio
//	go run ./testdata/bench/xlsxbench -rows 1000000 -write big.xlsx   # only write a workbook
//	/usr/bin/time -v xlsxbench -extract big.xlsx -rows 1000000        # only extract (peak RSS)
//	xlsxbench -extract big.xlsx -cpuprofile cpu.prof                  # profile the extraction
//	go run ./testdata/bench/xlsxbench -shared   # text as shared strings, as Excel saves it
//
// Run it from the repository root (the pandas script is found there).
// Each Go run prints its wall and CPU time (user and system, all threads)
// on stderr: on a machine shared with other work the CPU time is the
// steadier figure.
//
// The workbook is an ONEI-style table (title, units line, CONCEPTO header
// with nine year columns, "Partida 0000001" labels, made-up numbers n,5,
// Fuente footer); the layout map maps 99 rows and reads the rest as
// ignored rows, so every cell is read and parsed.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/cubaexports/cubaexports/sources"
	"github.com/cubaexports/cubaexports/sources/snapshot"
	_ "github.com/cubaexports/cubaexports/sources/xlsxtable"
	"github.com/cubaexports/cubaexports/sources/xlsxtable/benchbook"
)

func main() {
	rows := flag.Int("rows", 200_000, "body rows of the workbook")
	write := flag.String("write", "", "only write the workbook to this file")
	extractOnly := flag.String("extract", "", "only extract this workbook (written with the same -rows)")
	repeats := flag.Int("repeats", 3, "runs of each reader; the best is reported")
	python := flag.String("python", "/usr/bin/python3", "Python with pandas and openpyxl")
	shared := flag.Bool("shared", false, "write the text as shared strings (as Excel saves it) instead of excelize's streamed inline strings")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the Go runs to this file")
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "xlsxbench:", err)
			os.Exit(1)
		}
		defer f.Close()
		defer pprof.StopCPUProfile()
	}
	writeBook := benchbook.Write
	if *shared {
		writeBook = benchbook.WriteShared
	}
	if err := run(*rows, *write, *extractOnly, *repeats, *python, writeBook); err != nil {
		fmt.Fprintln(os.Stderr, "xlsxbench:", err)
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}

func run(rows int, write, extractOnly string, repeats int, python string, writeBook func(string, int, int) error) error {
	switch {
	case write != "":
		return writeBook(write, rows, 10)
	case extractOnly != "":
		for range repeats {
			took, cpu, err := extract(extractOnly, rows)
			if err != nil {
				return err
			}
			fmt.Printf("go extract: %.3fs wall, %.3fs CPU\n", took.Seconds(), cpu.Seconds())
		}
		return nil
	}
	dir, err := os.MkdirTemp("", "xlsxbench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "big.xlsx")
	if err := writeBook(path, rows, 10); err != nil {
		return err
	}
	script := filepath.Join(filepath.Dir(os.Args[0]), "..", "xlsx_pandas.py")
	if _, err := os.Stat(script); err != nil {
		script = "testdata/bench/xlsx_pandas.py"
	}
	// Go and pandas alternate, so both see the same load on a shared
	// machine; the best wall time of each is compared, and the least CPU
	// time of each.
	var best, bestCPU time.Duration
	var py, pyCPU float64
	for range repeats {
		took, cpu, err := extract(path, rows)
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "go xlsxtable run: %.3fs wall, %.3fs CPU\n", took.Seconds(), cpu.Seconds())
		if best == 0 || took < best {
			best = took
		}
		if bestCPU == 0 || cpu < bestCPU {
			bestCPU = cpu
		}
		cmd := exec.Command(python, script, path, "1")
		cmd.Stderr = os.Stderr
		out, err := cmd.Output()
		if err != nil {
			return fmt.Errorf("pandas: %w", err)
		}
		var w, c float64
		if _, err := fmt.Sscan(string(out), &w, &c); err != nil {
			return fmt.Errorf("pandas printed %q", out)
		}
		if py == 0 || w < py {
			py = w
		}
		if pyCPU == 0 || c < pyCPU {
			pyCPU = c
		}
	}
	fmt.Printf("workbook: %d rows x 10 columns (best of %d runs each, run alternately)\n", rows, repeats)
	fmt.Printf("go xlsxtable: %.3fs wall, %.3fs CPU\npandas openpyxl: %.3fs wall, %.3fs CPU\n",
		best.Seconds(), bestCPU.Seconds(), py, pyCPU)
	fmt.Printf("ratio: %.1fx wall, %.1fx CPU\n", py/best.Seconds(), pyCPU/bestCPU.Seconds())
	return nil
}

// extract times one extraction: wall clock, and the CPU time (user and
// system, all threads) the process spent meanwhile.
func extract(path string, rows int) (wall, cpu time.Duration, err error) {
	body, err := os.ReadFile(path)
	if err != nil {
		return 0, 0, err
	}
	src, err := benchbook.Source(rows + 1)
	if err != nil {
		return 0, 0, err
	}
	r, err := sources.Open(src)
	if err != nil {
		return 0, 0, err
	}
	runtime.GC()
	cpu0 := cpuTime()
	start := time.Now()
	got, err := r.Extractor.Extract(context.Background(), snapshot.Snapshot{Name: filepath.Base(path)}, bytes.NewReader(body))
	wall = time.Since(start)
	cpu = cpuTime() - cpu0
	if err == nil && got.Revenue.Len() != benchbook.MappedRows {
		err = fmt.Errorf("%d rows, want %d", got.Revenue.Len(), benchbook.MappedRows)
	}
	return wall, cpu, err
}

// cpuTime is the user and system time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
