package zenodo

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/cubaexports/cubaexports/pipeline/release"
	"github.com/cubaexports/cubaexports/pipeline/release/cite"
)

// Redistributable are the licences (SPDX identifiers, as the catalog's
// license field names them) under which we may deposit a source's
// documents as they are.
var Redistributable = []string{"CC0-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "ODC-PDDL-1.0", "ODC-BY-1.0", "PDDL-1.0"}

// depositInputs deposits the input snapshots of version as a record of
// their own (once; a published one is not looked at again) and returns
// its DOI, "" when none may be redistributed.
func (z *Depositor) depositInputs(ctx context.Context, j *journal, version string, c cite.Citation, res *Result) (string, error) {
	r := find(j.Inputs, version)
	if r != nil && r.State == statePublished {
		return r.DOI, nil
	}
	list, err := z.o.Inputs(ctx, version)
	if err != nil || len(list) == 0 {
		return "", err
	}
	files := make([]localFile, len(list))
	for i, f := range list {
		files[i] = localFile{Rel: f.Name, Name: f.Name, Path: f.Path}
	}
	if files, err = hashed(files); err != nil {
		return "", err
	}
	m := inputsMetadata(c, files)
	fresh := r == nil
	if fresh {
		j.Inputs = append(j.Inputs, Record{Version: version, State: stateCreating})
		if err := j.save(); err != nil {
			return "", err
		}
		r = &j.Inputs[len(j.Inputs)-1]
	}
	if r.State == stateCreating {
		first := m
		first.PrereserveDOI = true
		if err := z.draft(ctx, r, first, fresh); err != nil {
			return "", err
		}
		if err := j.save(); err != nil {
			return "", err
		}
	}
	if _, err := z.complete(ctx, j, r, m, files, res); err != nil {
		return "", err
	}
	res.Inputs = append(res.Inputs, version)
	return r.DOI, nil
}

// NeverDeposited are the kinds of provenance.json inputs never deposited
// whatever the licence: the cited documents the citation check searched
// (kind citation: archived copies of publishers' documents, whose bytes
// stay in the maintainer's store, docs/archive.md) and the archive
// manifest (kind archive, which names them).
var NeverDeposited = []string{"citation", "archive"}

// SnapshotInputs lists the input snapshots of a version that may be
// redistributed: those of provenance.json whose source's licence (in the
// catalog the version recorded) is Redistributable and whose bytes path
// finds (a snapshot store's object path; ok false when absent), never an
// input of a kind in NeverDeposited. Each is named <sha256>-<name>.
func SnapshotInputs(out string, path func(sha256 string) (string, bool)) func(context.Context, string) ([]InputFile, error) {
	return func(_ context.Context, version string) ([]InputFile, error) {
		p, err := release.ReadProvenance(out, version)
		if err != nil {
			return nil, err
		}
		var catalog []struct {
			ID      string `json:"id"`
			License string `json:"license"`
		}
		if len(p.Catalog) > 0 {
			if err := json.Unmarshal(p.Catalog, &catalog); err != nil {
				return nil, fmt.Errorf("zenodo: %s: provenance.json: catalog: %w", version, err)
			}
		}
		licence := map[string]string{}
		for _, s := range catalog {
			licence[s.ID] = s.License
		}
		var files []InputFile
		seen := map[string]bool{}
		for _, in := range p.Inputs {
			if slices.Contains(NeverDeposited, in.Kind) {
				continue
			}
			where, ok := path(in.SHA256)
			if !ok || seen[in.SHA256] || !slices.Contains(Redistributable, licence[in.SourceID]) {
				continue
			}
			seen[in.SHA256] = true
			name := in.Name
			if name == "" {
				name = in.SourceID
			}
			files = append(files, InputFile{Name: in.SHA256 + "-" + strings.ReplaceAll(name, "/", "_"), Path: where})
		}
		return files, nil
	}
}
