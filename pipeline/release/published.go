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
// oldest first (see diff.FindRow). No version having the row is not an
// error: the list is empty.
func History(ctx context.Context, out, obsID string) ([]HistoryEntry, error) {
	entries, err := Index(out)
	if err != nil {
		return nil, err
	}
	hist := []HistoryEntry{}
	for _, e := range entries {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		dir, err := VersionDir(out, e.Version)
		if err != nil {
			return nil, err
		}
		r, ok, err := diff.FindRow(dir, obsID)
		if err != nil {
			return nil, fmt.Errorf("release: history of %s: %s: %w", obsID, e.Version, err)
		}
		if ok {
			hist = append(hist, HistoryEntry{Version: e.Version, Date: e.Date, Row: r})
		}
	}
	return hist, nil
}
