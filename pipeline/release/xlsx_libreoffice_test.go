package release

import (
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cubaexports/cubaexports/schemas"
)

// libreOfficeCSV is LibreOffice's CSV export filter: comma, double quote,
// UTF-8, from line 1, values rather than as shown, every sheet (-1) into
// its own file named <base>-<sheet>.csv.
const libreOfficeCSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"

// The workbook opens in LibreOffice with the values of the CSV files,
// cell by cell. Skipped only when soffice is not installed outside CI
// (.ci/run installs it and sets CI, and then it must run).
func TestWorkbookInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("soffice (LibreOffice) is not installed, and CI is set: .ci/run installs libreoffice-calc-nogui")
		}
		t.Skip("soffice (LibreOffice) is not installed (set CI to make this a failure)")
	}
	out := t.TempDir()
	mustBuild(t, out, hostileInput())
	dir := filepath.Join(releasesDir(out), "v1.0.0")
	conv := t.TempDir()
	cmd := exec.Command(soffice, "--headless", "--convert-to", libreOfficeCSV, "--outdir", conv,
		filepath.Join(dir, "cubaexports-v1.0.0.xlsx"))
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir()) // a private LibreOffice profile
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	for _, tb := range schemas.All() {
		want := readCSVFile(t, filepath.Join(dir, "data", tb.Name+".csv"))
		got := readCSVFile(t, filepath.Join(conv, "cubaexports-v1.0.0-"+tb.Name+".csv"))
		if len(got) != len(want) {
			t.Errorf("%s: LibreOffice reads %d rows, the CSV has %d", tb.Name, len(got), len(want))
			continue
		}
		for r := range want {
			for i, c := range tb.Columns {
				g, w := cellAt(got[r], i), cellAt(want[r], i)
				if r > 0 && !sameCell(c.Type, g, w) {
					t.Errorf("%s row %d column %s: LibreOffice reads %q, the CSV has %q", tb.Name, r+1, c.Name, g, w)
				}
			}
		}
	}
}

func readCSVFile(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1 // LibreOffice drops trailing empty cells
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

func cellAt(rec []string, i int) string {
	if i < len(rec) {
		return rec[i]
	}
	return ""
}

// sameCell compares a cell as LibreOffice exports it with the CSV cell of
// a column of type typ: numbers numerically, booleans and times by value,
// text after removing the CSV's formula escape.
func sameCell(typ schemas.Type, got, csvCell string) bool {
	if got == "" || csvCell == "" {
		return got == csvCell
	}
	switch typ {
	case schemas.Integer, schemas.Number:
		g, err1 := strconv.ParseFloat(got, 64)
		w, err2 := strconv.ParseFloat(csvCell, 64)
		return err1 == nil && err2 == nil && (g == w || abs(g-w) <= 1e-9*abs(w))
	case schemas.Boolean:
		return strings.EqualFold(got, csvCell)
	case schemas.Timestamp:
		g, err1 := time.Parse(time.DateTime, got)
		w, err2 := time.Parse(time.RFC3339, csvCell)
		return err1 == nil && err2 == nil && g.Equal(w)
	}
	return got == schemas.UnescapeCell(csvCell)
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
