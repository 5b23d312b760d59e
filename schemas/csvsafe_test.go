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
