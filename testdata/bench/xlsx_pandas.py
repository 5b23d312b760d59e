#!/usr/bin/python3
"""Time pandas.read_excel(engine="openpyxl") on a workbook.

Usage: /usr/bin/python3 testdata/bench/xlsx_pandas.py FILE [REPEATS]
Prints two numbers: the best wall-clock seconds of REPEATS reads, and the
least CPU seconds (user and system) of a read. Run by
`go run ./testdata/bench/xlsxbench`, which writes the synthetic workbook,
times the Go extractor on it and prints the ratios.
"""
import sys
import time

import pandas as pd


def main():
    path = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    best = None
    for _ in range(repeats):
        start, cpu0 = time.perf_counter(), time.process_time()
        df = pd.read_excel(path, engine="openpyxl", header=None)
        took, cpu = time.perf_counter() - start, time.process_time() - cpu0
        print(f"pandas run: {took:.3f}s wall, {cpu:.3f}s CPU", file=sys.stderr)
        best = (took, cpu) if best is None else (min(best[0], took), min(best[1], cpu))
    print(f"{best[0]:.3f} {best[1]:.3f}")
    print(f"pandas read {df.shape[0]} rows x {df.shape[1]} columns", file=sys.stderr)


if __name__ == "__main__":
    main()
