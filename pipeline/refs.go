package pipeline

import (
	"fmt"
	"path"

	"github.com/cubaexports/cubaexports/pipeline/release"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// ReleaseRefs lists every stored object the provenance.json of a version
// listed in out refers to, so `snapshots verify` checks the inputs a
// rebuild needs (embedded and local ones are recorded nowhere else).
func ReleaseRefs(out string) ([]snapshot.Ref, error) {
	entries, err := release.Index(out)
	if err != nil {
		return nil, err
	}
	var refs []snapshot.Ref
	for _, e := range entries {
		p, err := release.ReadProvenance(out, e.Version)
		if err != nil {
			return nil, err
		}
		for _, in := range p.Inputs {
			name := in.Name
			if name == "" {
				name = path.Base(in.URL)
			}
			refs = append(refs, snapshot.Ref{SHA256: in.SHA256,
				By: fmt.Sprintf("release %s (provenance.json: source %s, %s)", e.Version, in.SourceID, name)})
		}
	}
	return refs, nil
}
