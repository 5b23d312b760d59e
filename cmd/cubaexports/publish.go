package main

import (
	"context"
	"fmt"

	"github.com/cubaexports/cubaexports/pipeline/publish"
)

func cmdPublish(ctx context.Context, e *env, args []string) error {
	var o publish.Options
	var c common
	var withInputs bool
	fs := newFlags(e, "publish", "", "Upload the releases and their web catalog to object storage: s3://bucket/prefix,\n"+
		"gs://bucket/prefix, azblob://container/prefix or file:///dir (driver options in the URL's\n"+
		"query, e.g. s3://bucket/prefix?region=eu-west-1). Credentials come from the standard\n"+
		"environment variables. A version's files are written once and never overwritten; pages are\n"+
		"written when they changed; releases/index.json, releases/latest and index.html last.\n"+
		"--to zenodo (or zenodo-sandbox) deposits every version sealed with a DOI reserved there\n"+
		"(release --doi zenodo) and not yet published; the token comes from ZENODO_TOKEN.\n"+
		"See docs/publishing.md.")
	fs.StringVar(&o.To, "to", "", "bucket `URL` with an optional prefix, or "+zenodoNames()+" (required)")
	fs.BoolVar(&withInputs, "with-inputs", false, "zenodo: also deposit each version's input snapshots that their licence lets us redistribute, as a record of their own")
	c.register(fs, false)
	fs.StringVar(&c.out, "releases", "", "the same as --out (its former name)")
	fs.StringVar(&o.BaseURL, "base-url", "", "public `URL` of the site, for absolute URLs in the JSON-LD")
	fs.BoolVar(&o.DryRun, "dry-run", false, "list every object a publish to an empty target would write; contact nothing (no bucket, no credentials)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Errorf("publish takes no arguments, got %s", words(fs.Args()))}
	}
	if o.To == "" {
		return usageError{fmt.Errorf("publish needs --to URL (s3://, gs://, azblob:// or file://) or --to %s", zenodoNames())}
	}
	cfg, out, err := c.load(e)
	if err != nil {
		return err
	}
	o.Releases, o.Log = out, cfg.Log
	data := cfg.DataDir
	if isZenodo(o.To) {
		if o.DryRun || o.BaseURL != "" {
			return usageError{fmt.Errorf("--to %s takes neither --dry-run nor --base-url", o.To)}
		}
		return publishZenodo(ctx, e, o.To, o.Releases, data, withInputs)
	}
	if withInputs {
		return usageError{fmt.Errorf("--with-inputs goes with --to %s", zenodoNames())}
	}
	res, err := publish.Publish(ctx, o)
	if err != nil {
		return err
	}
	if o.DryRun {
		for _, k := range res.Uploaded {
			fmt.Fprintln(e.stdout, k)
		}
		fmt.Fprintf(e.stdout, "dry run: would upload up to %d objects (latest %s); the target was not contacted, so objects already there are not known\n",
			len(res.Uploaded), res.Latest)
		return nil
	}
	fmt.Fprintf(e.stdout, "uploaded %d objects, %d already there (latest %s)\n", len(res.Uploaded), res.Skipped, res.Latest)
	return nil
}
