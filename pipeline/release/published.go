package release

import (
	"context"
	"fmt"

	"github.com/cubaexports/cubaexports/pipeline/release/diff"
)

// DiffVersions compares the published versions from and to in out row by
// row (see diff.Dirs).
func DiffVersions(ctx context.Context, out, from, to string) (*diff.Diff, error) {
	a, err := VersionDir(out, from)
	if err != nil {
		return nil, fmt.Errorf("release: %w", err)
	}
	b, err := VersionDir(out, to)
	if err != nil {
		return nil, fmt.Errorf("release: %w", err)
	}
	return diff.Dirs(ctx, a, from, b, to)
}

// HistoryEntry is one published version of a fact row.
type HistoryEntry struct {
	Version string `json:"version"`
	Date    string `json:"date"` // the version's release date
	diff.Row
}

// History returns the row obsID in every version of out that has it,
// oldest first, following it across re-identifications (see
// diff.Follow): each entry's ObsID is the id that version gave it. No
// version having the row is not an error: the list is empty.
func History(ctx context.Context, out, obsID string) ([]HistoryEntry, error) {
	entries, err := Index(out)
	if err != nil {
		return nil, err
	}
	dirs := make([]string, len(entries))
	for i, e := range entries {
		if dirs[i], err = VersionDir(out, e.Version); err != nil {
			return nil, err
		}
	}
	found, err := diff.Follow(ctx, dirs, obsID)
	if err != nil {
		return nil, fmt.Errorf("release: history of %s: %w", obsID, err)
	}
	hist := []HistoryEntry{}
	for i, e := range entries {
		if r, ok := found[i]; ok {
			hist = append(hist, HistoryEntry{Version: e.Version, Date: e.Date, Row: r})
		}
	}
	return hist, nil
}
