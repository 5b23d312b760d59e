package fetch

import (
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"time"
)

// Options tune a Fetcher. The zero value gives sensible defaults.
type Options struct {
	ConnectTimeout time.Duration // dialing a server; default 15s
	Timeout        time.Duration // one Get, all attempts and waits included; default 10m
	MaxRetries     int           // retries after the first attempt; default 3, negative = none
	BackoffBase    time.Duration // wait before the first retry; default 1s, doubling
	BackoffMax     time.Duration // longest backoff (Retry-After may ask for more); default 1m
	// Jitter turns a backoff into the wait actually used; default a
	// uniform random duration in [d/2, d].
	Jitter   func(d time.Duration) time.Duration
	MaxBytes int64 // largest body when a Request sets none; default 512 MiB
	// Client, when set, makes the requests (its CheckRedirect is replaced
	// by the fetcher's redirect policy); else Transport, when set, is
	// used with the fetcher's own client.
	Client    *http.Client
	Transport http.RoundTripper
	// Progress receives a progress bar for downloads over 1 MB when it is
	// a terminal; default os.Stderr. Nothing is drawn elsewhere.
	Progress  io.Writer
	Log       *slog.Logger // default discards
	UserAgent string       // default "cubaexports (+https://github.com/cubaexports/cubaexports)"
}

const maxRedirects = 10

func (o Options) withDefaults() Options {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&o.ConnectTimeout, 15*time.Second)
	def(&o.Timeout, 10*time.Minute)
	def(&o.BackoffBase, time.Second)
	def(&o.BackoffMax, time.Minute)
	if o.MaxRetries == 0 {
		o.MaxRetries = 3
	} else if o.MaxRetries < 0 {
		o.MaxRetries = 0
	}
	if o.Jitter == nil {
		o.Jitter = func(d time.Duration) time.Duration { return d/2 + rand.N(d/2+1) }
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = 512 << 20
	}
	if o.Progress == nil {
		o.Progress = os.Stderr
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.UserAgent == "" {
		o.UserAgent = "cubaexports (+https://github.com/cubaexports/cubaexports)"
	}
	return o
}

// client is the HTTP client with the connect timeout and redirect policy.
func (o Options) client() *http.Client {
	var c http.Client
	switch {
	case o.Client != nil:
		c = *o.Client
	case o.Transport != nil:
		c.Transport = o.Transport
	default:
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.DialContext = (&net.Dialer{Timeout: o.ConnectTimeout, KeepAlive: 30 * time.Second}).DialContext
		t.TLSHandshakeTimeout = o.ConnectTimeout
		c.Transport = t
	}
	c.CheckRedirect = checkRedirect
	return &c
}

// checkRedirect follows at most maxRedirects redirects, only to http and
// https URLs, and stops at the first URL seen twice.
func checkRedirect(req *http.Request, via []*http.Request) error {
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return fmt.Errorf("%w: redirected to %s", ErrUnsupportedScheme, req.URL)
	}
	for _, v := range via {
		if v.URL.String() == req.URL.String() {
			return fmt.Errorf("%w: %s redirects back to %s", ErrRedirectLoop, via[len(via)-1].URL, req.URL)
		}
	}
	if len(via) >= maxRedirects {
		return fmt.Errorf("%w: stopped after %d", ErrTooManyRedirects, maxRedirects)
	}
	return nil
}
