package zenodo

import (
	"time"

	"context"
	"fmt"

	"github.com/cubaexports/cubaexports/pipeline/release"
	"github.com/cubaexports/cubaexports/pipeline/release/cite"
)

// Reserve returns the DOI the release version will carry: a draft
// deposition's pre-reserved DOI. It is a release.ReserveFunc.
//
// A reservation whose version was never sealed (the release was
// interrupted or failed after it) is reused, whatever version it was made
// for, so a retry mints no second DOI. Otherwise the draft is a new
// version of the latest published deposition, or the first deposition of
// the dataset. It refuses while a sealed version waits for its deposit
// (ErrNotDeposited), since Zenodo makes new versions of published ones.
func (z *Depositor) Reserve(ctx context.Context, version string) (release.DOI, error) {
	j, err := loadJournal(z.journal)
	if err != nil {
		return release.DOI{}, err
	}
	entries, _, err := z.sync(j)
	if err != nil {
		return release.DOI{}, err
	}
	for i := range j.Versions {
		if r := &j.Versions[i]; !z.sealed(entries, r.Version) {
			return z.resume(ctx, j, r, version, false)
		}
	}
	// The parent is the newest sealed version with a deposition, which
	// must be published by now.
	var parent *Record
	for _, e := range entries {
		r := find(j.Versions, e.Version)
		if r == nil {
			continue
		}
		if r.State != statePublished {
			if err := z.checkPublished(ctx, j, r); err != nil {
				return release.DOI{}, err
			}
		}
		parent = r
	}
	r := Record{Version: version, State: stateCreating}
	if parent != nil {
		r.Parent = parent.ID
	}
	j.Versions = append(j.Versions, r)
	if err := j.save(); err != nil {
		return release.DOI{}, err
	}
	return z.resume(ctx, j, &j.Versions[len(j.Versions)-1], version, true)
}

// checkPublished asks Zenodo whether the sealed version of r has been
// published (the journal may lag behind: an interrupted deposit, a
// journal rebuilt by sync) and records it; ErrNotDeposited if not.
func (z *Depositor) checkPublished(ctx context.Context, j *journal, r *Record) error {
	d, err := z.c.get(ctx, r.ID)
	if err != nil {
		return err
	}
	if !d.Submitted {
		return fmt.Errorf("%w: %s has DOI %s, reserved in deposition %d, which is not published: run `cubaexports publish --to %s` first",
			ErrNotDeposited, r.Version, r.DOI, r.ID, z.o.Target.Name)
	}
	r.State = statePublished
	return j.save()
}

// resume finishes the reservation r (making its draft if need be) and
// assigns it to version. fresh says r was just recorded: no interrupted
// attempt can have made its draft.
func (z *Depositor) resume(ctx context.Context, j *journal, r *Record, version string, fresh bool) (release.DOI, error) {
	if r.State == stateCreating {
		if err := z.draft(ctx, r, z.firstMetadata(r.Version), fresh); err != nil {
			return release.DOI{}, err
		}
	} else {
		z.logf("zenodo: reusing deposition %d, reserved for %s, DOI %s", r.ID, r.Version, r.DOI)
	}
	r.Version = version
	if err := j.save(); err != nil {
		return release.DOI{}, err
	}
	return r.doi(), nil
}

// firstMetadata is what a new draft is created with: enough to find it
// again (title and version) and the request for a DOI.
func (z *Depositor) firstMetadata(version string) Metadata {
	m := base(cite.Of(z.o.Meta, version, time.Time{}))
	m.Version, m.Description, m.PrereserveDOI = version, "Reserved for "+m.Title+" "+version+".", true
	m.PublicationDate = ""
	return m
}
