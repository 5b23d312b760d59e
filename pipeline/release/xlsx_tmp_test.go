package release

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/pipeline/release/cite"
)

// tmpWatcher is the workbook's destination; when the first bytes arrive
// (the sheets are streamed, excelize's File not yet closed) it records
// what the temporary directory holds.
type tmpWatcher struct {
	dir  string
	seen []string
	n    int64
}

func (w *tmpWatcher) Write(p []byte) (int, error) {
	if w.n == 0 {
		ents, _ := os.ReadDir(w.dir)
		for _, e := range ents {
			w.seen = append(w.seen, e.Name())
		}
	}
	w.n += int64(len(p))
	return len(p), nil
}

// The workbook writer spills a sheet larger than excelize's chunk
// (16 MiB) to temporary files in the directory it is given (a run's,
// under DATA/tmp, which the next run cleans if this one is killed: issue
// 22, item 7), never the system's, and removes them when done.
func TestWorkbookTempDir(t *testing.T) {
	rows := syntheticRows()
	base := rows.Revenue.At(0)
	long := strings.Repeat("synthetic long note ", 1500) // 30,000 bytes
	for i := range 600 {                                 // 18 MB of notes, past the 16 MiB chunk
		r := base
		r.Note = fmt.Sprintf("%d %s", i, long)
		rows.Revenue.Append(r)
	}
	tmp := t.TempDir()
	w := &tmpWatcher{dir: tmp}
	c := cite.Of(syntheticInput().Meta, "v1.0.0", releaseDate)
	if err := writeWorkbook(context.Background(), w, rows.Tables(), c, tmp); err != nil {
		t.Fatal(err)
	}
	if len(w.seen) == 0 || !strings.HasPrefix(w.seen[0], "excelize-") {
		t.Errorf("while the workbook was written, %s held %v, want excelize's spilled sheet", tmp, w.seen)
	}
	if ents, _ := os.ReadDir(tmp); len(ents) != 0 {
		t.Errorf("%s holds %d files after the workbook was written", tmp, len(ents))
	}
}
