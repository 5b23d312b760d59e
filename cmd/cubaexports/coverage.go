package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/cubaexports/cubaexports/pipeline/coverage"
	"github.com/cubaexports/cubaexports/pipeline/release"
)

func cmdCoverage(_ context.Context, e *env, args []string) error {
	var c common
	fs := newFlags(e, "coverage", "[VERSION]", "Print what a release (default: the latest) covers, as Markdown: the host countries with\n"+
		"their worker counts, contract rates and revenue by year, revenue by concept and year, and\n"+
		"figures by observation type. docs/data.md's coverage section is this report of the embedded data.")
	c.register(fs, false)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return usageError{fmt.Errorf("coverage takes at most one VERSION, got %s", words(fs.Args()))}
	}
	_, out, err := c.load(e)
	if err != nil {
		return err
	}
	v, err := versionArg(out, fs.Arg(0))
	if err != nil {
		return err
	}
	if v == "" {
		return errors.New("no release yet: run 'cubaexports run' first")
	}
	dir, err := release.VersionDir(out, v)
	if err != nil {
		return usageError{err}
	}
	r, err := coverage.Read(dir)
	if err != nil {
		return err
	}
	return r.Markdown(e.stdout)
}
