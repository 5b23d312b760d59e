package release

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/apache/arrow/go/v15/arrow/memory"

	"github.com/cubaexports/cubaexports/pipeline/runlock"
)

// brokenDir holds, under OUT/releases, the version directories Repair
// found unlisted and unverifiable: hidden (dot name, never a version),
// never deleted, and not starting with tmpPrefix, so no run removes them.
const brokenDir = ".broken"

// Repaired is one thing Repair did to what an interrupted Write left.
type Repaired struct {
	Version string // the version concerned
	// Action is ActionListed, ActionMovedAside or ActionLatest.
	Action string
	To     string // where a version that does not verify was moved (ActionMovedAside)
	Err    error  // why it does not verify (ActionMovedAside)
	Was    string // what latest named before (ActionLatest; "" when it was missing)
}

// What Repair did, in Repaired.Action.
const (
	ActionListed     = "listed"      // an unlisted complete version verified and was added to index.json
	ActionMovedAside = "moved aside" // an unlisted version did not verify and was moved to OUT/releases/.broken/
	ActionLatest     = "latest"      // latest was pointed at the newest listed version
)

func (r Repaired) String() string {
	switch r.Action {
	case ActionListed:
		return fmt.Sprintf("%s was complete but not listed in %s (an interrupted run): verified and listed", r.Version, indexFile)
	case ActionMovedAside:
		return fmt.Sprintf("%s was not listed in %s and does not verify (%v): moved aside to %s, not deleted", r.Version, indexFile, r.Err, r.To)
	default:
		was := "missing"
		if r.Was != "" {
			was = "at " + r.Was
		}
		return fmt.Sprintf("latest was %s (an interrupted run): pointed at %s, the newest listed version", was, r.Version)
	}
}

// Repair completes or rolls back what a Write killed between its renames
// left in out, so that the next run goes on (issue 22): every version
// directory index.json does not list is verified and listed (its entry
// made from its files: the fingerprint and rows from its CSV files, the
// date from datapackage.json), or, when it does not verify, moved aside
// to OUT/releases/.broken/VERSION-TIME; latest is pointed at the newest
// listed version when it does not name it. Write runs it first, with
// out's lock held; so does `cubaexports verify`. It takes out's lock
// itself (waiting for it when wait is set, until ctx is done; otherwise
// failing with a runlock.BusyError while another process writes to out).
// It does nothing when out has no releases directory.
func Repair(ctx context.Context, out string, wait bool) ([]Repaired, error) {
	root := releasesDir(out)
	if _, err := os.Stat(root); errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	lock, err := lockOut(ctx, root, wait)
	if err != nil {
		return nil, err
	}
	defer lock.Release()
	return repair(ctx, out, time.Now())
}

// lockOut takes the lock of OUT/releases: an flock on the directory's
// own handle, so nothing is added to the published tree. Runs with
// different data directories may share out; the lock keeps one from
// removing the other's temporary directories or repairing a version the
// other is publishing.
func lockOut(ctx context.Context, root string, wait bool) (*runlock.Lock, error) {
	var lock *runlock.Lock
	var err error
	if wait {
		lock, err = runlock.AcquireDir(ctx, root, 0, func(*runlock.BusyError) { step(stepLockWait) })
	} else {
		lock, err = runlock.TryAcquireDir(root)
	}
	if err != nil {
		return nil, fmt.Errorf("release: %w", err)
	}
	return lock, nil
}

// repair is Repair with out's lock held; now names moved-aside versions.
func repair(ctx context.Context, out string, now time.Time) ([]Repaired, error) {
	root := releasesDir(out)
	entries, err := Index(out)
	if err != nil {
		return nil, err
	}
	unlisted, err := unlistedVersions(root, entries)
	if err != nil {
		return nil, err
	}
	var done []Repaired
	listed := false
	for _, v := range unlisted {
		e, verr := recoverEntry(ctx, filepath.Join(root, v), v)
		if ctx.Err() != nil {
			return done, ctx.Err()
		}
		if verr == nil {
			entries = append(entries, e)
			listed = true
			done = append(done, Repaired{Version: v, Action: ActionListed})
			continue
		}
		to, err := moveAside(root, v, now)
		if err != nil {
			return done, fmt.Errorf("release: %s is not listed in %s and does not verify (%v); moving it aside: %w", v, indexFile, verr, err)
		}
		done = append(done, Repaired{Version: v, Action: ActionMovedAside, To: to, Err: verr})
	}
	if listed {
		slices.SortStableFunc(entries, func(a, b Entry) int { return compareVersions(a.Version, b.Version) })
		b, err := marshalJSON(entries)
		if err != nil {
			return done, err
		}
		if err := writeAtomic(filepath.Join(root, indexFile), b); err != nil {
			return done, fmt.Errorf("release: repair: %s: %w", indexFile, err)
		}
	}
	r, err := fixLatest(out, entries)
	if r != nil {
		done = append(done, *r)
	}
	return done, err
}

// unlistedVersions are the version directories in root that entries do
// not list, in version order.
func unlistedVersions(root string, entries []Entry) ([]string, error) {
	ents, err := os.ReadDir(root)
	if err != nil {
		return nil, fmt.Errorf("release: repair: %w", err)
	}
	var vs []string
	for _, de := range ents {
		v := de.Name()
		if _, err := parseVersion(v); err != nil || !de.IsDir() ||
			slices.ContainsFunc(entries, func(e Entry) bool { return e.Version == v }) {
			continue
		}
		vs = append(vs, v)
	}
	slices.SortFunc(vs, compareVersions)
	return vs, nil
}

// fixLatest points latest at the newest of entries when it does not.
func fixLatest(out string, entries []Entry) (*Repaired, error) {
	if len(entries) == 0 {
		return nil, nil
	}
	newest := entries[len(entries)-1].Version
	cur, err := Latest(out)
	if err == nil && cur == newest {
		return nil, nil
	}
	if err := writeAtomic(filepath.Join(releasesDir(out), latestFile), []byte(newest+"\n")); err != nil {
		return nil, fmt.Errorf("release: repair: %s: %w", latestFile, err)
	}
	return &Repaired{Version: newest, Action: ActionLatest, Was: cur}, nil
}

// moveAside renames root/v to root/.broken/v-TIME (a number added while
// that exists) and returns the new path.
func moveAside(root, v string, now time.Time) (string, error) {
	aside := filepath.Join(root, brokenDir)
	if err := makeDir(aside); err != nil {
		return "", err
	}
	base := v + "-" + now.UTC().Format("20060102T150405Z")
	for i := 0; ; i++ {
		dst := filepath.Join(aside, base)
		if i > 0 {
			dst = fmt.Sprintf("%s.%d", dst, i)
		}
		if _, err := os.Lstat(dst); err == nil {
			continue
		}
		if err := os.Rename(filepath.Join(root, v), dst); err != nil {
			return "", err
		}
		if err := syncDir(aside); err != nil {
			return "", err
		}
		return dst, syncDir(root)
	}
}

// recoverEntry verifies the version directory dir and makes its index
// entry from its files.
func recoverEntry(ctx context.Context, dir, version string) (Entry, error) {
	if err := verifyDir(ctx, dir, memory.DefaultAllocator); err != nil {
		return Entry{}, err
	}
	return dirEntry(ctx, dir, version)
}
