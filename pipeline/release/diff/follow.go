package diff

import (
	"context"
	"fmt"
	"path/filepath"
)

// Follow finds the fact row obsID in the releases in dirs (oldest first)
// and follows it across re-identifications: in an older release, under
// the id it had before a pairing gave it its current one (see
// TableDiff.pair); in a newer release, under the id a pairing gave it.
// The result holds the row by the index of each release that has it,
// with the id that release used (Row.ObsID). A release the row is
// missing from breaks the chain backwards; forwards, a later release
// that has the row's last id again continues it.
func Follow(ctx context.Context, dirs []string, obsID string) (map[int]Row, error) {
	found := map[int]Row{}
	k := -1
	for i, dir := range dirs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		r, ok, err := FindRow(dir, obsID)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", dir, err)
		}
		if ok {
			found[i], k = r, i
			break
		}
	}
	if k < 0 {
		return found, nil
	}
	table := found[k].Table
	if err := followBack(ctx, dirs, table, k, found); err != nil {
		return nil, err
	}
	return found, followOn(ctx, dirs, table, k, found)
}

// followBack fills found for the releases before k, none of which has
// the row under the id it has in k, until one lacks it.
func followBack(ctx context.Context, dirs []string, table string, k int, found map[int]Row) error {
	for i := k - 1; i >= 0; i-- {
		r, ok, err := before(ctx, dirs[i], dirs[i+1], table, found[i+1].ObsID, i+1 != k)
		if err != nil || !ok {
			return err
		}
		found[i] = r
	}
	return nil
}

// followOn fills found for the releases after k: under the last id seen,
// or the id the pairing with the release before gave it.
func followOn(ctx context.Context, dirs []string, table string, k int, found map[int]Row) error {
	id := found[k].ObsID
	for i := k + 1; i < len(dirs); i++ {
		_, had := found[i-1]
		r, ok, err := after(ctx, dirs[i-1], dirs[i], table, id, had)
		if err != nil {
			return err
		}
		if ok {
			found[i], id = r, r.ObsID
		}
	}
	return nil
}

// before finds in the release older the row that is id in the release
// newer just after it: under id (when direct), else under the id the
// pairing of the two releases gave it id in place of.
func before(ctx context.Context, older, newer, table, id string, direct bool) (Row, bool, error) {
	if direct {
		if r, ok, err := findIn(older, table, id); err != nil || ok {
			return r, ok, err
		}
	}
	ids, err := Reidentified(ctx, older, newer, table)
	if err != nil {
		return Row{}, false, err
	}
	for o, n := range ids { // a pairing is one to one: at most one o
		if n == id {
			return findIn(older, table, o)
		}
	}
	return Row{}, false, nil
}

// after finds in the release newer the row that is id in the release
// older just before it (or in an earlier one, when older lacks it, had
// false): under id, else (had) under the id the pairing gave it.
func after(ctx context.Context, older, newer, table, id string, had bool) (Row, bool, error) {
	r, ok, err := findIn(newer, table, id)
	if err != nil || ok || !had {
		return r, ok, err
	}
	ids, err := Reidentified(ctx, older, newer, table)
	if n, paired := ids[id]; err == nil && paired {
		return findIn(newer, table, n)
	}
	return Row{}, false, err
}

// findIn looks for the row obsID in one fact table of the release in dir.
func findIn(dir, table, obsID string) (Row, bool, error) {
	if obsID == "" {
		return Row{}, false, nil
	}
	return findInTable(filepath.Join(dir, "data", table+".csv"), table, obsID)
}

// Reidentified returns the re-identified rows of table between the
// releases in the directories older and newer (paired by their passage,
// as Compare pairs them): the newer obs_id by the older one.
func Reidentified(ctx context.Context, older, newer, table string) (map[string]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	old, err := DirSide(older, "older")
	if err != nil {
		return nil, err
	}
	cur, err := DirSide(newer, "newer")
	if err != nil {
		return nil, err
	}
	td, err := diffTable(table, old, cur)
	if err != nil {
		return nil, fmt.Errorf("release: pairing %s of %s and %s: %w", table, older, newer, err)
	}
	ids := map[string]string{}
	for _, rc := range td.Changed {
		if o := rc.OldKey(); o != "" {
			ids[o] = rc.Key
		}
	}
	return ids, nil
}
