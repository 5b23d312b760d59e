package schemas

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

func TestEscapeCell(t *testing.T) {
	for _, tc := range []struct{ in, out string }{
		{"", ""},
		{"plain", "plain"},
		{"=1+1", "'=1+1"},
		{"+34", "'+34"},
		{"-5 pesos", "'-5 pesos"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"'quoted'", "'quoted'"},
		{"'=x", "''=x"},
		{"''-x", "'''-x"},
		{"'", "'"},
		{"a=b", "a=b"},
	} {
		if got := EscapeCell(tc.in); got != tc.out {
			t.Errorf("EscapeCell(%q) = %q, want %q", tc.in, got, tc.out)
		}
		if got := UnescapeCell(tc.out); got != tc.in {
			t.Errorf("UnescapeCell(%q) = %q, want %q", tc.out, got, tc.in)
		}
	}
}

// Text that a spreadsheet would evaluate is escaped in the file and comes
// back as it was; numbers, including negative ones, are untouched.
func TestCSVFormulaSafety(t *testing.T) {
	tb, _ := ByName(RevenueName)
	rows := sampleRevenue()
	rows[0].Note = `=HYPERLINK("http://evil.example","click")`
	rows[1].Note = "-5 pesos"
	rows[2].Locator = "@A1"
	rows[2].ValueLow = f64(-6e9)
	orig := append([]Revenue(nil), rows...)
	var buf bytes.Buffer
	if err := WriteCSV(&buf, tb, rows); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rows, orig) {
		t.Error("WriteCSV changed the caller's rows")
	}
	file := buf.String()
	for _, want := range []string{`"'=HYPERLINK(""http://evil.example"",""click"")"`, ",'-5 pesos,", ",'@A1,", ",-6000000000,"} {
		if !strings.Contains(file, want) {
			t.Errorf("the CSV does not contain %s:\n%s", want, file)
		}
	}
	back, err := ReadCSV[Revenue](&buf, tb)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, orig) {
		t.Errorf("round trip:\n got %+v\nwant %+v", back, orig)
	}
}

func FuzzEscapeCell(f *testing.F) {
	for _, s := range []string{"=1", "'=1", "''", "-", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e := EscapeCell(s)
		if UnescapeCell(e) != s {
			t.Errorf("%q -> %q -> %q", s, e, UnescapeCell(e))
		}
		if e != "" && isTrigger(e[0]) {
			t.Errorf("%q escapes to %q, which a spreadsheet evaluates", s, e)
		}
	})
}

// A table longer than one write chunk is written whole: one header, every
// row once and in order, escaped cells escaped in every chunk, and the
// caller's rows untouched.
func TestWriteCSVChunks(t *testing.T) {
	tb, _ := ByName(RevenueName)
	base := sampleRevenue()[0]
	rows := make([]Revenue, 4096*2+5)
	for i := range rows {
		rows[i] = base
		rows[i].Locator = "row " + strings.Repeat("x", i%3) + string(rune('a'+i%26))
		if i%1000 == 999 {
			rows[i].Note = "=cell"
		}
	}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, tb, rows); err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(buf.Bytes(), []byte("obs_id,")); n != 1 {
		t.Errorf("%d header lines", n)
	}
	if n := strings.Count(buf.String(), "'=cell"); n != 8 {
		t.Errorf("%d escaped cells, want 8", n)
	}
	if rows[999].Note != "=cell" {
		t.Error("the caller's row was changed")
	}
	back, err := ReadCSV[Revenue](&buf, tb)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, rows) {
		t.Error("rows read back differ")
	}
}
