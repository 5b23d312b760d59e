package fetch

import (
	"errors"
	"fmt"
	"time"
)

// Errors a Get can wrap; check them with errors.Is.
var (
	ErrUnsupportedScheme = errors.New("unsupported URL scheme (use http, https or file)")
	ErrTooLarge          = errors.New("body exceeds the size limit")
	ErrRedirectLoop      = errors.New("redirect loop")
	ErrTooManyRedirects  = errors.New("too many redirects")
	ErrUnexpectedBody    = errors.New("body is not of the expected format")
	ErrUnknownFormat     = errors.New("unknown format")
	ErrTimeout           = errors.New("timed out")
)

// StatusError is an HTTP response whose status is neither 200 nor an
// expected 304.
type StatusError struct {
	Code       int
	Status     string        // e.g. "404 Not Found"
	RetryAfter time.Duration // from a Retry-After header; 0 if none
}

// Error reads like "HTTP 404 Not Found".
func (e *StatusError) Error() string { return "HTTP " + e.Status }

// Temporary reports whether the request may succeed later: 408, 429, 5xx.
func (e *StatusError) Temporary() bool {
	return e.Code == 408 || e.Code == 429 || e.Code >= 500
}

// Error is a failed Get. It names the source, document and URL, what
// format was expected, and how many attempts were made.
type Error struct {
	SourceID string
	Name     string
	URL      string
	Format   string // "" = any
	Attempts int
	Err      error
}

// Error reads like "source wb: gdp.json: https://...: expected json: 1 attempt: HTTP 404 Not Found".
func (e *Error) Error() string {
	format := e.Format
	if format == "" {
		format = "any format"
	}
	plural := "s"
	if e.Attempts == 1 {
		plural = ""
	}
	return fmt.Sprintf("source %s: %s: %s: expected %s: %d attempt%s: %v",
		e.SourceID, e.Name, e.URL, format, e.Attempts, plural, e.Err)
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// bodyError is a failure reading a response body: the connection broke,
// so the request may succeed when tried again.
type bodyError struct{ err error }

func (e *bodyError) Error() string { return "reading the body: " + e.err.Error() }
func (e *bodyError) Unwrap() error { return e.err }
