package zenodo

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/cubaexports/cubaexports/pipeline/release"
)

// The states of a deposition in the journal, in the order they are
// reached. Each is saved before the step that follows it is taken.
const (
	// stateCreating: Zenodo was asked for a draft; its answer (the
	// deposition's id) is not recorded yet. Resumed by asking again for
	// a new version (Zenodo answers with the draft it made) or, for the
	// first version, by adopting the draft made for this version.
	stateCreating = "creating"
	// stateReserved: a draft with a pre-reserved DOI; the release may be
	// sealed with that DOI, its files uploaded. Resumed by uploading
	// what is missing and publishing.
	stateReserved = "reserved"
	// statePublished: Zenodo published the deposition; its files equal
	// the release's.
	statePublished = "published"
)

// Record is a deposition the journal knows of.
type Record struct {
	Version    string `json:"version"` // the release version the deposition is for
	State      string `json:"state"`
	ID         int64  `json:"deposition_id,omitempty"`
	DOI        string `json:"doi,omitempty"`
	ConceptDOI string `json:"concept_doi,omitempty"`
	// Parent is the published deposition this one is a new version of
	// (0 for the first version and for input records).
	Parent int64 `json:"parent_id,omitempty"`
}

// journal is OUT/releases/<target>.json: the depositions of the
// release versions (in the order they were reserved) and of their
// input snapshots. It is not part of any version: it records what
// Zenodo holds, and every version's own DOI is inside its files, so a
// lost journal is rebuilt from the releases (see sync).
type journal struct {
	path     string
	Versions []Record `json:"versions"`
	Inputs   []Record `json:"inputs,omitempty"`
}

// loadJournal reads the journal at path; a missing one is empty.
func loadJournal(path string) (*journal, error) {
	j := &journal{path: path, Versions: []Record{}}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return j, nil
	}
	if err != nil {
		return nil, fmt.Errorf("zenodo: %w", err)
	}
	if err := json.Unmarshal(b, j); err != nil {
		return nil, fmt.Errorf("zenodo: %s: %w", path, err)
	}
	return j, nil
}

// find returns the record of version in list, nil when there is none.
func find(list []Record, version string) *Record {
	for i := range list {
		if list[i].Version == version {
			return &list[i]
		}
	}
	return nil
}

// save replaces the journal atomically and durably
// (release.WriteFileAtomic), before the step it records is followed by
// the next.
func (j *journal) save() error {
	b, err := json.MarshalIndent(j, "", "  ")
	if err != nil {
		return err
	}
	if err := release.WriteFileAtomic(j.path, append(b, '\n')); err != nil {
		return fmt.Errorf("zenodo: journal: %w", err)
	}
	return nil
}
