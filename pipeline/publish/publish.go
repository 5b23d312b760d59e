package publish

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"regexp"
	"strings"

	"gocloud.dev/blob"
	"gocloud.dev/gcerrors"

	"github.com/cubaexports/cubaexports/pipeline/publish/serve"
	"github.com/cubaexports/cubaexports/pipeline/publish/site"
)

// shaKey is the object metadata key holding the hex SHA-256 of the object.
const shaKey = "sha256"

// Options say what to publish where.
type Options struct {
	// To is the bucket URL with an optional prefix: s3://bucket/prefix,
	// gs://bucket/prefix, azblob://container/prefix or file:///dir.
	// Driver options go in the query (s3: region, endpoint,
	// use_path_style, ...).
	To string
	// Releases is the output directory holding releases/ (e.g. "out").
	Releases string
	// BaseURL is the public URL of the site, for the JSON-LD (optional).
	BaseURL string
	// DryRun lists every object a publish to an empty target would write,
	// contacting nothing (no bucket, no credentials, no metadata service).
	DryRun bool
	Log    *slog.Logger
}

// Result says what Publish did.
type Result struct {
	Latest   string
	Uploaded []string // object keys written, in order
	Skipped  int      // objects already there with the same bytes
}

// ErrImmutable is returned when an object of a version already exists
// with other bytes than the release's file.
var ErrImmutable = errors.New("publish: a published version's object differs from the release")

// ErrNoDriver is returned for a target whose driver this binary was
// built without; the message names the build tag that adds it.
var ErrNoDriver = errors.New("publish: driver not in this build")

// versioned matches the keys of a version's files.
var versioned = regexp.MustCompile(`^releases/v[0-9]+\.[0-9]+\.[0-9]+/.`)

// last are the keys written after everything else, in this order.
var last = []string{"releases/index.json", "releases/latest", "index.html"}

// Publish renders the site of the releases and uploads what is new.
func Publish(ctx context.Context, o Options) (Result, error) {
	log := o.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	files, res, err := site.Render(ctx, o.Releases, o.BaseURL)
	if err != nil {
		return Result{}, err
	}
	p := &publisher{log: log, dry: o.DryRun, res: Result{Latest: res.Latest}}
	if o.DryRun {
		// A dry run contacts nothing: no credentials, no metadata service,
		// no bucket. It checks the URL and lists every object a publish
		// to an empty target would write.
		if _, err := bucketURL(o.To); err != nil {
			return Result{}, err
		}
	} else {
		b, err := OpenBucket(ctx, o.To)
		if err != nil {
			return Result{}, err
		}
		defer b.Close()
		p.b = b
	}
	// Versions first, each version's SHA256SUMS after its other files;
	// then pages and charts; then the index, latest and home page.
	var versions, pages, final []site.File
	for _, f := range files {
		switch {
		case versioned.MatchString(f.Path):
			versions = append(versions, f)
		case isLast(f.Path):
			final = append(final, f)
		default:
			pages = append(pages, f)
		}
	}
	sumsLast(versions)
	for _, f := range versions {
		if err := p.put(ctx, f, true); err != nil {
			return p.res, err
		}
	}
	for _, f := range pages {
		if err := p.put(ctx, f, false); err != nil {
			return p.res, err
		}
	}
	for _, k := range last {
		for _, f := range final {
			if f.Path == k {
				if err := p.put(ctx, f, false); err != nil {
					return p.res, err
				}
			}
		}
	}
	return p.res, nil
}

func isLast(p string) bool {
	for _, k := range last {
		if p == k {
			return true
		}
	}
	return false
}

// sumsLast moves each version's SHA256SUMS (and its signature) after the
// version's other files, keeping the order otherwise.
func sumsLast(files []site.File) {
	isSums := func(p string) bool {
		return strings.HasSuffix(p, "/SHA256SUMS") || strings.HasSuffix(p, "/SHA256SUMS.sig")
	}
	var out []site.File
	var sums []site.File
	version := ""
	flush := func() { out = append(out, sums...); sums = nil }
	for _, f := range files {
		v := strings.Join(strings.SplitN(f.Path, "/", 3)[:2], "/")
		if v != version {
			flush()
			version = v
		}
		if isSums(f.Path) {
			sums = append(sums, f)
		} else {
			out = append(out, f)
		}
	}
	flush()
	copy(files, out)
}

// OpenBucket opens the bucket of a URL scheme://bucket/prefix?options;
// the path (except for file://, where it is the directory) is a key prefix.
func OpenBucket(ctx context.Context, to string) (*blob.Bucket, error) {
	u, err := bucketURL(to)
	if err != nil {
		return nil, err
	}
	prefix := ""
	if u.Scheme != "file" {
		prefix = strings.Trim(u.Path, "/")
		u.Path = ""
	}
	if u.Scheme == "file" {
		if err := os.MkdirAll(u.Path, 0o755); err != nil {
			return nil, fmt.Errorf("publish: %w", err)
		}
	}
	b, err := blob.OpenBucket(ctx, u.String())
	if err != nil {
		return nil, fmt.Errorf("publish: open %s: %w", redact(u), err)
	}
	if prefix != "" {
		b = blob.PrefixedBucket(b, prefix+"/")
	}
	return b, nil
}

// bucketURL parses a target URL and checks that this binary has its
// driver; it contacts nothing.
func bucketURL(to string) (*url.URL, error) {
	u, err := url.Parse(to)
	if err != nil {
		return nil, fmt.Errorf("publish: --to %q: %w", to, err)
	}
	switch u.Scheme {
	case "s3", "gs", "azblob", "file":
	default:
		return nil, fmt.Errorf("publish: --to %q: want an s3://, gs://, azblob:// or file:// URL", to)
	}
	return u, checkDriver(redact(u), u.Scheme)
}

// redact drops the query (which may hold secrets) from a URL for messages.
func redact(u *url.URL) string {
	c := *u
	c.RawQuery = ""
	return c.String()
}

type publisher struct {
	b   *blob.Bucket
	log *slog.Logger
	dry bool
	res Result
}

// put writes f unless an object with the same bytes is there. An
// immutable object (a version's file) is never overwritten.
func (p *publisher) put(ctx context.Context, f site.File, immutable bool) error {
	data := f.Data
	if data == nil {
		var err error
		if data, err = os.ReadFile(f.Source); err != nil {
			return fmt.Errorf("publish: %w", err)
		}
	}
	if p.dry {
		p.res.Uploaded = append(p.res.Uploaded, f.Path)
		return nil
	}
	sum := sha256.Sum256(data)
	want := hex.EncodeToString(sum[:])
	have, err := p.existing(ctx, f.Path)
	if err != nil {
		return err
	}
	switch {
	case have == want:
		p.res.Skipped++
		return nil
	case have != "" && immutable:
		return fmt.Errorf("%w: %s has SHA-256 %s, the release's file %s; refusing to overwrite it", ErrImmutable, f.Path, have, want)
	}
	opts := &blob.WriterOptions{ContentType: serve.ContentType(f.Path), CacheControl: serve.CacheControl("/" + f.Path),
		Metadata: map[string]string{shaKey: want}, IfNotExist: immutable}
	md5 := md5Of(data)
	opts.ContentMD5 = md5
	if err := p.b.WriteAll(ctx, f.Path, data, opts); err != nil {
		if immutable && gcerrors.Code(err) == gcerrors.FailedPrecondition {
			return fmt.Errorf("%w: %s appeared while publishing; refusing to overwrite it", ErrImmutable, f.Path)
		}
		return fmt.Errorf("publish: write %s: %w", f.Path, err)
	}
	p.log.Info("uploaded", "key", f.Path, "bytes", len(data))
	p.res.Uploaded = append(p.res.Uploaded, f.Path)
	return nil
}

// existing returns the hex SHA-256 of the object at key, "" when there is
// none: from its metadata, or by reading it when the metadata lacks it.
func (p *publisher) existing(ctx context.Context, key string) (string, error) {
	a, err := p.b.Attributes(ctx, key)
	if gcerrors.Code(err) == gcerrors.NotFound {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("publish: %s: %w", key, err)
	}
	if s := a.Metadata[shaKey]; len(s) == 64 {
		return s, nil
	}
	r, err := p.b.NewReader(ctx, key, nil)
	if err != nil {
		return "", fmt.Errorf("publish: %s: %w", key, err)
	}
	defer r.Close()
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return "", fmt.Errorf("publish: %s: %w", key, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
