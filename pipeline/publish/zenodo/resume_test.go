package zenodo_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cubaexports/cubaexports/pipeline/publish/zenodo"
	"github.com/cubaexports/cubaexports/pipeline/release"
)

// An interruption at each step of the first version's reservation and
// deposit, then a second run: in the end one deposition, published, with
// the DOI the release carries and exactly its files.
func TestInterruptAndResume(t *testing.T) {
	for _, tc := range []struct {
		name string
		// interrupt sets up the fault; it returns the ReserveFunc the
		// first release uses (nil: z.Reserve) and a context for the first
		// publish.
		interrupt func(f *fixture, z *zenodo.Depositor) (release.ReserveFunc, context.Context)
		// releaseFails and publishFails: which first attempt fails.
		releaseFails, publishFails bool
	}{
		{name: "create's answer lost", releaseFails: true,
			interrupt: func(f *fixture, z *zenodo.Depositor) (release.ReserveFunc, context.Context) {
				f.srv.LoseAnswer("POST /api/deposit/depositions")
				return nil, context.Background()
			}},
		{name: "release interrupted after the reservation", releaseFails: true,
			interrupt: func(f *fixture, z *zenodo.Depositor) (release.ReserveFunc, context.Context) {
				return func(ctx context.Context, v string) (release.DOI, error) {
					if _, err := z.Reserve(ctx, v); err != nil {
						return release.DOI{}, err
					}
					return release.DOI{}, errors.New("killed")
				}, context.Background()
			}},
		{name: "create refused with 500", releaseFails: true,
			interrupt: func(f *fixture, z *zenodo.Depositor) (release.ReserveFunc, context.Context) {
				f.srv.Fail("POST /api/deposit/depositions", 500, "", 1)
				return nil, context.Background()
			}},
		{name: "upload interrupted", publishFails: true,
			interrupt: func(f *fixture, z *zenodo.Depositor) (release.ReserveFunc, context.Context) {
				ctx, cancel := context.WithCancel(context.Background())
				f.srv.OnRequest(func(req string) {
					if strings.HasPrefix(req, "PUT /api/files/") {
						cancel()
					}
				})
				return nil, ctx
			}},
		{name: "upload refused with 500 after retries", publishFails: true,
			interrupt: func(f *fixture, z *zenodo.Depositor) (release.ReserveFunc, context.Context) {
				f.srv.Fail("PUT /api/files/", 500, "", 4)
				return nil, context.Background()
			}},
		{name: "publish fails after the upload", publishFails: true,
			interrupt: func(f *fixture, z *zenodo.Depositor) (release.ReserveFunc, context.Context) {
				f.srv.Fail("POST /api/deposit/depositions/", 500, "", 1) // only publish POSTs a deposition's path here
				return nil, context.Background()
			}},
		{name: "publish's answer lost",
			interrupt: func(f *fixture, z *zenodo.Depositor) (release.ReserveFunc, context.Context) {
				f.srv.LoseAnswer("POST /api/deposit/depositions/")
				return nil, context.Background()
			}},
		{name: "interrupted before the journal records the publish", publishFails: true,
			interrupt: func(f *fixture, z *zenodo.Depositor) (release.ReserveFunc, context.Context) {
				// Zenodo publishes, but the process is stopped before the
				// answer arrives: cancelling while the answer is held back
				// makes the order certain (an answer sent at once could
				// beat the cancellation to the client).
				ctx, cancel := context.WithCancel(context.Background())
				f.srv.OnRequest(func(req string) {
					if strings.HasSuffix(req, "/actions/publish") {
						cancel()
					}
				})
				f.srv.LoseAnswer("POST /api/deposit/depositions/")
				return nil, ctx
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			z := f.depositor(nil)
			reserve, ctx := tc.interrupt(f, z)
			if reserve == nil {
				reserve = z.Reserve
			}
			v1, err := f.release(1, reserve)
			noToken(t, err)
			if (err != nil) != tc.releaseFails {
				t.Fatalf("first release: %v, want failure %v", err, tc.releaseFails)
			}
			if err != nil {
				ctx = context.Background()
				v1 = f.mustRelease(1, z.Reserve)
			}
			_, err = z.Publish(ctx)
			noToken(t, err)
			if (err != nil) != tc.publishFails {
				t.Fatalf("first publish: %v, want failure %v", err, tc.publishFails)
			}
			f.srv.OnRequest(nil)
			res, err := z.Publish(context.Background())
			if err != nil {
				t.Fatalf("second publish: %v", err)
			}
			deps := f.srv.Depositions()
			if len(deps) != 1 || !deps[0].Submitted || fmt.Sprintf("10.5072/zenodo.%d", deps[0].ID) != f.doi(v1).Version {
				t.Fatalf("%d depositions (%s); the release's DOI %s", len(deps), summary(deps), f.doi(v1).Version)
			}
			f.sameFiles(deps[0].ID, "v1.0.0")
			if tc.publishFails && res.Uploaded >= len(f.localFiles("v1.0.0")) && !strings.Contains(tc.name, "refused") {
				t.Errorf("the second publish uploaded every file again (%d)", res.Uploaded)
			}
			if res, err := z.Publish(context.Background()); err != nil || res.Uploaded != 0 || len(res.Deposited) != 0 {
				t.Errorf("third publish: %+v, %v", res, err)
			}
		})
	}
}

// A lost journal is rebuilt from the DOIs inside the releases: nothing is
// deposited twice and the next version is a new version of the last.
func TestJournalLost(t *testing.T) {
	f := newFixture(t)
	z := f.depositor(nil)
	v1 := f.mustRelease(1, z.Reserve)
	if _, err := z.Publish(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(z.JournalPath()); err != nil {
		t.Fatal(err)
	}
	res, err := z.Publish(context.Background())
	if err != nil || !slices.Equal(res.Already, []string{"v1.0.0"}) || res.Uploaded != 0 {
		t.Fatalf("publish without a journal: %+v, %v", res, err)
	}
	os.Remove(z.JournalPath())
	v2 := f.mustRelease(2, z.Reserve)
	if f.doi(v2).Concept != f.doi(v1).Concept {
		t.Errorf("v2's concept DOI %s, v1's %s", f.doi(v2).Concept, f.doi(v1).Concept)
	}
	if n := f.srv.Count("POST /api/deposit/depositions/" + itoa(depositionOf(t, f.doi(v1).Version)) + "/actions/newversion"); n != 1 {
		t.Errorf("%d new versions of v1's deposition", n)
	}
}

// A new version's lost answer is asked again: Zenodo answers with the
// draft it made, so there is one draft.
func TestNewVersionAnswerLost(t *testing.T) {
	f := newFixture(t)
	z := f.depositor(nil)
	f.mustRelease(1, z.Reserve)
	if _, err := z.Publish(context.Background()); err != nil {
		t.Fatal(err)
	}
	f.srv.LoseAnswer("POST /api/deposit/depositions/")
	v2 := f.mustRelease(2, z.Reserve)
	if _, err := z.Publish(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := len(f.srv.Depositions()); n != 2 {
		t.Errorf("%d depositions, want 2", n)
	}
	f.sameFiles(depositionOf(t, f.doi(v2).Version), v2.Version)
}

// A reservation made for a version that was never sealed is reused when
// the next release is another version (the data changed meanwhile).
func TestReservationRetargeted(t *testing.T) {
	f := newFixture(t)
	z := f.depositor(nil)
	first, err := z.Reserve(context.Background(), "v1.0.0")
	if err != nil {
		t.Fatal(err)
	}
	v := f.mustRelease(3, z.Reserve)
	if f.doi(v) != first || len(f.srv.Depositions()) != 1 {
		t.Fatalf("DOI %+v, reserved %+v; %d depositions", f.doi(v), first, len(f.srv.Depositions()))
	}
}

// 429 and 5xx are retried after Retry-After (seconds or a date) or a
// backoff; a 4xx is not, and names the request without the token.
func TestRetries(t *testing.T) {
	f := newFixture(t)
	z := f.depositor(nil)
	f.srv.Fail("POST /api/deposit/depositions", 429, "7", 1)
	f.srv.Fail("GET /api/deposit/depositions", 503, "", 1)
	f.srv.Fail("PUT /api/files/", 429, time.Now().Add(time.Hour).UTC().Format(http1123), 1)
	f.mustRelease(1, z.Reserve)
	if _, err := z.Publish(context.Background()); err != nil {
		t.Fatal(err)
	}
	f.mu.Lock()
	waits := slices.Clone(f.waits)
	f.mu.Unlock()
	if len(waits) != 3 || waits[0] != 7*time.Second || waits[1] != time.Second || waits[2] != 5*time.Minute {
		t.Errorf("waits %v, want [7s 1s 5m0s] (Retry-After, backoff, a date capped)", waits)
	}
	f.srv.Fail("GET /api/deposit/depositions", 403, "", 1)
	_, err := z.Publish(context.Background())
	var apiErr *zenodo.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != 403 || f.srv.Count("GET /api/deposit/depositions") == 0 {
		t.Fatalf("publish after a 403: %v", err)
	}
	noToken(t, err)
}

const http1123 = "Mon, 02 Jan 2006 15:04:05 GMT"
