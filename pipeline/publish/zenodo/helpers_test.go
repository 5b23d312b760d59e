package zenodo_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/pipeline/publish/zenodo"
	"github.com/cubaexports/cubaexports/pipeline/publish/zenodo/zenodotest"
	"github.com/cubaexports/cubaexports/pipeline/release"
	"github.com/cubaexports/cubaexports/schemas"
)

// token is the stand-in's token; no log line or error may contain it.
const token = "s3cr3t-zenodo-token-do-not-print"

// fixture is a stand-in Zenodo, an output directory and a depositor,
// with the log and the waits before retries recorded.
type fixture struct {
	t     *testing.T
	srv   *zenodotest.Server
	out   string
	log   *syncBuffer
	mu    sync.Mutex
	waits []time.Duration
}

func newFixture(t *testing.T) *fixture {
	f := &fixture{t: t, srv: zenodotest.New(token), out: t.TempDir(), log: &syncBuffer{}}
	t.Cleanup(f.srv.Close)
	t.Cleanup(f.checkNoToken)
	return f
}

// depositor is a depositor on the stand-in; inputs may be nil.
func (f *fixture) depositor(inputs func(context.Context, string) ([]zenodo.InputFile, error)) *zenodo.Depositor {
	f.t.Helper()
	z, err := zenodo.New(zenodo.Options{
		Target: zenodo.Target{Name: "zenodo-sandbox", API: f.srv.URL() + "/api", DOIPrefix: zenodotest.Prefix},
		Token:  token, Out: f.out, Meta: datasets.Default(), Inputs: inputs,
		Log: slog.New(slog.NewTextHandler(f.log, &slog.HandlerOptions{Level: slog.LevelDebug})), Retries: 3,
		Wait: func(_ context.Context, d time.Duration) error {
			f.mu.Lock()
			defer f.mu.Unlock()
			f.waits = append(f.waits, d)
			return nil
		},
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return z
}

// checkNoToken fails the test if the log holds the token.
func (f *fixture) checkNoToken() {
	if strings.Contains(f.log.String(), token) {
		f.t.Errorf("the log holds the token:\n%s", f.log.String())
	}
}

// noToken fails the test if err's message holds the token.
func noToken(t *testing.T, err error) {
	t.Helper()
	if err != nil && strings.Contains(err.Error(), token) {
		t.Errorf("an error holds the token: %v", err)
	}
}

// sourcesRows are n made-up rows of the sources table: data that differs
// by n makes a new version.
func sourcesRows(n int) datasets.Rows {
	var r datasets.Rows
	for i := range n {
		r.Sources = append(r.Sources, schemas.Source{SourceID: "synthetic_" + string(rune('a'+i)),
			Title: "Synthetic document (test fixture)", Publisher: "Test Office", PublisherType: "press",
			Language: "en", Published: "2024"})
	}
	return r
}

// release writes the release of sourcesRows(n), reserving its DOI with
// reserve (nil: none).
func (f *fixture) release(n int, reserve release.ReserveFunc) (release.Result, error) {
	return release.Write(context.Background(), f.out, release.Input{Rows: sourcesRows(n), Meta: datasets.Default(),
		Program: release.Program{Name: "cubaexports", Version: "test"}, ConfigSHA256: strings.Repeat("c", 64),
		Date: time.Date(2026, 12, 1+n, 0, 0, 0, 0, time.UTC), ReserveDOI: reserve})
}

func (f *fixture) mustRelease(n int, reserve release.ReserveFunc) release.Result {
	f.t.Helper()
	res, err := f.release(n, reserve)
	if err != nil {
		f.t.Fatalf("release: %v", err)
	}
	return res
}

// localFiles maps each file of a version to its bytes, by Zenodo name.
func (f *fixture) localFiles(version string) map[string][]byte {
	f.t.Helper()
	m := map[string][]byte{}
	dir := filepath.Join(f.out, "releases", version)
	err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		m[filepath.Base(p)] = b
		return err
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return m
}

// deposition returns the stand-in's deposition id.
func (f *fixture) deposition(id int64) zenodotest.Deposition {
	f.t.Helper()
	for _, d := range f.srv.Depositions() {
		if d.ID == id {
			return d
		}
	}
	f.t.Fatalf("no deposition %d", id)
	return zenodotest.Deposition{}
}

// sameFiles fails unless the deposition holds exactly the version's files.
func (f *fixture) sameFiles(id int64, version string) {
	f.t.Helper()
	local := f.localFiles(version)
	d := f.deposition(id)
	if len(d.Files) != len(local) {
		f.t.Errorf("deposition %d has %d files, %s has %d", id, len(d.Files), version, len(local))
	}
	for _, rf := range d.Files {
		if !bytes.Equal(rf.Data, local[rf.Name]) {
			f.t.Errorf("deposition %d: %s differs from %s's file", id, rf.Name, version)
		}
	}
}

// syncBuffer is a bytes.Buffer safe for concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// depositionOf is the deposition id of a stand-in DOI.
func depositionOf(t *testing.T, doi string) int64 {
	t.Helper()
	id, err := strconv.ParseInt(strings.TrimPrefix(doi, zenodotest.Prefix+"/zenodo."), 10, 64)
	if err != nil {
		t.Fatalf("DOI %q: %v", doi, err)
	}
	return id
}

func itoa(i int64) string { return strconv.FormatInt(i, 10) }

// jsonString is v as compact JSON.
func jsonString(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// summary names each deposition: id, published or draft, file count.
func summary(deps []zenodotest.Deposition) string {
	var parts []string
	for _, d := range deps {
		parts = append(parts, fmt.Sprintf("%d published=%v files=%d", d.ID, d.Submitted, len(d.Files)))
	}
	return strings.Join(parts, "; ")
}

// doi is the DOI a released version's files carry.
func (f *fixture) doi(r release.Result) release.DOI {
	f.t.Helper()
	c, err := release.ReadCitation(f.out, r.Version)
	if err != nil {
		f.t.Fatal(err)
	}
	return release.DOI{Version: c.DOI, Concept: c.ConceptDOI}
}
