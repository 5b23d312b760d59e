package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/pipeline/archive"
	"github.com/cubaexports/cubaexports/pipeline/citations"
	"github.com/cubaexports/cubaexports/pipeline/release"
	"github.com/cubaexports/cubaexports/pipeline/validate"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// Built is the outcome of building the tables, before any release.
type Built struct {
	Rows    datasets.Rows
	Inputs  []release.InputFile
	Report  *validate.Report
	Skipped map[string]string // catalog entry id -> why it was skipped
	Config  string            // SHA-256 of Catalog
	// Catalog is the effective catalog as JSON, recorded in provenance.json.
	Catalog []byte
	// Stale lists the entries whose fetch failed, with the time of the
	// last good snapshots used instead; FetchErrors says why each failed.
	Stale       map[string]time.Time
	FetchErrors map[string]string
	// Recovered lists the entries fetched and extracted again after their
	// fetches had failed, with when the failures started (reported once:
	// the next run finds them healthy).
	Recovered map[string]time.Time
	// Bootstrapped lists the entries built from their embedded bootstrap
	// documents because the store holds no snapshot of them yet.
	Bootstrapped map[string]bool
	// CrossChecks are the comparisons the release notes report (never
	// failures): rates that disagree, implied revenue, worker totals.
	CrossChecks []string

	// Citations is what confirming the curated figures against the
	// stored snapshots of the documents they cite found: for each figure
	// found, the document and page (published in the rows' page column
	// when the document is paged); a figure not found is also a warning
	// of the report (rule citation_not_found).
	Citations *citations.Report

	// Kinds are the kinds that extracted the rows, by the extractor name
	// stamped on their rows (kind@version).
	Kinds map[string]*sources.Kind
}

// Problems are the failures of one build, one per failed source (and
// the located errors of the others): every source is tried, so one run
// reports them all.
type Problems []error

// Error is one problem a line.
func (p Problems) Error() string {
	lines := make([]string, len(p))
	for i, e := range p {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the problems, for errors.Is and errors.As.
func (p Problems) Unwrap() []error { return p }

// Result is the outcome of a run.
type Result struct {
	Built
	Release release.Result
}

// Assemble gathers every catalog entry's documents, extracts, stamps,
// normalizes, derives and validates. A validation failure returns the
// built tables and an error wrapping validate.ErrBlocked; nothing is
// written. Otherwise, unless cfg.DryRun, the bytes of every embedded or
// local document it read are kept in the snapshot store (Store.Keep), so
// that a release of them can be rebuilt later (Rebuild).
func Assemble(ctx context.Context, cfg Config) (*Built, error) {
	cat, err := EffectiveCatalog(cfg)
	if err != nil {
		return nil, err
	}
	return buildLive(ctx, cfg, cat)
}

// buildLive is Assemble of a given catalog, from the documents a run finds
// (the live resolver).
func buildLive(ctx context.Context, cfg Config, cat *sources.Catalog) (*Built, error) {
	store := newLazyStore(cfg)
	defer store.close()
	return build(ctx, cfg, buildInput{catalog: cat, resolver: &live{cfg: cfg, store: store}, store: store,
		checkCitations: true, keep: !cfg.DryRun})
}

// buildInput is what a build reads besides its configuration.
type buildInput struct {
	catalog *sources.Catalog
	// resolver says where each entry's documents, and the documents the
	// citation check searches, come from.
	resolver resolver
	// store is the snapshot store documents are kept in.
	store *lazyStore
	// checkCitations confirms curated figures against the documents they
	// cite (VerifyCitations does it itself, after its build).
	checkCitations bool
	// keep keeps the bytes of every embedded or local document read in
	// the snapshot store (a build that may release; not a rebuild).
	keep bool
}

// builder assembles one build's Built.
type builder struct {
	Built
	in        buildInput
	log       *slog.Logger
	described map[string]bool     // entries whose own sources row is in
	used      []snapshot.Document // every document extracted, to keep in the store
	archive   *archive.Manifest   // the archive manifest the build publishes from; nil: none
	kept      *keeping            // the documents being kept in the snapshot store; nil: none
}

// build runs the stages of Assemble on the given input.
func build(ctx context.Context, cfg Config, in buildInput) (*Built, error) {
	b := &builder{in: in, log: cfg.logger(), described: map[string]bool{}, Built: Built{Report: &validate.Report{},
		Skipped: map[string]string{}, Stale: map[string]time.Time{}, FetchErrors: map[string]string{},
		Recovered: map[string]time.Time{}, Bootstrapped: map[string]bool{}, Kinds: map[string]*sources.Kind{}}}
	log := b.log
	var err error
	if b.Catalog, err = catalogJSON(in.catalog); err != nil {
		return nil, err
	}
	b.Config = configHash(b.Catalog)
	// Every entry is tried, so one run reports every source that fails;
	// a failed entry stops the build before validation (whose findings
	// about the missing rows would only repeat it).
	var failed []error
	for _, src := range in.catalog.Entries {
		if src.Disabled {
			b.Skipped[src.ID] = "disabled (catalog or configuration)"
			continue
		}
		if err := b.entry(ctx, src); err != nil {
			if ctx.Err() != nil {
				return nil, err
			}
			b.log.Error("source failed", "source", src.ID, "err", err)
			failed = append(failed, err)
		}
	}
	if len(failed) > 0 {
		if err := b.Report.Err(); err != nil { // located extraction errors of the other entries
			failed = append(failed, err)
		}
		return &b.Built, Problems(failed)
	}
	if in.keep {
		// Staged while the rows are derived and validated; committed only
		// when the build succeeds.
		kept := b.startKeep(ctx)
		defer kept.discard()
		b.kept = kept
	}
	normalizeRows(&b.Rows, b.Report)
	b.CrossChecks = derive(&b.Rows, cfg.File.BaseYear, b.Kinds)
	// After derive, which adds the sources row of cubaexports' own rules.
	if err := b.applyArchive(ctx); err != nil {
		return nil, err
	}
	b.Rows.Sort()
	// Validation and the citation check only read the rows: they run at
	// the same time. Pages are stamped on the rows after both.
	validated := make(chan *validate.Report, 1)
	go func() {
		validated <- validate.Check(&b.Rows, validate.Options{Codes: codes{}, CurrentYear: cfg.Date.Year()})
	}()
	if in.checkCitations {
		b.checkCitations(ctx, cfg, in.catalog)
	}
	b.Report.Merge(<-validated)
	if in.checkCitations {
		b.stampCitationPages(ctx)
		b.stampDocChecks(citing(b.Kinds))
	}
	b.Report.Sort()
	for _, w := range b.Report.Warnings() {
		log.Warn("validation", "finding", w.String())
	}
	log.Info("built", "revenue", b.Rows.Revenue.Len(), "contract_rates", b.Rows.ContractRates.Len(),
		"worker_counts", b.Rows.WorkerCounts.Len(), "sources", len(b.Rows.Sources), "errors", len(b.Report.Errors()))
	if err := b.Report.Err(); err != nil {
		return &b.Built, err
	}
	if b.kept != nil {
		if err := b.kept.commit(); err != nil {
			return &b.Built, err
		}
	}
	return &b.Built, nil
}

// entry resolves, extracts and stamps the documents of one catalog entry.
func (b *builder) entry(ctx context.Context, src sources.Entry) error {
	r := src.Reader()
	if r == nil {
		return fmt.Errorf("source %s: %w: the entry was not opened by its kind", src.ID, sources.ErrCatalog)
	}
	res, err := b.in.resolver.resolve(ctx, src, r)
	if err != nil {
		return err
	}
	if res.Skip != "" {
		b.Skipped[src.ID] = res.Skip
		b.log.Warn("source skipped", "source", src.ID, "reason", res.Skip)
		return nil
	}
	if !res.StaleSince.IsZero() {
		b.Stale[src.ID] = res.StaleSince
		b.FetchErrors[src.ID] = res.FetchErr.Error()
	}
	if res.Bootstrapped {
		b.Bootstrapped[src.ID] = true
	}
	// Every document is read, so one run reports all their problems.
	var failed, bad []error
	for _, d := range res.Documents {
		rows, err := extract(ctx, src, r, d)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if les, ok := located(err); ok && !errors.Is(err, sources.ErrLayoutChanged) {
			for _, le := range les {
				b.Report.AddError(src.ID, le.At, le.Column, "", "extract", le.Err.Error())
			}
			bad = append(bad, err)
			continue
		}
		if errors.Is(err, sources.ErrLayoutChanged) {
			err = fmt.Errorf("source %s: %s: %w", src.ID, d.Name, err)
		}
		if err != nil {
			failed = append(failed, err)
			continue
		}
		stampProvenance(&rows, src, d.Snapshot, r.Kind)
		b.Kinds[r.Kind.ExtractorName()] = r.Kind
		rows.Sources = b.ownSourceOnce(src.ID, rows.Sources)
		b.Rows.Append(rows)
		b.used = append(b.used, d)
		b.Inputs = append(b.Inputs, release.InputFile{SourceID: src.ID, Kind: src.Kind, Name: d.Name, URL: d.URL,
			SHA256: d.SHA256, Bytes: d.Size, RetrievedAt: d.RetrievedAt})
		b.log.Debug("extracted", "source", src.ID, "document", d.Name, "rows", rows.Len())
	}
	if err := errors.Join(append(failed, bad...)...); err != nil {
		if res.Fail != nil { // freshly fetched documents that do not extract: the fetch failed
			if ferr := res.Fail(err); ferr != nil {
				failed = append(failed, ferr)
			}
		}
		return errors.Join(failed...)
	}
	if res.Commit != nil {
		// Freshly fetched documents become the entry's current ones only
		// now that every one of them was extracted without error.
		if err := res.Commit(); err != nil {
			return err
		}
		if !res.FailingSince.IsZero() {
			b.Recovered[src.ID] = res.FailingSince
		}
	}
	return nil
}

// ownSourceOnce keeps the first row a kind gives for its own catalog
// source (a paged source describes itself on every page) and drops the
// others; rows for other documents pass through.
func (b *builder) ownSourceOnce(id string, rows []schemas.Source) []schemas.Source {
	var out []schemas.Source
	for _, r := range rows {
		if r.SourceID == id {
			if b.described[id] {
				continue
			}
			b.described[id] = true
		}
		out = append(out, r)
	}
	return out
}

// located returns the located errors err is made of, and ok when err is
// nothing but located errors: problems of the document, which are
// reported with the validation findings rather than ending the run.
func located(err error) (les []*datasets.LocatedError, ok bool) {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return nil, false
	}
	if multi, isMulti := err.(interface{ Unwrap() []error }); isMulti {
		for _, e := range multi.Unwrap() {
			sub, ok := located(e)
			if !ok {
				return nil, false
			}
			les = append(les, sub...)
		}
		return les, len(les) > 0
	}
	var le *datasets.LocatedError
	if errors.As(err, &le) {
		return []*datasets.LocatedError{le}, true
	}
	return nil, false
}

// extract reads one document of a catalog entry with the entry's
// extractor.
func extract(ctx context.Context, src sources.Entry, r *sources.Reader, d snapshot.Document) (datasets.Rows, error) {
	body, err := d.Open()
	if err != nil {
		return datasets.Rows{}, fmt.Errorf("source %s: %s: %w", src.ID, d.Name, err)
	}
	defer body.Close()
	return r.Extractor.Extract(ctx, d.Snapshot, body)
}

// Run builds the tables and, when they validate, writes a release if the
// data changed. A run whose data did not change writes nothing.
func Run(ctx context.Context, cfg Config, out string) (*Result, error) {
	if cfg.RunLocked {
		n, err := removeDeadTemps(cfg.dataDir(), time.Now())
		if err != nil {
			return nil, err
		}
		if n > 0 {
			cfg.logger().Warn("removed temporary files of runs that died", "entries", n, "data", cfg.dataDir())
		}
	}
	b, err := Assemble(ctx, cfg)
	if err != nil {
		if b != nil {
			return &Result{Built: *b}, err
		}
		return nil, err
	}
	tmp := ""
	if !cfg.DryRun {
		if tmp, err = newScratch(cfg.dataDir()); err != nil {
			return &Result{Built: *b}, err
		}
		defer os.RemoveAll(tmp)
	}
	rel, err := release.Write(ctx, out, release.Input{Rows: b.Rows, Meta: datasets.Default(), Inputs: b.Inputs,
		ConfigSHA256: b.Config, Catalog: b.Catalog, Program: cfg.Program, Date: cfg.Date,
		DryRun: cfg.DryRun, AcceptRegressions: cfg.AcceptRegressions, Stale: b.Stale,
		CrossChecks: b.CrossChecks, SignKey: cfg.SignKey, ReserveDOI: cfg.ReserveDOI, Wait: cfg.Wait, TempDir: tmp})
	for _, r := range rel.Repaired {
		cfg.logger().Warn("release: repaired an interrupted publication", "action", r.Action, "version", r.Version, "detail", r.String())
	}
	if err != nil {
		return &Result{Built: *b, Release: rel}, err
	}
	log := cfg.logger()
	switch {
	case rel.DryRun:
		log.Info("dry run: nothing written", "version", rel.Version, "bump", rel.Bump.Level)
	case rel.Changed:
		log.Info("released", "version", rel.Version, "dir", rel.Dir)
	default:
		log.Info("data unchanged: nothing released", "latest", rel.Version)
	}
	return &Result{Built: *b, Release: rel}, nil
}

// EffectiveCatalog is the catalog a run uses: the embedded catalog, the
// catalog directory's entries (Config.CatalogDir), the configuration
// file's entries and overrides, then the environment's URL overrides
// (CUBAEXPORTS_URL_<SOURCE_ID>, e.g. CUBAEXPORTS_URL_WORLDBANK_FX), so
// tests and mirrors can point any source elsewhere. Each entry's Origin
// says which layer declared it and what overrode it.
func EffectiveCatalog(cfg Config) (*sources.Catalog, error) {
	cat, err := sources.DefaultCatalog()
	if err != nil {
		return nil, err
	}
	if cfg.CatalogDir != "" {
		es, err := sources.LoadDir(cfg.CatalogDir)
		if err != nil {
			return nil, err
		}
		cat.Merge(es)
	}
	if err := applyFile(cat, cfg.File); err != nil || cfg.Getenv == nil {
		return cat, err
	}
	for _, s := range cat.Entries {
		name := "CUBAEXPORTS_URL_" + strings.ToUpper(s.ID)
		if u := cfg.Getenv(name); u != "" {
			if err := cat.ApplyFrom("environment "+name, map[string]sources.Override{s.ID: {URL: u}}); err != nil {
				return nil, fmt.Errorf("environment: %w", err)
			}
		}
	}
	return cat, nil
}

// Catalog is the embedded catalog with the configuration file's entries
// and overrides (no catalog directory, no environment).
func Catalog(f File) (*sources.Catalog, error) {
	cat, err := sources.DefaultCatalog()
	if err != nil {
		return nil, err
	}
	return cat, applyFile(cat, f)
}

// applyFile lays the configuration file's sources section over cat.
func applyFile(cat *sources.Catalog, f File) error {
	cat.Merge(f.Entries)
	name := "cubaexports.yaml"
	if f.Path != "" {
		name = f.Path
	}
	return cat.ApplyFrom(name, f.Sources)
}

// dataDir is DataDir, or its default.
func (c Config) dataDir() string {
	if c.DataDir == "" {
		return "data"
	}
	return c.DataDir
}

func (c Config) logger() *slog.Logger {
	if c.Log != nil {
		return c.Log
	}
	return slog.New(slog.DiscardHandler)
}

// ReleaseDate is the release date: SOURCE_DATE_EPOCH (seconds since the
// Unix epoch) when set, else now; in UTC.
func ReleaseDate(sourceDateEpoch string, now time.Time) (time.Time, error) {
	if sourceDateEpoch == "" {
		return now.UTC().Truncate(time.Second), nil
	}
	s, err := strconv.ParseInt(sourceDateEpoch, 10, 64)
	if err != nil || s < 0 {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds", sourceDateEpoch)
	}
	return time.Unix(s, 0).UTC(), nil
}
