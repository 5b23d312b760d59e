package archive

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
)

// Hop is one request of a redirect chain: the URL asked for and the
// status it answered (0 when it was not sent).
type Hop struct {
	URL    string `json:"url"`
	Status int    `json:"status"`
}

// trace collects the hops of one document's fetch, redirects included;
// the request context carries it to the transport.
type trace struct {
	mu   sync.Mutex
	hops []Hop
	// blocked is the URL of a hop robots.txt disallowed; the transport
	// answered it with a 403 of its own instead of sending it.
	blocked string
	// skipped is why a hop's host was skipped (its robots.txt failed
	// with a server error).
	skipped string
}

type traceKey struct{}

func withTrace(ctx context.Context, t *trace) context.Context {
	return context.WithValue(ctx, traceKey{}, t)
}

func traceOf(ctx context.Context) *trace {
	t, _ := ctx.Value(traceKey{}).(*trace)
	return t
}

func (t *trace) add(h Hop) {
	t.mu.Lock()
	t.hops = append(t.hops, h)
	t.mu.Unlock()
}

// politeTransport is the round tripper of every request the archiver
// makes: it sets the User-Agent, waits for the host's slot, and, for a
// document's fetch (a request carrying a trace), consults robots.txt for
// every hop and records the chain.
type politeTransport struct {
	base      http.RoundTripper
	userAgent string
	limiter   *HostLimiter
	// allowed says whether robots.txt lets us fetch u; an error means the
	// host is to be skipped (its robots.txt answered 5xx or not at all).
	allowed func(ctx context.Context, u *url.URL) (bool, error)
}

func (p *politeTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	t := traceOf(ctx)
	if t != nil && p.allowed != nil {
		ok, err := p.allowed(ctx, req.URL)
		if err != nil {
			t.mu.Lock()
			t.skipped = err.Error()
			t.mu.Unlock()
			t.add(Hop{URL: req.URL.String()})
			return refused(req, "host skipped: "+err.Error()), nil
		}
		if !ok {
			t.mu.Lock()
			t.blocked = req.URL.String()
			t.mu.Unlock()
			t.add(Hop{URL: req.URL.String()})
			return refused(req, "robots.txt disallows "+req.URL.String()), nil
		}
	}
	if err := p.limiter.Wait(ctx, req.URL.Host); err != nil {
		return nil, err
	}
	r2 := req.Clone(ctx)
	r2.Header.Set("User-Agent", p.userAgent)
	resp, err := p.base.RoundTrip(r2)
	if err != nil {
		return nil, err
	}
	if t != nil {
		t.add(Hop{URL: req.URL.String(), Status: resp.StatusCode})
	}
	return resp, nil
}

// refused is the answer the transport gives in place of a request it
// does not send: a 403, which the fetcher does not retry.
func refused(req *http.Request, why string) *http.Response {
	return &http.Response{StatusCode: http.StatusForbidden, Status: "403 Forbidden (not sent: " + why + ")",
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Header: http.Header{},
		Body: io.NopCloser(strings.NewReader("")), ContentLength: 0, Request: req}
}

// origin is scheme://host of u, the unit robots.txt applies to.
func origin(u *url.URL) string {
	return fmt.Sprintf("%s://%s", strings.ToLower(u.Scheme), strings.ToLower(u.Host))
}
