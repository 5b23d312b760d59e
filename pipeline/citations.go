package pipeline

import (
	"context"
	"errors"
	"fmt"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/pipeline/citations"
	"github.com/cubaexports/cubaexports/sources"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// VerifyCitations reads the curated observations (the catalog's entries
// whose kind cites documents, offline, nothing written) and, for every row whose
// source_id has a stored snapshot, looks for its figure in the
// document's text: among the figures the claim finder reads on each page
// (so "US$ 6.4 billion" matches 6400000000 and "4.882.234.500 dólares"
// matches 4882234500). A range needs both bounds on one page. The
// snapshot of a source_id is the current one of the catalog source with
// that id, or of the entry (a report) whose rows carry it.
func VerifyCitations(ctx context.Context, cfg Config) (*citations.Report, error) {
	cat, err := EffectiveCatalog(cfg)
	if err != nil {
		return nil, err
	}
	curated := &sources.Catalog{}
	for _, s := range cat.Entries {
		if r := s.Reader(); r != nil && r.Kind.CitesDocuments && !s.Disabled {
			curated.Entries = append(curated.Entries, s)
		}
	}
	bcfg := cfg
	bcfg.DryRun, bcfg.Offline = true, true
	store := newLazyStore(cfg)
	defer store.close()
	res := &live{cfg: bcfg, store: store}
	b, err := build(ctx, bcfg, buildInput{catalog: curated, resolver: res, store: store})
	if b == nil {
		return nil, err
	}
	if err != nil {
		cfg.logger().Warn("curated rows have validation errors; checking their citations anyway", "error", err)
	}
	return checkCitations(ctx, cfg, cat, b.Rows, b.Kinds, res)
}

// checkCitations runs citations.Search over rows with the documents res
// finds for each source_id: those of the catalog entry with that id, or
// of the entries (reports) whose rows carry it; a row cites a document
// when its kind (in kinds) says so.
func checkCitations(ctx context.Context, cfg Config, cat *sources.Catalog, all datasets.Rows, kinds map[string]*sources.Kind,
	res resolver) (*citations.Report, error) {
	holders := map[string][]string{} // source_id -> catalog ids whose snapshots hold it
	for _, s := range cat.Entries {
		if r := s.Reader(); r != nil && r.SourceID != s.ID {
			holders[r.SourceID] = append(holders[r.SourceID], s.ID)
		}
	}
	docsOf := func(ctx context.Context, id string) ([]snapshot.Document, error) {
		return res.cited(ctx, id, holders[id])
	}
	return citations.Search(ctx, all, citing(kinds), docsOf, cfg.logger())
}

// currentDocuments returns the current snapshot of the first of the
// catalog ids that has one; none when store is nil or no id has one.
func currentDocuments(ctx context.Context, store *snapshot.Store, cids []string) ([]snapshot.Document, error) {
	if store == nil {
		return nil, nil
	}
	for _, cid := range cids {
		d, _, err := store.Current(ctx, cid)
		if err == nil {
			return d, nil
		}
		if !errors.Is(err, snapshot.ErrNoSnapshot) {
			return nil, err
		}
	}
	return nil, nil
}

// citing says, by the extractor name stamped on a row, whether the row
// cites a document (its kind's CitesDocuments: a curated sheet's rows).
func citing(kinds map[string]*sources.Kind) func(extractor string) bool {
	return func(extractor string) bool {
		k := kinds[extractor]
		return k != nil && k.CitesDocuments
	}
}

// checkCitations confirms the curated figures against the stored
// snapshots of the documents they cite: a figure the document does not
// state is a warning (it does not block the release: the claim finder can
// miss a figure written in words); the pages found are logged and kept in
// b.Citations. A document that cannot be read is logged, not fatal.
func (b *builder) checkCitations(ctx context.Context, cfg Config, cat *sources.Catalog) {
	log := b.log
	rep, err := checkCitations(ctx, cfg, cat, b.Rows, b.Kinds, b.in.resolver)
	if err != nil {
		log.Warn("citations not checked", "error", err)
		return
	}
	b.Citations = rep
	found := 0
	for _, c := range rep.Checked {
		if c.Found {
			found++
			log.Info("citation found", "obs_id", c.ObsID, "source_id", c.SourceID, "document", c.Document, "page", c.Page)
			continue
		}
		if c.Uncheckable != "" {
			log.Info("citation not checkable", "obs_id", c.ObsID, "source_id", c.SourceID, "why", c.Uncheckable)
			continue
		}
		b.Report.AddWarning(c.Table, c.At, "source_id", c.SourceID, "citation_not_found",
			fmt.Sprintf("figure %s not found in the stored document %s", c.Figure, c.Document))
	}
	if len(rep.Checked) > 0 {
		log.Info("citations checked", "checked", len(rep.Checked), "found", found, "not_found", len(rep.Checked)-found)
	}
}
