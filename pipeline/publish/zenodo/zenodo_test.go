package zenodo_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/pipeline/publish/zenodo"
	"github.com/cubaexports/cubaexports/pipeline/release"
)

// The whole flow: the first version reserves a DOI, is sealed with it and
// deposited byte for byte; a second publish deposits nothing; the second
// version is a new version of the first (same concept DOI) whose draft
// holds exactly its own files.
func TestFirstAndSecondVersion(t *testing.T) {
	f := newFixture(t)
	z := f.depositor(nil)
	ctx := context.Background()
	v1 := f.mustRelease(1, z.Reserve)
	if f.doi(v1).Version == "" || f.doi(v1).Concept == "" || f.doi(v1).Version == f.doi(v1).Concept {
		t.Fatalf("v1 DOI %+v", f.doi(v1))
	}
	if err := release.Verify(ctx, f.out, v1.Version); err != nil {
		t.Fatalf("a release with a DOI does not verify: %v", err)
	}
	cff, _ := os.ReadFile(filepath.Join(v1.Dir, "CITATION.cff"))
	dp, _ := os.ReadFile(filepath.Join(v1.Dir, "datapackage.json"))
	if !strings.Contains(string(cff), `doi: "`+f.doi(v1).Version+`"`) || !strings.Contains(string(dp), `"id": "https://doi.org/`+f.doi(v1).Version+`"`) {
		t.Errorf("the DOI is not in CITATION.cff and datapackage.json:\n%s\n%s", cff, dp)
	}
	res, err := z.Publish(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Deposited, []string{"v1.0.0"}) || res.Uploaded != len(f.localFiles("v1.0.0")) {
		t.Fatalf("first publish: %+v", res)
	}
	deps := f.srv.Depositions()
	if len(deps) != 1 || !deps[0].Submitted || "10.5072/zenodo."+itoa(deps[0].ID) != f.doi(v1).Version {
		t.Fatalf("depositions after the first publish: %s", summary(deps))
	}
	f.sameFiles(deps[0].ID, "v1.0.0")
	m := deps[0].Metadata
	for k, want := range map[string]any{"upload_type": "dataset", "version": "v1.0.0", "license": "cc-by-4.0",
		"publication_date": "2026-12-02", "access_right": "open"} {
		if m[k] != want {
			t.Errorf("metadata %s = %v, want %v", k, m[k], want)
		}
	}
	if !strings.Contains(jsonString(m["related_identifiers"]), `"isCompiledBy"`) {
		t.Errorf("related identifiers %s lack the software", jsonString(m["related_identifiers"]))
	}

	// Again: nothing is written.
	before := len(f.srv.Requests())
	res, err = z.Publish(ctx)
	if err != nil || len(res.Deposited) != 0 || res.Uploaded != 0 || !slices.Equal(res.Already, []string{"v1.0.0"}) {
		t.Fatalf("second publish: %+v, %v", res, err)
	}
	for _, r := range f.srv.Requests()[before:] {
		if !strings.HasPrefix(r, "GET ") {
			t.Errorf("a publish with nothing new sent %s", r)
		}
	}

	v2 := f.mustRelease(2, z.Reserve)
	if v2.Version != "v1.1.0" || f.doi(v2).Concept != f.doi(v1).Concept || f.doi(v2).Version == f.doi(v1).Version {
		t.Fatalf("v2 %s DOI %+v, v1 DOI %+v", v2.Version, f.doi(v2), f.doi(v1))
	}
	if res, err = z.Publish(ctx); err != nil || !slices.Equal(res.Deposited, []string{"v1.1.0"}) {
		t.Fatalf("publish of v2: %+v, %v", res, err)
	}
	id2 := depositionOf(t, f.doi(v2).Version)
	f.sameFiles(id2, "v1.1.0")
	if rel := jsonString(f.deposition(id2).Metadata["related_identifiers"]); !strings.Contains(rel, `"identifier":"`+f.doi(v1).Version+`","relation":"isNewVersionOf"`) {
		t.Errorf("v2's related identifiers lack v1: %s", rel)
	}
	if n := len(f.srv.Depositions()); n != 2 {
		t.Errorf("%d depositions, want 2", n)
	}
	if res, err = z.Publish(ctx); err != nil || res.Uploaded != 0 || len(res.Already) != 2 {
		t.Errorf("third publish: %+v, %v", res, err)
	}
}

// A version sealed without a DOI is left alone; the next one gets one.
func TestVersionWithoutDOISkipped(t *testing.T) {
	f := newFixture(t)
	z := f.depositor(nil)
	f.mustRelease(1, nil)
	res, err := z.Publish(context.Background())
	if err != nil || len(res.Skipped) != 1 || res.Skipped[0].Version != "v1.0.0" || len(f.srv.Requests()) != 0 {
		t.Fatalf("publish: %+v, %v; requests %q", res, err, f.srv.Requests())
	}
	v2 := f.mustRelease(2, z.Reserve)
	if res, err = z.Publish(context.Background()); err != nil || !slices.Equal(res.Deposited, []string{v2.Version}) {
		t.Fatalf("publish of v2: %+v, %v", res, err)
	}
	if rel := jsonString(f.deposition(depositionOf(t, f.doi(v2).Version)).Metadata["related_identifiers"]); strings.Contains(rel, "isNewVersionOf") {
		t.Errorf("the first deposited version claims a previous one: %s", rel)
	}
}

// A second version cannot be reserved while the first waits for its
// deposit: Zenodo makes new versions of published depositions only.
func TestReserveWaitsForDeposit(t *testing.T) {
	f := newFixture(t)
	z := f.depositor(nil)
	f.mustRelease(1, z.Reserve)
	if _, err := f.release(2, z.Reserve); !errors.Is(err, zenodo.ErrNotDeposited) {
		t.Fatalf("release of v2 before v1's deposit: %v, want ErrNotDeposited", err)
	}
	if _, err := z.Publish(context.Background()); err != nil {
		t.Fatal(err)
	}
	f.mustRelease(2, z.Reserve)
}

// A local file changed after sealing is refused before anything is
// uploaded; a deposited file changed on Zenodo is ErrDiffers.
func TestTampered(t *testing.T) {
	t.Run("local", func(t *testing.T) {
		f := newFixture(t)
		z := f.depositor(nil)
		v1 := f.mustRelease(1, z.Reserve)
		if err := os.WriteFile(filepath.Join(v1.Dir, "data", "sources.csv"), []byte("source_id\nforged\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := z.Publish(context.Background())
		if !errors.Is(err, release.ErrVerify) || f.srv.Count("PUT /api/files") != 0 || f.srv.Count("POST") != 1 {
			t.Fatalf("publish of a tampered release: %v; requests %q", err, f.srv.Requests())
		}
	})
	t.Run("deposited", func(t *testing.T) {
		f := newFixture(t)
		z := f.depositor(nil)
		v1 := f.mustRelease(1, z.Reserve)
		if _, err := z.Publish(context.Background()); err != nil {
			t.Fatal(err)
		}
		f.srv.Tamper(depositionOf(t, f.doi(v1).Version), "sources.csv", []byte("forged\n"))
		if _, err := z.Publish(context.Background()); !errors.Is(err, zenodo.ErrDiffers) {
			t.Fatalf("publish against a changed deposit: %v, want ErrDiffers", err)
		}
	})
}

// No token, no depositor.
func TestNoToken(t *testing.T) {
	if _, err := zenodo.New(zenodo.Options{Target: zenodo.Targets[1]}); !errors.Is(err, zenodo.ErrNoToken) {
		t.Fatalf("New without a token: %v", err)
	}
}
