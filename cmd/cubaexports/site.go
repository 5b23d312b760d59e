package main

import (
	"context"
	"fmt"

	"github.com/cubaexports/cubaexports/pipeline/publish/site"
)

func cmdSite(ctx context.Context, e *env, args []string) error {
	var o site.Options
	fs := newFlags(e, "site", "", "Generate the static web catalog of the releases: home page, a page per version and\n"+
		"table, sources page, SVG charts, schema.org JSON-LD; the release files are copied to\nDIR/releases/. "+
		"The same releases give a byte-identical site. See docs/publishing.md.")
	fs.StringVar(&o.Out, "out", "out/site", "site `directory` (replaced as a whole: it must be empty or a site generated before)")
	fs.StringVar(&o.Releases, "releases", "out", "output `directory` holding releases/")
	fs.StringVar(&o.BaseURL, "base-url", "", "public `URL` of the site, for absolute URLs in the JSON-LD (the HTML links stay relative)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Errorf("site takes no arguments, got %s", words(fs.Args()))}
	}
	res, err := site.Generate(ctx, o)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "site of %d versions (latest %s) in %s: %d files\n", res.Versions, res.Latest, o.Out, res.Files)
	return nil
}
