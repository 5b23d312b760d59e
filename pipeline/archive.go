package pipeline

import (
	"context"
	"fmt"

	"github.com/cubaexports/cubaexports/pipeline/archive"
)

// Archive archives every document the sources table cites (url, and
// original_url when set) into the snapshot store and stores the
// manifest of what it found (archive.Run). The sources table is built
// as a run builds it, offline, nothing released. opts.Fetch takes the
// configuration's fetch options where it sets none.
func Archive(ctx context.Context, cfg Config, opts archive.Options) (*archive.Manifest, archive.Summary, error) {
	cat, err := EffectiveCatalog(cfg)
	if err != nil {
		return nil, archive.Summary{}, err
	}
	bcfg := cfg
	bcfg.DryRun, bcfg.Offline = true, true
	store := newLazyStore(cfg)
	defer store.close()
	b, err := build(ctx, bcfg, buildInput{catalog: cat, resolver: &live{cfg: bcfg, store: store}, store: store})
	if b == nil {
		return nil, archive.Summary{}, err
	}
	if err != nil {
		cfg.logger().Warn("the tables have validation errors; archiving their sources anyway", "error", err)
	}
	var targets []archive.Target
	for _, s := range b.Rows.Sources {
		targets = append(targets, archive.Target{SourceID: s.SourceID, URL: s.URL, OriginalURL: s.OriginalURL, Published: s.Published})
	}
	s, err := store.open()
	if err != nil {
		return nil, archive.Summary{}, err
	}
	if opts.Fetch.MaxRetries == 0 {
		opts.Fetch.MaxRetries = cfg.Fetch.MaxRetries
	}
	if opts.Log == nil {
		opts.Log = cfg.logger()
	}
	m, sum, err := archive.Run(ctx, s, targets, opts)
	if err != nil {
		return nil, sum, fmt.Errorf("archive: %w", err)
	}
	return m, sum, nil
}
