package release

import (
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apache/arrow/go/v15/arrow/memory"
)

// A version index.json lists is never written over (an unlisted one:
// TestUnlistedDirectoryNotOverwritten).
func TestExistingVersionRefused(t *testing.T) {
	out := t.TempDir()
	mustBuild(t, out, syntheticInput())
	if err := os.WriteFile(filepath.Join(releasesDir(out), "v1.1.0"), []byte("in the way\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := snapshotTree(t, out)
	if _, err := Write(context.Background(), out, changedInput()); err == nil || !strings.Contains(err.Error(), "v1.1.0 already exists") {
		t.Errorf("Write over an existing v1.1.0: %v", err)
	}
	if after := snapshotTree(t, out); !maps.Equal(before, after) {
		t.Errorf("a refused build changed OUT")
	}
}

// countdownCtx is a context whose Err turns to context.Canceled after n
// calls, to cancel a Write between two given files. Like every context it
// is safe for concurrent use (a table's CSV and Parquet files are written
// at the same time).
type countdownCtx struct {
	context.Context
	mu sync.Mutex
	n  int
}

func (c *countdownCtx) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n <= 0 {
		return context.Canceled
	}
	c.n--
	return nil
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := t.TempDir()
	if _, err := Write(ctx, out, syntheticInput()); !errors.Is(err, context.Canceled) {
		t.Errorf("Write with a cancelled context: %v", err)
	}
	midway := 0
	for n := 0; ; n++ {
		out := t.TempDir()
		mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
		res, err := build(&countdownCtx{Context: context.Background(), n: n}, out, syntheticInput(), mem)
		mem.AssertSize(t, 0)
		ents, _ := os.ReadDir(releasesDir(out))
		if err == nil {
			if res.Version != "v1.0.0" || len(ents) != 3 {
				t.Errorf("after %d checks: %+v, %v", n, res, ents)
			}
			break
		}
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("cancelled after %d checks: %v", n, err)
		}
		if len(ents) != 0 {
			t.Errorf("cancelled after %d checks, OUT/releases holds %v", n, ents)
		}
		if n > 1 {
			midway++
		}
	}
	if midway < 10 {
		t.Errorf("only %d cancellations between files", midway)
	}
}

func TestStaleTempRemoved(t *testing.T) {
	out := t.TempDir()
	stale := filepath.Join(releasesDir(out), ".tmp-v1.0.0-12345")
	if err := os.MkdirAll(filepath.Join(stale, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(releasesDir(out), ".tmp-index.json-678"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	mustBuild(t, out, syntheticInput())
	ents, _ := os.ReadDir(releasesDir(out))
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".tmp-") {
			t.Errorf("%s left behind", e.Name())
		}
	}
}

func TestNothingReleasedYet(t *testing.T) {
	out := t.TempDir()
	if entries, err := Index(out); err != nil || entries == nil || len(entries) != 0 {
		t.Errorf("Index = %v, %v; want empty", entries, err)
	}
	if v, err := Latest(out); v != "" || err != nil {
		t.Errorf("Latest = %q, %v", v, err)
	}
	if err := Verify(context.Background(), out, ""); !errors.Is(err, ErrVerify) {
		t.Errorf("Verify of nothing: %v", err)
	}
}

func TestBadInput(t *testing.T) {
	noDate, noName := syntheticInput(), syntheticInput()
	noDate.Date = time.Time{}
	noName.Meta.Name = ""
	for name, in := range map[string]Input{"no date": noDate, "no name": noName} {
		out := t.TempDir()
		if _, err := Write(context.Background(), out, in); err == nil {
			t.Errorf("%s: accepted", name)
		}
		if ents, _ := os.ReadDir(out); len(ents) != 0 {
			t.Errorf("%s: wrote %v", name, ents)
		}
	}
}
