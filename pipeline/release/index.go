package release

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Names of the files next to the versions in OUT/releases.
const (
	indexFile  = "index.json"
	latestFile = "latest"
)

// Entry is one version in OUT/releases/index.json.
type Entry struct {
	Version     string         `json:"version"`     // vMAJOR.MINOR.PATCH
	Date        string         `json:"date"`        // release date, YYYY-MM-DD (UTC)
	Fingerprint string         `json:"fingerprint"` // hex SHA-256 of the tables' CSV bytes
	Rows        map[string]int `json:"rows"`        // rows per table
}

// Index returns every released version from OUT/releases/index.json,
// sorted by semantic version. Before the first release it returns an
// empty list and no error.
func Index(out string) ([]Entry, error) {
	path := filepath.Join(releasesDir(out), indexFile)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return []Entry{}, nil
	}
	if err != nil {
		return nil, err
	}
	var entries []Entry
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&entries); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for _, e := range entries {
		if _, err := parseVersion(e.Version); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	slices.SortStableFunc(entries, func(a, b Entry) int { return compareVersions(a.Version, b.Version) })
	return nonNil(entries), nil
}

// Latest returns the version OUT/releases/latest points to. Before the
// first release it returns "" and no error.
func Latest(out string) (string, error) {
	path := filepath.Join(releasesDir(out), latestFile)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	v := strings.TrimSuffix(string(b), "\n")
	if _, err := parseVersion(v); err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return v, nil
}

// VersionDir is the directory of a published version: OUT/releases/VERSION.
// It checks that version has the form vMAJOR.MINOR.PATCH, so a command-line
// argument can never name a directory outside OUT/releases.
func VersionDir(out, version string) (string, error) {
	if _, err := parseVersion(version); err != nil {
		return "", err
	}
	return filepath.Join(releasesDir(out), version), nil
}

// publish adds e to index.json and points latest at it, each replaced
// atomically, after the version directory dir has been renamed into
// place. If either fails, it puts index.json back and removes dir, so
// that out is as it was before Write.
func publish(root string, e Entry, dir string) (err error) {
	out := filepath.Dir(root)
	entries, err := Index(out)
	if err != nil {
		return err
	}
	indexPath := filepath.Join(root, indexFile)
	oldIndex, readErr := os.ReadFile(indexPath)
	defer func() {
		if err == nil {
			return
		}
		if readErr == nil {
			_ = writeAtomic(indexPath, oldIndex)
		} else {
			_ = os.Remove(indexPath)
		}
		_ = os.RemoveAll(dir)
	}()
	entries = append(entries, e)
	slices.SortStableFunc(entries, func(a, b Entry) int { return compareVersions(a.Version, b.Version) })
	b, err := marshalJSON(entries)
	if err != nil {
		return err
	}
	if err := writeAtomic(indexPath, b); err != nil {
		return fmt.Errorf("release: %s: %w", indexFile, err)
	}
	step(stepIndex)
	if err := writeAtomic(filepath.Join(root, latestFile), []byte(e.Version+"\n")); err != nil {
		return fmt.Errorf("release: %s: %w", latestFile, err)
	}
	step(stepLatest)
	return nil
}
