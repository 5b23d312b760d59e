package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/cubaexports/cubaexports/pipeline/publish"
)

func cmdPublish(ctx context.Context, e *env, args []string) error {
	var o publish.Options
	fs := newFlags(e, "publish", "", "Upload the releases and their web catalog to object storage: s3://bucket/prefix,\n"+
		"gs://bucket/prefix, azblob://container/prefix or file:///dir (driver options in the URL's\n"+
		"query, e.g. s3://bucket/prefix?region=eu-west-1). Credentials come from the standard\n"+
		"environment variables. A version's files are written once and never overwritten; pages are\n"+
		"written when they changed; releases/index.json, releases/latest and index.html last.\n"+
		"See docs/publishing.md.")
	fs.StringVar(&o.To, "to", "", "bucket `URL` with an optional prefix (required)")
	fs.StringVar(&o.Releases, "releases", "out", "output `directory` holding releases/")
	fs.StringVar(&o.BaseURL, "base-url", "", "public `URL` of the site, for absolute URLs in the JSON-LD")
	fs.BoolVar(&o.DryRun, "dry-run", false, "list what would be uploaded, write nothing")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Errorf("publish takes no arguments, got %q", fs.Args())}
	}
	if o.To == "" {
		return usageError{fmt.Errorf("publish needs --to URL (s3://, gs://, azblob:// or file://)")}
	}
	o.Log = slog.New(slog.NewTextHandler(e.stderr, nil))
	res, err := publish.Publish(ctx, o)
	verb := "uploaded"
	if o.DryRun {
		verb = "would upload"
	}
	for _, k := range res.Uploaded {
		if o.DryRun {
			fmt.Fprintln(e.stdout, k)
		}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s %d objects, %d already there (latest %s)\n", verb, len(res.Uploaded), res.Skipped, res.Latest)
	return nil
}
