package schemas

import (
	"bytes"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v15/arrow/memory"
)

func TestAppendRounded(t *testing.T) {
	for _, c := range []struct {
		v    float64
		d    int
		want string
	}{
		{4973168221.928471, 0, "4973168222"},
		{8229.216289062495, 2, "8229.22"},
		{12.5, 2, "12.5"},
		{-1234.5, 0, "-1235"},
		{-0.001, 2, "0"},
		{0.125, 2, "0.13"},
		{1e21, 0, "1000000000000000000000"},
		{1166.75, 2, "1166.75"},
		{33.333333333333336, 2, "33.33"},
	} {
		if got := string(AppendRounded(nil, c.v, c.d)); got != c.want {
			t.Errorf("AppendRounded(%v, %d) = %s, want %s", c.v, c.d, got, c.want)
		}
	}
}

// Every precision entry names a derived number column of its table, so a
// renamed column cannot silently lose its rounding.
func TestPrecisionDeclared(t *testing.T) {
	for table, cols := range precision {
		tb, ok := ByName(table)
		if !ok {
			t.Errorf("precision: no table %s", table)
			continue
		}
		for name, d := range cols {
			c, ok := tb.Column(name)
			if !ok || c.Type != Number || c.Role != Derived || d < 0 {
				t.Errorf("precision: %s.%s (%d decimals) is not a derived number column: %+v", table, name, d, c)
			}
		}
	}
}

// The CSV rounds derived columns; the Arrow record (what Parquet stores)
// keeps the full value; input columns are never rounded.
func TestCSVRoundsDerived(t *testing.T) {
	tb, _ := ByName(ContractRatesName)
	rows := []ContractRate{{ObsID: "rate_a", Amount: f64(3500.123456), USDPerWorkerMonth: f64(8229.216289062495),
		USDPerWorkerMonthLow: f64(0.004)}}
	var b bytes.Buffer
	if err := WriteCSV(&b, tb, rows); err != nil {
		t.Fatal(err)
	}
	line := strings.Split(b.String(), "\n")[1]
	if !strings.Contains(line, ",3500.123456,") || !strings.Contains(line, ",8229.22,0,") {
		t.Errorf("CSV row %q: want amount 3500.123456 as given, usd_per_worker_month 8229.22, its low 0", line)
	}
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	rec, err := Record(mem, tb, rows)
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Release()
	back, err := Rows[ContractRate](tb, rec)
	if err != nil {
		t.Fatal(err)
	}
	if got := *back[0].USDPerWorkerMonth; got != 8229.216289062495 {
		t.Errorf("record holds %v, want the full value", got)
	}
}
