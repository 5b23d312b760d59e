package fetch

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestProgressLine(t *testing.T) {
	tests := []struct {
		total, n int64
		want     string
	}{
		{2 << 20, 1 << 20, "src/a.xlsx [##########          ]  50% 1.0/2.0 MB"},
		{2 << 20, 2 << 20, "src/a.xlsx [####################] 100% 2.0/2.0 MB"},
		{-1, 3 << 20, "src/a.xlsx 3.0 MB"},
	}
	for _, tt := range tests {
		p := progress{label: "src/a.xlsx", total: tt.total, n: tt.n}
		if got := p.line(); got != tt.want {
			t.Errorf("line() = %q, want %q", got, tt.want)
		}
	}
}

func TestProgressOnlyOnTerminal(t *testing.T) {
	big := strings.Repeat("x", 3<<20)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "3145728")
		w.Write([]byte(big))
	}))
	defer srv.Close()
	for _, tty := range []bool{false, true} {
		var out bytes.Buffer
		f, _, _ := testFetcher(t, Options{Progress: &out})
		f.tty = tty // a bytes.Buffer is no terminal; pretend
		if _, _, err := f.Get(context.Background(), Request{SourceID: "src", Name: "big.txt", URL: srv.URL, Format: "text"}); err != nil {
			t.Fatal(err)
		}
		if got := out.String(); tty != strings.Contains(got, "100% 3.0/3.0 MB\x1b[K\n") || !tty && got != "" {
			t.Errorf("tty=%v: progress %q", tty, got)
		}
	}
	if isTerminal(&bytes.Buffer{}) {
		t.Error("a buffer is a terminal")
	}
}
