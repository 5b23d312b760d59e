package zenodo

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

// An error answer that echoes the token (a misbehaving proxy, say) does
// not carry it into the error.
func TestErrorRedactsToken(t *testing.T) {
	const token = "tok-123456789"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		w.Write([]byte(`{"message": "bad header ` + r.Header.Get("Authorization") + `", "errors": [{"field": "metadata.title", "message": "required"}]}`))
	}))
	defer srv.Close()
	c := &client{api: srv.URL + "/api", token: token, hc: srv.Client(), log: slog.New(slog.DiscardHandler), retries: 3,
		wait: func(context.Context, time.Duration) error { t.Error("a 400 was retried"); return nil }}
	err := c.do(context.Background(), "GET", "/deposit/depositions/1", nil, true, nil)
	if err == nil || strings.Contains(err.Error(), token) || !strings.Contains(err.Error(), "Bearer [token]") ||
		!strings.Contains(err.Error(), "metadata.title: required") || !strings.Contains(err.Error(), "GET /api/deposit/depositions/1: 400") {
		t.Fatalf("error: %v", err)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		h    string
		want time.Duration
	}{
		{"", 0}, {"7", 7 * time.Second}, {" 0 ", 0}, {"-3", 0}, {"soon", 0},
		{"Sat, 05 Dec 2026 12:00:30 GMT", 30 * time.Second},
		{"Sat, 05 Dec 2026 11:00:00 GMT", 0},
	} {
		if got := retryAfter(tc.h, now); got != tc.want {
			t.Errorf("retryAfter(%q) = %v, want %v", tc.h, got, tc.want)
		}
	}
}

// Retry-After never makes a negative wait, and a number of seconds is
// that many seconds.
func FuzzRetryAfter(f *testing.F) {
	for _, s := range []string{"", "7", "120", "Sat, 05 Dec 2026 12:00:30 GMT", "-1", "1e3", "99999999999999999999"} {
		f.Add(s)
	}
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, h string) {
		d := retryAfter(h, now)
		if d < 0 {
			t.Fatalf("retryAfter(%q) = %v", h, d)
		}
		if n, err := strconv.Atoi(strings.TrimSpace(h)); err == nil && n >= 0 && d != time.Duration(n)*time.Second {
			t.Fatalf("retryAfter(%q) = %v, want %ds", h, d, n)
		}
	})
}
