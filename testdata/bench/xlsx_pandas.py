#!/usr/bin/python3
"""Time pandas.read_excel(engine="openpyxl") on a workbook; print seconds.

Usage: /usr/bin/python3 testdata/bench/xlsx_pandas.py FILE [REPEATS]
Run by `go run ./testdata/bench/xlsxbench`, which writes the synthetic
workbook, times the Go extractor on it and prints the ratio.
"""
import sys
import time

import pandas as pd


def main():
    path = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    best = None
    for _ in range(repeats):
        start = time.perf_counter()
        df = pd.read_excel(path, engine="openpyxl", header=None)
        took = time.perf_counter() - start
        best = took if best is None else min(best, took)
    print(f"{best:.3f}")
    print(f"pandas read {df.shape[0]} rows x {df.shape[1]} columns", file=sys.stderr)


if __name__ == "__main__":
    main()
