package xlsxtable

import (
	"bytes"
	"context"
	"runtime/debug"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// twoSheets is a workbook whose table is on its second sheet, with merged
// ranges on both sheets.
func twoSheets(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Notas"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.NewSheet("Tabla"); err != nil {
		t.Fatal(err)
	}
	for _, m := range []struct{ sheet, from, to string }{
		{"Notas", "A1", "C1"}, {"Tabla", "A4", "A5"}, {"Tabla", "B4", "F4"},
	} {
		if err := f.MergeCell(m.sheet, m.from, m.to); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The merge list scanned while excelize opens the workbook is the sheet's
// (by name and by index), and a scan of another sheet is not used.
func TestPrefetchedMerges(t *testing.T) {
	book := twoSheets(t)
	want := map[string][]string{"Notas": {"A1:C1"}, "Tabla": {"A4:A5", "B4:F4"}}
	for _, tc := range []struct {
		name      string
		edition   Edition
		ask       string // the sheet whose merges are read
		prefetchd bool
	}{
		{"by name", Edition{Sheet: "Tabla"}, "Tabla", true},
		{"by index", Edition{SheetIndex: 2}, "Tabla", true},
		{"first by index", Edition{SheetIndex: 1}, "Notas", true},
		{"another sheet", Edition{SheetIndex: 1}, "Tabla", false},
		{"no such sheet", Edition{SheetIndex: 3}, "Tabla", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, err := openWorkbook("two.xlsx", bytes.NewReader(book), limits{}, &plan{Edition: tc.edition})
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			part, err := w.sheetPart(tc.ask)
			if err != nil {
				t.Fatal(err)
			}
			if tc.edition.SheetIndex > 0 && tc.edition.SheetIndex <= 2 {
				name := w.f.GetSheetList()[tc.edition.SheetIndex-1]
				if p, _ := w.sheetPartOf("", tc.edition.SheetIndex); p != mustPart(t, w, name) {
					t.Errorf("sheet_index %d is part %s, excelize's sheet %q is %s", tc.edition.SheetIndex, p, name, mustPart(t, w, name))
				}
			}
			_, used, _ := w.pre.result(part)
			if used != tc.prefetchd {
				t.Errorf("prefetched scan used: %v, want %v", used, tc.prefetchd)
			}
			got, err := w.merges(part)
			if err != nil {
				t.Fatal(err)
			}
			slices.Sort(got)
			if !slices.Equal(got, want[tc.ask]) {
				t.Errorf("merges of %s = %q, want %q", tc.ask, got, want[tc.ask])
			}
		})
	}
}

func mustPart(t *testing.T, w *workbook, sheet string) string {
	t.Helper()
	p, err := w.sheetPart(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// A stopped scan is not mistaken for an empty merge list.
func TestStoppedPrefetch(t *testing.T) {
	w, err := openWorkbook("two.xlsx", bytes.NewReader(twoSheets(t)), limits{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	part := mustPart(t, w, "Tabla")
	pf := &prefetch{part: part, err: errStopped, done: make(chan struct{}), quit: make(chan struct{})}
	close(pf.done)
	w.pre = pf
	got, err := w.merges(part)
	if err != nil || len(got) != 2 {
		t.Fatalf("merges after a stopped scan: %q, %v", got, err)
	}
	// A running scan stops when asked.
	quit := make(chan struct{})
	close(quit)
	if _, err := scanMerges(stoppable{bytes.NewReader(make([]byte, 1<<20)), quit}); err != errStopped {
		t.Errorf("stopped scan: %v", err)
	}
}

func TestGCPercentFor(t *testing.T) {
	for _, tc := range []struct {
		live uint64
		want int
	}{
		{0, gcMaxPercent},
		{1 << 20, gcMaxPercent},
		{8 << 20, 600},
		{24 << 20, 200},
		{48 << 20, 100},
		{1 << 30, 100},
	} {
		if got := gcPercentFor(tc.live); got != tc.want {
			t.Errorf("gcPercentFor(%d) = %d, want %d", tc.live, got, tc.want)
		}
	}
}

// The collector's percent is raised while large sheets stream and put
// back when the last one ends; GOGC=off is left alone.
func TestStreamGCRaise(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	g := gcTuner{live: func() uint64 { return 12 << 20 }}
	r1 := g.raise()
	raised := gcPercent()
	if raised != 400 {
		t.Fatalf("raised percent %d, want 400 for a live heap of 12 MB", raised)
	}
	r2 := g.raise()
	r1()
	r1() // twice is once
	if got := gcPercent(); got != raised {
		t.Errorf("percent %d while one extraction still streams, want %d", got, raised)
	}
	r2()
	if got := gcPercent(); got != 100 {
		t.Errorf("percent %d after both, want 100", got)
	}

	debug.SetGCPercent(-1)
	r := g.raise()
	if got := gcPercent(); got != -1 {
		t.Errorf("GOGC=off became %d", got)
	}
	r()
	if got := gcPercent(); got != -1 {
		t.Errorf("GOGC=off restored as %d", got)
	}

	debug.SetGCPercent(5000)
	g.raise()()
	if got := gcPercent(); got != 5000 {
		t.Errorf("a higher percent became %d", got)
	}

	debug.SetGCPercent(100)
	g.live = func() uint64 { return 1 << 30 } // a large live heap: percent kept
	r = g.raise()
	if got := gcPercent(); got != 100 {
		t.Errorf("percent %d with a 1 GB live heap, want 100", got)
	}
	r()
}

// Extracting a sheet above the spill size raises the percent only while
// it streams: afterwards the percent in force before is back.
func TestExtractRestoresGCPercent(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	x := mustOpen(t, catalogSource(t, "synthetic_workers"))
	x.limits = limits{doc: MaxDocumentBytes, unzip: UnzipSizeLimit, xml: 1 << 10}
	rows, err := x.Extract(context.Background(),
		snapshot.Snapshot{Name: "synthetic_workers.xlsx"}, bytes.NewReader(readFixture(t, "synthetic_workers.xlsx")))
	if err != nil || rows.WorkerCounts.Len() == 0 {
		t.Fatalf("%d rows, %v", rows.WorkerCounts.Len(), err)
	}
	if got := gcPercent(); got != 100 {
		t.Errorf("percent %d after the extraction, want 100", got)
	}
	if streamGC.active != 0 {
		t.Errorf("%d extractions still counted", streamGC.active)
	}
}
