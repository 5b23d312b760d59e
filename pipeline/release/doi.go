package release

import (
	"cmp"
	"context"
	"fmt"
	"path/filepath"

	"github.com/cubaexports/cubaexports/pipeline/release/cite"
)

// DOI is a version's own DOI and the concept DOI that resolves to the
// latest of all versions (Zenodo mints both).
type DOI struct {
	Version string // e.g. "10.5281/zenodo.102"
	Concept string // e.g. "10.5281/zenodo.100"
}

// ReserveFunc reserves the DOI of version before any of its files is
// written. It must return the same DOI when called again for a version
// whose release was interrupted, so that a retry mints no second DOI.
type ReserveFunc func(ctx context.Context, version string) (DOI, error)

// reserveDOI asks in.ReserveDOI, if set, for the DOI of the draft's
// version. It runs after the version is known (plan) and before the
// commit writes anything: a sealed version cannot take a DOI later.
func (d *draft) reserveDOI(ctx context.Context) error {
	if d.in.ReserveDOI == nil {
		return nil
	}
	doi, err := d.in.ReserveDOI(ctx, d.version)
	if err != nil {
		return fmt.Errorf("release %s: reserving its DOI: %w", d.version, err)
	}
	if doi.Version == "" {
		return fmt.Errorf("release %s: reserving its DOI: no DOI returned", d.version)
	}
	d.doi = doi
	return nil
}

// conceptDOI is the concept DOI the version's files name: the reserved
// one, else the one the dataset's metadata declares.
func (d *draft) conceptDOI() string { return cmp.Or(d.doi.Concept, d.in.Meta.DOI) }

// citation is the version's citation as its files state it.
func (d *draft) citation() cite.Citation {
	c := cite.Of(d.in.Meta, d.version, d.in.Date)
	if d.doi.Version != "" {
		c.DOI, c.ConceptDOI = d.doi.Version, d.doi.Concept
	}
	return c
}

// doiURL is a DOI as a resolver URL, "" for none.
func doiURL(doi string) string {
	if doi == "" {
		return ""
	}
	return "https://doi.org/" + cite.BareDOI(doi)
}

// WriteFileAtomic replaces path with data as index.json is replaced: a
// temporary file next to it, fsynced, renamed over it, the directory
// fsynced. Files kept next to the versions (a deposit journal) use it.
func WriteFileAtomic(path string, data []byte) error {
	if err := makeDir(filepath.Dir(path)); err != nil {
		return err
	}
	return writeAtomic(path, data)
}
