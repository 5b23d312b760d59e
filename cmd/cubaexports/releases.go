package main

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/cubaexports/cubaexports/pipeline/release"
	"github.com/cubaexports/cubaexports/pipeline/runlock"
	"github.com/cubaexports/cubaexports/schemas"
)

func cmdReleases(_ context.Context, e *env, args []string) error {
	var c common
	fs := newFlags(e, "releases", "", "List the published versions with their dates, fingerprints and row counts.")
	c.register(fs, false)
	if err := parse(fs, args); err != nil {
		return err
	}
	_, out, err := c.load(e)
	if err != nil {
		return err
	}
	entries, err := release.Index(out)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		fmt.Fprintf(e.stdout, "no releases in %s\n", out)
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprint(tw, "VERSION\tDATE\tFINGERPRINT")
	for _, t := range schemas.All() {
		fmt.Fprintf(tw, "\t%s", t.Name)
	}
	fmt.Fprintln(tw)
	for _, en := range entries {
		fmt.Fprintf(tw, "%s\t%s\t%.12s", en.Version, en.Date, en.Fingerprint)
		for _, t := range schemas.All() {
			fmt.Fprintf(tw, "\t%d", en.Rows[t.Name])
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

func cmdVerify(ctx context.Context, e *env, args []string) error {
	var c common
	var pubkey string
	var all bool
	fs := newFlags(e, "verify", "[VERSION]", "Re-hash every file of a release (default: the latest) against its SHA256SUMS,\n"+
		"check that every Parquet file holds the same rows as its CSV file, that datapackage.json\n"+
		"is a Frictionless Data Package v2 and that index.json's entry matches the files; with --pubkey,\n"+
		"check SHA256SUMS.sig too. First completes what a run killed while publishing left (a version\n"+
		"not yet listed is verified and listed, or moved aside to releases/.broken/).")
	c.register(fs, false)
	fs.BoolVar(&all, "all", false, "verify every version index.json lists")
	fs.StringVar(&pubkey, "pubkey", "", "require SHA256SUMS.sig to be a valid signature by this ed25519 public key `file` (PEM PKIX, or 32 bytes, raw or hex)")
	if err := parse(fs, args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 1:
		return usageError{fmt.Errorf("verify takes at most one VERSION, got %s", words(fs.Args()))}
	case all && fs.NArg() > 0:
		return usageError{fmt.Errorf("verify --all takes no VERSION, got %s", words(fs.Args()))}
	}
	pub, err := readPubKey(pubkey)
	if err != nil {
		return err
	}
	_, out, err := c.load(e)
	if err != nil {
		return err
	}
	if err := repairOut(ctx, e, out); err != nil {
		return err
	}
	versions, err := verifyVersions(out, fs.Arg(0), all)
	if err != nil {
		return err
	}
	for _, v := range versions {
		if err := verifyOne(ctx, e, out, v, pub); err != nil {
			return err
		}
	}
	return nil
}

// repairOut completes what an interrupted publication left in out
// (release.Repair), unless another process is writing there, and says
// what it did.
func repairOut(ctx context.Context, e *env, out string) error {
	done, err := release.Repair(ctx, out, false)
	if errors.Is(err, runlock.ErrBusy) {
		fmt.Fprintf(e.stderr, "cubaexports: %v; verifying without repairing\n", err)
		return nil
	}
	for _, r := range done {
		fmt.Fprintf(e.stdout, "repaired: %s\n", r)
	}
	return err
}

// verifyVersions is what verify checks: every listed version with all,
// otherwise the VERSION argument or the latest.
func verifyVersions(out, arg string, all bool) ([]string, error) {
	if !all {
		v, err := versionArg(out, arg)
		return []string{v}, err
	}
	entries, err := release.Index(out)
	if err != nil {
		return nil, err
	}
	if len(entries) == 0 {
		return nil, fmt.Errorf("%w: %s: nothing has been released", release.ErrVerify, out)
	}
	var vs []string
	for _, en := range entries {
		vs = append(vs, en.Version)
	}
	return vs, nil
}

// verifyOne verifies version v and, with pub, its signature.
func verifyOne(ctx context.Context, e *env, out, v string, pub ed25519.PublicKey) error {
	if err := release.Verify(ctx, out, v); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: every file matches SHA256SUMS, every Parquet file matches its CSV, index.json matches\n", v)
	if pub != nil {
		if err := release.VerifySignature(out, v, pub); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s: SHA256SUMS.sig is a valid signature by the given key\n", v)
	}
	return nil
}

// versionArg is the version a command's VERSION argument names (1.0.0
// or v1.0.0), which must be published in out; or the latest release when
// arg is empty ("" before the first release).
func versionArg(out, arg string) (string, error) {
	if arg == "" {
		return release.Latest(out)
	}
	v := arg
	if !strings.HasPrefix(v, "v") {
		v = "v" + v
	}
	dir, err := release.VersionDir(out, v)
	if err != nil {
		return "", usageError{fmt.Errorf("%q is not a version: want MAJOR.MINOR.PATCH, such as 1.0.0 or v1.0.0", arg)}
	}
	if _, err := os.Stat(dir); err == nil {
		return v, nil
	}
	entries, err := release.Index(out)
	if err != nil {
		return "", err
	}
	var have []string
	for _, en := range entries {
		have = append(have, en.Version)
	}
	if len(have) == 0 {
		return "", fmt.Errorf("no such version %s: %s holds no releases", v, out)
	}
	return "", fmt.Errorf("no such version %s in %s (published: %s)", v, out, strings.Join(have, ", "))
}
