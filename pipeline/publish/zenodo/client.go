package zenodo

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Target is a Zenodo instance: its name on the command line, its API and
// the DOI prefix it mints.
type Target struct {
	Name      string // "zenodo" or "zenodo-sandbox"; also names the journal
	API       string // e.g. https://zenodo.org/api
	DOIPrefix string // 10.5281 (Zenodo), 10.5072 (the sandbox, DataCite's test prefix)
}

// Targets are the Zenodo instances a release can be deposited on.
var Targets = []Target{
	{Name: "zenodo", API: "https://zenodo.org/api", DOIPrefix: "10.5281"},
	{Name: "zenodo-sandbox", API: "https://sandbox.zenodo.org/api", DOIPrefix: "10.5072"},
}

// TargetNamed returns the target called name.
func TargetNamed(name string) (Target, bool) {
	for _, t := range Targets {
		if t.Name == name {
			return t, true
		}
	}
	return Target{}, false
}

// APIError is an answer of Zenodo's API other than a success.
type APIError struct {
	Method, Path string
	Status       int
	Message      string // Zenodo's message and field errors, if any
}

func (e *APIError) Error() string {
	msg := fmt.Sprintf("zenodo: %s %s: %d %s", e.Method, e.Path, e.Status, http.StatusText(e.Status))
	if e.Message != "" {
		msg += ": " + e.Message
	}
	return msg
}

// client talks to one Zenodo API with a token. The token travels only in
// the Authorization header: never in a URL, a log line or an error.
type client struct {
	api, token string
	hc         *http.Client
	log        *slog.Logger
	retries    int
	// wait sleeps d or until ctx is done; tests replace it to see the
	// waits asked for without sleeping.
	wait func(ctx context.Context, d time.Duration) error
}

// maxWait bounds one wait before a retry, whatever Retry-After says.
const maxWait = 5 * time.Minute

// body is what a request sends: opened afresh for every attempt.
type body struct {
	open  func() (io.ReadCloser, error)
	size  int64
	ctype string
}

// jsonBody encodes v as a request body.
func jsonBody(v any) (*body, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return &body{open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil },
		size: int64(len(b)), ctype: "application/json"}, nil
}

// retryable says whether a request may be sent again after an answer
// with status (0: no answer). A 429 was refused before any work, so even
// a request that is not idempotent is sent again; otherwise only an
// idempotent one is, after a network error, 408 or 5xx.
func retryable(status int, idempotent bool) bool {
	switch {
	case status == http.StatusTooManyRequests:
		return true
	case !idempotent:
		return false
	}
	return status == 0 || status == http.StatusRequestTimeout || status >= 500
}

// do sends a request to target (a path under the API, or an absolute URL
// Zenodo gave, e.g. a bucket), retrying what can succeed later, and
// decodes a JSON answer into out (unless nil).
func (c *client) do(ctx context.Context, method, target string, in *body, idempotent bool, out any) error {
	u, err := c.url(target)
	if err != nil {
		return err
	}
	path := u.Path
	for attempt := 0; ; attempt++ {
		status, retryAfter, err := c.once(ctx, method, u.String(), path, in, out)
		if err == nil || ctx.Err() != nil || attempt >= c.retries || !retryable(status, idempotent) {
			return err
		}
		d := retryAfter
		if d <= 0 {
			d = time.Second << attempt
		}
		d = min(d, maxWait)
		c.log.Warn("zenodo: retrying", "method", method, "path", path, "status", status, "wait", d, "error", err)
		if werr := c.wait(ctx, d); werr != nil {
			return errors.Join(err, werr)
		}
	}
}

// url resolves target against the API; only http(s) URLs are used.
func (c *client) url(target string) (*url.URL, error) {
	if !strings.HasPrefix(target, "http://") && !strings.HasPrefix(target, "https://") {
		target = strings.TrimSuffix(c.api, "/") + target
	}
	u, err := url.Parse(target)
	if err != nil {
		return nil, fmt.Errorf("zenodo: %w", err)
	}
	return u, nil
}

// once sends one attempt and returns the status (0 without an answer)
// and the wait Retry-After asks for.
func (c *client) once(ctx context.Context, method, u, path string, in *body, out any) (int, time.Duration, error) {
	var rd io.Reader
	if in != nil {
		r, err := in.open()
		if err != nil {
			return 0, 0, err
		}
		defer r.Close()
		rd = r
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return 0, 0, fmt.Errorf("zenodo: %w", err)
	}
	if in != nil {
		req.ContentLength = in.size
		req.Header.Set("Content-Type", in.ctype)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := c.hc.Do(req)
	if err != nil {
		// A url.Error names the URL, which never holds the token.
		return 0, 0, fmt.Errorf("zenodo: %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return 0, 0, fmt.Errorf("zenodo: %s %s: reading the answer: %w", method, path, err)
	}
	if resp.StatusCode/100 != 2 {
		return resp.StatusCode, retryAfter(resp.Header.Get("Retry-After"), time.Now()),
			&APIError{Method: method, Path: path, Status: resp.StatusCode, Message: c.redact(apiMessage(b))}
	}
	if out != nil && len(b) > 0 {
		if err := json.Unmarshal(b, out); err != nil {
			return resp.StatusCode, 0, fmt.Errorf("zenodo: %s %s: %w", method, path, err)
		}
	}
	return resp.StatusCode, 0, nil
}

// redact removes the token from text an answer echoed.
func (c *client) redact(s string) string {
	if c.token == "" {
		return s
	}
	return strings.ReplaceAll(s, c.token, "[token]")
}

// retryAfter reads a Retry-After header: seconds, or an HTTP date.
func retryAfter(h string, now time.Time) time.Duration {
	if h == "" {
		return 0
	}
	if s, err := strconv.Atoi(strings.TrimSpace(h)); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil {
		return max(t.Sub(now), 0)
	}
	return 0
}

// apiMessage is the message and field errors of an error answer, or its
// first bytes when it is not Zenodo's JSON.
func apiMessage(b []byte) string {
	var e struct {
		Message string `json:"message"`
		Errors  []struct {
			Field   string `json:"field"`
			Message any    `json:"message"`
		} `json:"errors"`
	}
	if json.Unmarshal(b, &e) != nil {
		s := strings.TrimSpace(string(b))
		if len(s) > 200 {
			s = s[:200] + "..."
		}
		return s
	}
	msg := e.Message
	for _, f := range e.Errors {
		msg += fmt.Sprintf("; %s: %v", f.Field, f.Message)
	}
	return msg
}

// sleep waits d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
