package main

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/cubaexports/cubaexports/pipeline/release"
	"github.com/cubaexports/cubaexports/pipeline/release/cite"
)

func cmdCite(_ context.Context, e *env, args []string) error {
	var c common
	var format string
	fs := newFlags(e, "cite", "[VERSION]", "Print the citation of a release (default: the latest), read from that version's\n"+
		"CITATION.cff and datapackage.json. Formats: "+strings.Join(cite.Formats, ", ")+
		" (datacite: the JSON a DOI\nregistration with DataCite's REST API takes).")
	c.register(fs, false)
	fs.StringVar(&format, "format", cite.Formats[0], "citation `format`: "+strings.Join(cite.Formats, ", "))
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return usageError{fmt.Errorf("cite takes at most one VERSION, got %s", words(fs.Args()))}
	}
	if !slices.Contains(cite.Formats, format) {
		return usageError{fmt.Errorf("--format %q: want one of %s", format, strings.Join(cite.Formats, ", "))}
	}
	_, out, err := c.load(e)
	if err != nil {
		return err
	}
	b, err := release.Cite(out, fs.Arg(0), format)
	if err != nil {
		return err
	}
	_, err = e.stdout.Write(b)
	return err
}

// readSignKey reads the --sign-key file; "" means no signing.
func readSignKey(path string) (ed25519.PrivateKey, error) {
	if path == "" {
		return nil, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, usageError{fmt.Errorf("--sign-key: %w", err)}
	}
	k, err := release.ParsePrivateKey(b)
	if err != nil {
		return nil, usageError{fmt.Errorf("--sign-key %s: %w", path, err)}
	}
	return k, nil
}

// readPubKey reads the --pubkey file; "" means no signature check.
func readPubKey(path string) (ed25519.PublicKey, error) {
	if path == "" {
		return nil, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, usageError{fmt.Errorf("--pubkey: %w", err)}
	}
	k, err := release.ParsePublicKey(b)
	if err != nil {
		return nil, usageError{fmt.Errorf("--pubkey %s: %w", path, err)}
	}
	return k, nil
}
