package sources_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/sources"
	_ "github.com/cubaexports/cubaexports/sources/kinds" // every source kind of the catalog
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

func TestDefaultCatalog(t *testing.T) {
	c, err := sources.DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Entries) == 0 || c.Entries[0].ID != "curated" || c.Entries[0].URL != "embed:" {
		t.Errorf("catalog: %+v", c.Entries)
	}
}

// Each bad catalog's error message is pinned: file, line (of the key at
// fault, else of the entry), entry and problem.
func TestBadCatalogs(t *testing.T) {
	want := map[string]string{
		"bad_id.bad.yaml":       `2: source 1 ("Curated"): invalid catalog: id "Curated" does not match ^[a-z][a-z0-9_]*$`,
		"unknown_kind.bad.yaml": `3: source 1 ("a"): invalid catalog: kind "nosuchkind" is not registered (known: [csvtable curated report worldbank xlsxtable])`,
		"unknown_key.bad.yaml":  `5: invalid catalog: field shedule not found in type sources.Entry`,
		"bad_cron.bad.yaml":     `5: source 1 ("a"): invalid catalog: schedule "61 * * * *": end of range (61) above maximum (59): 61`,
		"duplicate_id.bad.yaml": `5: source 2 ("a"): invalid catalog: id used twice (first at line 2)`,
		"no_url.bad.yaml":       `2: source 1 ("a"): invalid catalog: url is empty`,
		"bad_date.bad.yaml":     `5: source 1 ("a"): invalid catalog: retrieved "26/11/2026" is not a YYYY-MM-DD date`,
		"bad_period.bad.yaml":   `5: source 1 ("a"): invalid catalog: update_period "a month": want a number of days (40d), weeks (6w) or a Go duration (720h)`,
	}
	files, _ := filepath.Glob("testdata/*.bad.yaml")
	if len(files) != len(want) {
		t.Fatalf("%d fixtures, %d expectations", len(files), len(want))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			r, err := os.Open(f)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			_, err = sources.DecodeCatalog(f, r)
			if !errors.Is(err, sources.ErrCatalog) {
				t.Fatalf("got %v, want an ErrCatalog", err)
			}
			if w := f + ":" + want[filepath.Base(f)]; err.Error() != w {
				t.Errorf("got  %q\nwant %q", err, w)
			}
		})
	}
}

func TestApply(t *testing.T) {
	c, _ := sources.DefaultCatalog()
	if err := c.Apply(map[string]sources.Override{"curated": {URL: "/tmp/sheets"}}); err != nil {
		t.Fatal(err)
	}
	if c.Entries[0].URL != "/tmp/sheets" || c.Entries[0].Retrieved != "2026-11-26" {
		t.Errorf("after override: %+v", c.Entries[0])
	}
	err := c.Apply(map[string]sources.Override{"nope": {URL: "x"}})
	if err == nil || !strings.Contains(err.Error(), `override for unknown source "nope"`) {
		t.Errorf("got %v", err)
	}
	err = c.Apply(map[string]sources.Override{"curated": {Schedule: "every day"}})
	if err == nil || !strings.Contains(err.Error(), `override of source "curated"`) {
		t.Errorf("got %v", err)
	}
}

func TestRegisterPanics(t *testing.T) {
	for name, fn := range map[string]func(){
		"empty kind": func() { sources.Register(sources.Kind{Version: "1", Open: open}) },
		"no version": func() { sources.Register(sources.Kind{Name: "noversion", Open: open}) },
		"no open":    func() { sources.Register(sources.Kind{Name: "noopen", Version: "1"}) },
		"duplicate":  func() { k, _ := sources.Lookup("curated"); sources.Register(*k) },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("Register did not panic")
				}
			}()
			fn()
		})
	}
}

// open is the Open of a kind that takes no params and reads nothing.
func open(e sources.Entry) (sources.Reader, error) {
	return sources.Reader{Extractor: sources.ExtractorFunc(func(context.Context, snapshot.Snapshot, io.Reader) (datasets.Rows, error) {
		return datasets.Rows{}, nil
	})}, e.NoParams()
}

func TestExtractorName(t *testing.T) {
	k, _ := sources.Lookup("curated")
	if got := k.ExtractorName(); got != "curated@1" {
		t.Errorf("got %q", got)
	}
}

// A catalog opens every entry once, with its kind's defaults filled in,
// and keeps the opened entry through overrides.
func TestCatalogOpensEntries(t *testing.T) {
	c, err := sources.DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range c.Entries {
		r := e.Reader()
		if r == nil || r.Kind == nil || r.Kind.Name != e.Kind || r.Extractor == nil || r.SourceID == "" {
			t.Fatalf("entry %s: reader %+v", e.ID, r)
		}
		if r.Kind.Embedded != nil && r.Embedded == nil {
			t.Errorf("entry %s: the kind embeds documents, the entry sees none", e.ID)
		}
	}
	if err := c.Apply(map[string]sources.Override{"curated": {URL: "/tmp/sheets"}}); err != nil {
		t.Fatal(err)
	}
	if c.Entries[0].Reader() == nil {
		t.Error("an override dropped the opened entry")
	}
	if err := c.Add(sources.Entry{ID: "curated", Kind: "curated", URL: "x"}); err == nil {
		t.Error("Add accepted an id used twice")
	}
	if err := c.Add(sources.Entry{ID: "more", Kind: "curated", URL: "x"}); err != nil || c.Entries[len(c.Entries)-1].Reader() == nil {
		t.Errorf("Add: %v", err)
	}
}

// FuzzDecodeCatalog: any bytes either decode to a catalog whose every
// entry passes its checks, or fail with an ErrCatalog; read as a
// configuration file's sources list, the same.
func FuzzDecodeCatalog(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.bad.yaml")
	files = append(files, "catalog.yaml")
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if es, err := sources.DecodeConfigEntries("fuzz.yaml", b); err != nil && !errors.Is(err, sources.ErrCatalog) {
			t.Fatalf("config entries: error is not an ErrCatalog: %v", err)
		} else if err == nil {
			for _, s := range es {
				if s.Reader() == nil || s.Origin.Line <= 0 {
					t.Fatalf("accepted an entry not opened or without its line: %+v", s)
				}
			}
		}
		c, err := sources.DecodeCatalog("fuzz.yaml", bytes.NewReader(b))
		if err != nil {
			if !errors.Is(err, sources.ErrCatalog) {
				t.Fatalf("error is not an ErrCatalog: %v", err)
			}
			return
		}
		seen := map[string]bool{}
		for _, s := range c.Entries {
			if seen[s.ID] || s.URL == "" {
				t.Fatalf("accepted a bad entry: %+v", s)
			}
			seen[s.ID] = true
		}
	})
}

// Schedules take five fields, six with seconds, descriptors and a time
// zone; update periods take days, weeks or Go durations.
func TestScheduleAndPeriod(t *testing.T) {
	for _, spec := range []string{"@monthly", "@every 6h", "0 6 * * 1", "*/2 * * * * *", "CRON_TZ=America/Havana 0 6 1 * *"} {
		if _, err := sources.ParseSchedule(spec); err != nil {
			t.Errorf("%q: %v", spec, err)
		}
	}
	for _, spec := range []string{"", "* * *", "CRON_TZ=Nowhere/Atlantis @daily", "@fortnightly"} {
		if _, err := sources.ParseSchedule(spec); err == nil {
			t.Errorf("%q accepted", spec)
		}
	}
	for in, want := range map[string]time.Duration{"40d": 960 * time.Hour, "6w": 1008 * time.Hour, "720h": 720 * time.Hour, "5s": 5 * time.Second} {
		if got, err := sources.ParsePeriod(in); err != nil || got != want {
			t.Errorf("%q: got %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0d", "-3h", "P1M", "1.5d", "d"} {
		if _, err := sources.ParsePeriod(in); err == nil {
			t.Errorf("%q accepted", in)
		}
	}
}
