package zenodo

import (
	"context"
	"errors"
	"fmt"

	"github.com/cubaexports/cubaexports/pipeline/release"
	"github.com/cubaexports/cubaexports/pipeline/release/cite"
)

// Result says what Publish did.
type Result struct {
	Deposited []string // versions uploaded and published now
	Already   []string // versions found deposited with the same bytes
	Skipped   []Skip   // versions not deposited, with the reason
	Uploaded  int      // files uploaded
	Inputs    []string // versions whose input snapshots were deposited now
}

// Skip is a version Publish leaves alone.
type Skip struct{ Version, Reason string }

// Publish deposits every released version that carries a DOI reserved on
// this target and is not yet published, in version order: it checks the
// local release (Verify), sets the deposition's metadata, makes the
// draft's files equal to the release's (uploading what is missing,
// removing what is not the release's), compares Zenodo's MD5 checksums
// with the local files and publishes. A version already published is
// compared and skipped; one whose deposited files differ is ErrDiffers.
// A version sealed without a DOI is skipped: its files cannot name one.
func (z *Depositor) Publish(ctx context.Context) (Result, error) {
	var res Result
	j, err := loadJournal(z.journal)
	if err != nil {
		return res, err
	}
	entries, cites, err := z.sync(j)
	if err != nil {
		return res, err
	}
	previous := ""
	for _, e := range entries {
		c := cites[e.Version]
		r := find(j.Versions, e.Version)
		switch {
		case r == nil && c.DOI == "":
			res.Skipped = append(res.Skipped, Skip{e.Version, "sealed without a DOI"})
			continue
		case r == nil:
			res.Skipped = append(res.Skipped, Skip{e.Version, "its DOI " + c.DOI + " was not reserved on " + z.o.Target.Name})
			continue
		case r.DOI != c.DOI:
			return res, fmt.Errorf("zenodo: %s: the journal %s says DOI %s, the release's CITATION.cff %s", e.Version, z.journal, r.DOI, c.DOI)
		}
		if err := z.deposit(ctx, j, r, c, previous, &res); err != nil {
			return res, fmt.Errorf("zenodo: %s: %w", e.Version, err)
		}
		previous = r.DOI
	}
	return res, nil
}

// deposit brings the deposition of r to published with the version's
// exact files, or checks that it is.
func (z *Depositor) deposit(ctx context.Context, j *journal, r *Record, c cite.Citation, previous string, res *Result) error {
	dir, err := release.VersionDir(z.o.Out, r.Version)
	if err != nil {
		return err
	}
	files, err := versionFiles(dir)
	if err != nil {
		return err
	}
	d, err := z.c.get(ctx, r.ID)
	if err != nil {
		return err
	}
	l := links{previousDOI: previous}
	if !d.Submitted {
		// A published deposition is compared file by file; anything
		// about to be uploaded must be the release as it was sealed.
		if err := release.Verify(ctx, z.o.Out, r.Version); err != nil {
			return fmt.Errorf("the local release does not verify, nothing uploaded: %w", err)
		}
		if z.o.Inputs != nil {
			if l.inputsDOI, err = z.depositInputs(ctx, j, r.Version, c, res); err != nil {
				return fmt.Errorf("its input snapshots: %w", err)
			}
		}
	}
	already, err := z.complete(ctx, j, r, versionMetadata(c, l, files), files, res)
	if err != nil {
		return err
	}
	if already {
		res.Already = append(res.Already, r.Version)
	} else {
		res.Deposited = append(res.Deposited, r.Version)
	}
	return nil
}

// complete brings the deposition of r to published with metadata m and
// exactly files: a published one is compared (already true), a draft
// gets m, the files and is published. The journal records it.
func (z *Depositor) complete(ctx context.Context, j *journal, r *Record, m Metadata, files []localFile, res *Result) (already bool, err error) {
	d, err := z.c.get(ctx, r.ID)
	if err != nil {
		return false, err
	}
	if already = d.Submitted; already {
		if err := z.same(ctx, r.ID, files); err != nil {
			return true, err
		}
	} else {
		if d, err = z.c.update(ctx, r.ID, m); err != nil {
			return false, err
		}
		if err := z.fill(ctx, d, files, res); err != nil {
			return false, err
		}
		if err := z.publish(ctx, r.ID); err != nil {
			return false, err
		}
		z.logf("zenodo: published deposition %d (%s), DOI %s", r.ID, m.Title, r.DOI)
	}
	if r.State == statePublished {
		return already, nil
	}
	r.State = statePublished
	return already, j.save()
}

// same compares a published deposition's files with the local ones.
func (z *Depositor) same(ctx context.Context, id int64, files []localFile) error {
	remote, err := z.c.files(ctx, id)
	if err != nil {
		return err
	}
	if err := compare(remote, files); err != nil {
		return fmt.Errorf("%w: deposition %d: %w", ErrDiffers, id, err)
	}
	return nil
}

// fill makes a draft's files equal to files: a file Zenodo holds that is
// not the release's, or has other bytes (an upload cut short, files a new
// version copies from the previous one), is removed from the draft; every
// file missing is uploaded and the checksum Zenodo answers is checked;
// then Zenodo's listing must equal the local files. A draft is not
// published, so nothing anyone could have seen is changed.
func (z *Depositor) fill(ctx context.Context, d *deposition, files []localFile, res *Result) error {
	remote, err := z.c.files(ctx, d.ID)
	if err != nil {
		return err
	}
	want := map[string]string{}
	for _, f := range files {
		want[f.Name] = f.MD5
	}
	have := map[string]bool{}
	for _, rf := range remote {
		if want[rf.Filename] == bareMD5(rf.Checksum) {
			have[rf.Filename] = true
			continue
		}
		if err := z.c.deleteFile(ctx, d.ID, rf.ID); err != nil {
			return err
		}
	}
	if d.Links.Bucket == "" && len(files) > len(have) {
		return fmt.Errorf("deposition %d: Zenodo gave no bucket link to upload to", d.ID)
	}
	for _, f := range files {
		if have[f.Name] {
			continue
		}
		sum, err := z.c.upload(ctx, d.Links.Bucket, f.Name, f.Path, f.Size)
		if err != nil {
			return err
		}
		if bareMD5(sum) != f.MD5 {
			return fmt.Errorf("deposition %d: %s: Zenodo received MD5 %s, the file has %s", d.ID, f.Name, bareMD5(sum), f.MD5)
		}
		res.Uploaded++
	}
	remote, err = z.c.files(ctx, d.ID)
	if err != nil {
		return err
	}
	if err := compare(remote, files); err != nil {
		return fmt.Errorf("deposition %d after the upload: %w", d.ID, err)
	}
	return nil
}

// publish publishes a draft. When the request fails, the deposition is
// read again: a publish whose answer was lost did happen.
func (z *Depositor) publish(ctx context.Context, id int64) error {
	err := z.c.publish(ctx, id)
	if err == nil || ctx.Err() != nil {
		return err
	}
	d, gerr := z.c.get(ctx, id)
	if gerr == nil && d.Submitted {
		return nil
	}
	return errors.Join(err, gerr)
}

// draft makes the draft of r (in state creating), or finds the one an
// interrupted attempt made (unless fresh: r was just recorded), with a
// pre-reserved DOI, and records it in r.
func (z *Depositor) draft(ctx context.Context, r *Record, m Metadata, fresh bool) error {
	var d *deposition
	var err error
	if r.Parent != 0 {
		d, err = z.c.newVersion(ctx, r.Parent)
	} else if !fresh {
		d, err = z.adopt(ctx, m)
	}
	if err == nil && d == nil {
		d, err = z.c.create(ctx, m)
	}
	if err != nil {
		return err
	}
	if d.reserved() == "" {
		if d, err = z.c.update(ctx, d.ID, m); err != nil {
			return err
		}
	}
	if d.reserved() == "" || d.conceptDOI() == "" {
		return fmt.Errorf("zenodo: deposition %d: no pre-reserved DOI in its metadata", d.ID)
	}
	r.ID, r.DOI, r.ConceptDOI, r.State = d.ID, d.reserved(), d.conceptDOI(), stateReserved
	z.logf("zenodo: reserved DOI %s (deposition %d) for %s", r.DOI, r.ID, r.Version)
	return nil
}

// adopt finds the draft an interrupted create made: unpublished, with
// m's title and version and a reserved DOI. nil when there is none.
func (z *Depositor) adopt(ctx context.Context, m Metadata) (*deposition, error) {
	ds, err := z.c.drafts(ctx)
	if err != nil {
		return nil, err
	}
	for i := range ds {
		d := &ds[i]
		if !d.Submitted && d.Metadata.Title == m.Title && d.Metadata.Version == m.Version && d.reserved() != "" {
			return d, nil
		}
	}
	return nil, nil
}
