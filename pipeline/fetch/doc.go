// Package fetch brings documents from the network (and file: URLs) into
// the snapshot store, so that everything after it reads stored bytes and
// never the network.
//
// A Fetcher makes conditional GETs from what the store remembers of the
// last fetch, retries only what can succeed later (network errors, 408,
// 429 honouring Retry-After, 5xx) with exponential backoff and jitter,
// bounds time, redirects and size, and checks a body is what its format
// expects before storing it, so an HTML error page served as an .xlsx is
// rejected. Every attempt, failed or not, is a line in the store's index.
//
// Refresh is the failure policy of a run: commit a source's documents when
// its fetch succeeds, fall back to its last good documents when it fails,
// and say clearly when there is nothing to fall back to.
package fetch
