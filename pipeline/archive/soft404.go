package archive

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// notFoundPath matches the paths publishers send a missing page to, and
// notFoundTitle the titles of such pages (English, Spanish, Portuguese,
// French).
var (
	notFoundPath  = regexp.MustCompile(`(?i)(^|/)(404|not[-_]?found|page[-_]?not[-_]?found|error[-_]?404|pagina[-_]?no[-_]?encontrada|no[-_]?encontrad[ao])(\.[a-z]+)?(/|$)`)
	notFoundTitle = regexp.MustCompile(`(?is)<title[^>]*>[^<]*(\b404\b|not found|no encontrad[ao]|não encontrad[ao]|introuvable)[^<]*</title>`)
)

// probeResult is what a path that cannot exist gave on an origin: a
// status, the URL it ended at and its bytes' hash (200 only).
type probeResult struct {
	status   int
	finalURL string
	sha256   string
}

// soft404 says why a 200 answer for u (ending at finalURL when
// redirected) is a page saying the document is not there, or "" when it
// does not look like one: it ended at the site's root, at a not-found
// path, under a not-found title, or it is what the origin serves for a
// random path that cannot exist (same final URL or same bytes).
func (a *archiver) soft404(ctx context.Context, u *url.URL, finalURL string, doc snapshot.Document) string {
	if finalURL != "" {
		if f, err := url.Parse(finalURL); err == nil {
			if (f.Path == "" || f.Path == "/") && u.Path != "" && u.Path != "/" {
				return "redirected to the site's root " + finalURL
			}
			if notFoundPath.MatchString(f.Path) && !notFoundPath.MatchString(u.Path) {
				return "redirected to a not-found page " + finalURL
			}
		}
	}
	if strings.HasPrefix(doc.MediaType, "text/html") {
		if head, err := readHead(doc, 64<<10); err == nil && notFoundTitle.Match(head) {
			return "the page's title says not found"
		}
	}
	p := a.probeOrigin(ctx, u)
	if p.status != http.StatusOK {
		return ""
	}
	switch {
	case p.sha256 == doc.SHA256:
		return "the same bytes as the answer to a path that does not exist"
	case finalURL != "" && p.finalURL == finalURL:
		return "redirected where a path that does not exist is redirected: " + finalURL
	}
	return ""
}

// probeOrigin asks u's origin, once per run, for a random path that
// cannot exist, where robots.txt allows it.
func (a *archiver) probeOrigin(ctx context.Context, u *url.URL) probeResult {
	o := origin(u)
	a.mu.Lock()
	p, ok := a.probes[o]
	a.mu.Unlock()
	if ok {
		return p
	}
	var b [8]byte
	if _, err := io.ReadFull(a.opts.Rand, b[:]); err != nil {
		return probeResult{}
	}
	pu, err := url.Parse(o + "/cubaexports-probe-" + hex.EncodeToString(b[:]))
	if err != nil {
		return probeResult{}
	}
	if ok, err := a.allowed(ctx, pu); err != nil || !ok {
		return probeResult{}
	}
	p = a.getProbe(ctx, pu.String())
	a.mu.Lock()
	a.probes[o] = p
	a.mu.Unlock()
	return p
}

func (a *archiver) getProbe(ctx context.Context, u string) probeResult {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return probeResult{}
	}
	resp, err := a.probe.Do(req)
	if err != nil {
		return probeResult{}
	}
	defer resp.Body.Close()
	p := probeResult{status: resp.StatusCode, finalURL: resp.Request.URL.String()}
	if p.finalURL == u {
		p.finalURL = ""
	}
	h := sha256.New()
	if _, err := io.Copy(h, io.LimitReader(resp.Body, 8<<20)); err != nil {
		return probeResult{}
	}
	p.sha256 = hex.EncodeToString(h.Sum(nil))
	return p
}

func readHead(d snapshot.Document, n int64) ([]byte, error) {
	rc, err := d.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", d.Name, err)
	}
	defer rc.Close()
	var b bytes.Buffer
	_, err = io.Copy(&b, io.LimitReader(rc, n))
	return b.Bytes(), err
}
