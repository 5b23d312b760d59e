package release

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/apache/arrow/go/v15/arrow/memory"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/pipeline/release/diff"
)

// Program identifies the program that built a release.
type Program struct {
	Name      string // e.g. "cubaexports"
	Version   string // the program's version, e.g. "v0.4.1"
	Commit    string // the VCS revision it was built from
	GoVersion string // the Go toolchain, as runtime.Version reports it
}

// InputFile is a snapshot the release was built from.
type InputFile struct {
	SourceID    string    // the source the snapshot belongs to
	Kind        string    // the source kind that extracted it
	Name        string    // the document's name within its source (e.g. "revenue.csv")
	URL         string    // where it was fetched from
	SHA256      string    // hex SHA-256 of the snapshot's bytes
	Bytes       int64     // its size
	RetrievedAt time.Time // when it was fetched
}

// Input is everything a release is built from.
type Input struct {
	// Rows are validated, with obs_ids assigned. Write sorts a copy; the
	// order they come in does not matter.
	Rows datasets.Rows
	// Meta describes the dataset (title, license, authors ...).
	Meta datasets.Metadata
	// Inputs are the snapshots the rows were extracted from.
	Inputs []InputFile
	// ConfigSHA256 is the hex SHA-256 of the configuration used.
	ConfigSHA256 string
	// Catalog is the effective catalog as JSON, recorded in
	// provenance.json so that a rebuild uses the same one.
	Catalog []byte
	// Program is the program that builds the release.
	Program Program
	// Date is the release date (from SOURCE_DATE_EPOCH when set; the
	// caller decides). It is written in UTC, as a day where a format
	// wants a date.
	Date time.Time
	// Stale are the sources that could not be fetched again, with the
	// retrieval time of the snapshot their rows come from; the changelog
	// lists them.
	Stale map[string]time.Time
	// AcceptRegressions, when not empty, is why the regressions against
	// the previous release that would block it are accepted; it goes into
	// the changelog.
	AcceptRegressions string
	// CrossChecks are comparisons the changelog reports under
	// "Cross-checks" (sources that disagree, derived totals against
	// reported ones); they never block a release.
	CrossChecks []string
	// DryRun computes the next version and its changelog and writes
	// nothing, not even OUT/releases.
	DryRun bool
	// SignKey, when set, signs SHA256SUMS: the version also holds
	// SHA256SUMS.sig (ed25519 over SHA256SUMS' exact bytes).
	SignKey ed25519.PrivateKey
	// Wait makes Write wait for out's lock (until ctx is done) while
	// another process writes to out; otherwise Write fails at once with
	// an error wrapping runlock.ErrBusy.
	Wait bool
	// TempDir is where the workbook writer keeps its temporary files
	// (excelize spills large sheets to disk); "" is the system's.
	TempDir string
	// ReserveDOI, when set, is called once the new version is known and
	// before any of its files is written; the DOI it returns goes into
	// the version's CITATION.cff, datapackage.json and workbook. Not
	// called when nothing changed, on a dry run or a blocked release.
	ReserveDOI ReserveFunc
}

// Result says what Write did.
type Result struct {
	Version     string         // the new version; the latest one when nothing changed
	Dir         string         // the directory of Version
	Previous    string         // the latest version before Write; "" before the first release
	Fingerprint string         // hex SHA-256 of the tables' names and CSV bytes
	Changed     bool           // false when the tables equal the latest release and nothing was written
	DryRun      bool           // Version and Changelog are what would have been written; nothing was
	Bump        diff.Bump      // the bump from Previous to Version, with its reasons
	Changelog   string         // the CHANGELOG.md of Version
	Findings    []diff.Finding // the regression gate's findings against Previous
	// Repaired is what Write completed or set aside of an interrupted
	// run's publication before its own (see Repair).
	Repaired []Repaired
}

// Write writes the release of in under out/releases and returns its
// version. When the tables' fingerprint equals the latest release's, it
// writes nothing and returns that release with Changed false. Otherwise
// it diffs the tables against the latest release, computes the next
// version from the diff (see diff.Diff's Bump), applies the regression
// gate (see diff.Diff.Regressions), writes the version with its CHANGELOG.md into a
// temporary directory, verifies it, renames it into place, and only then
// updates index.json and latest. It never overwrites an existing version;
// on error it leaves out as it was, apart from removing the temporary
// directories of crashed runs and completing (or moving aside) what a run
// killed between its renames left (Repair). It holds out's lock from
// before that until the version is published (see Input.Wait). A
// regression that blocks returns an error wrapping diff.ErrRegression
// with the Result it would have written; with in.DryRun, Write stops
// before writing anything.
func Write(ctx context.Context, out string, in Input) (Result, error) {
	return build(ctx, out, in, memory.DefaultAllocator)
}

func build(ctx context.Context, out string, in Input, mem memory.Allocator) (Result, error) {
	if err := checkInput(in); err != nil {
		return Result{}, err
	}
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	root := releasesDir(out)
	var repaired []Repaired
	if !in.DryRun {
		if err := makeDir(root); err != nil {
			return Result{}, err
		}
		lock, err := lockOut(ctx, root, in.Wait)
		if err != nil {
			return Result{}, err
		}
		defer lock.Release()
		if err := removeStale(root); err != nil {
			return Result{}, err
		}
		if repaired, err = repair(ctx, out, time.Now()); err != nil {
			return Result{Repaired: repaired}, err
		}
	}
	d, err := newDraft(in, mem)
	if err != nil {
		return Result{}, err
	}
	prev, prevFP, err := latestRelease(out)
	if err != nil {
		return Result{}, err
	}
	fp, err := d.fingerprint()
	if err != nil {
		return Result{}, err
	}
	res := Result{Version: prev, Dir: filepath.Join(root, prev), Previous: prev, Fingerprint: fp, Repaired: repaired}
	if prev != "" && prevFP == res.Fingerprint {
		return res, nil
	}
	res.Bump, res.Findings, err = d.plan(ctx, root, prev)
	if d.version == "" {
		return Result{}, err
	}
	res.Version, res.Dir, res.Changed, res.Changelog = d.version, filepath.Join(root, d.version), true, string(d.changelog)
	if err != nil || in.DryRun {
		res.DryRun = in.DryRun
		return res, err
	}
	if err := d.reserveDOI(ctx); err != nil {
		return Result{}, err
	}
	if err := d.commit(ctx, root, res.Dir); err != nil {
		return Result{}, err
	}
	step(stepVersion)
	if err := publish(root, d.entry(res.Fingerprint), res.Dir); err != nil {
		return Result{}, err
	}
	return res, nil
}

func checkInput(in Input) error {
	switch {
	case in.Date.IsZero():
		return errors.New("release: no release date")
	case in.Meta.Name == "":
		return errors.New("release: dataset metadata has no name")
	}
	return nil
}

// makeDir creates dir if need be, durably.
func makeDir(dir string) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return syncDir(filepath.Dir(dir))
}

// releasesDir is OUT/releases.
func releasesDir(out string) string { return filepath.Join(out, "releases") }

// sortedCopy returns rows in canonical order without reordering the
// caller's slices: the caller's rows themselves when they are in that
// order already (pipeline.Assemble sorts them), otherwise a sorted copy.
// Writers only read them.
func sortedCopy(r datasets.Rows) datasets.Rows {
	if r.Sorted() {
		return r
	}
	c := r.Clone()
	c.Sort()
	return c
}

// latestRelease returns the latest version and its fingerprint, or ""
// when nothing has been released yet.
func latestRelease(out string) (version, fingerprint string, err error) {
	version, err = Latest(out)
	if err != nil || version == "" {
		return "", "", err
	}
	entries, err := Index(out)
	if err != nil {
		return "", "", err
	}
	for _, e := range entries {
		if e.Version == version {
			return version, e.Fingerprint, nil
		}
	}
	return "", "", fmt.Errorf("release: %s: latest is %s, which index.json does not list", releasesDir(out), version)
}
