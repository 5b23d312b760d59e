package release

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// dirEntry makes the index entry of the version directory dir from its
// files, which SHA256SUMS covers: the fingerprint (see draft.fingerprint)
// and the rows from the CSV files of datapackage.json's resources, in
// their order there (the tables' order when the version was written), and
// the date from datapackage.json's created.
func dirEntry(ctx context.Context, dir, version string) (Entry, error) {
	b, err := os.ReadFile(filepath.Join(dir, "datapackage.json"))
	if err != nil {
		return Entry{}, err
	}
	var dp struct {
		Created   string `json:"created"`
		Resources []struct {
			Name, Path, Format string
		} `json:"resources"`
	}
	if err := json.Unmarshal(b, &dp); err != nil {
		return Entry{}, fmt.Errorf("datapackage.json: %w", err)
	}
	created, err := time.Parse(time.RFC3339, dp.Created)
	if err != nil {
		return Entry{}, fmt.Errorf("datapackage.json: created: %w", err)
	}
	h := sha256.New()
	rows := map[string]int{}
	for _, r := range dp.Resources {
		if r.Format != "csv" {
			continue
		}
		if err := ctx.Err(); err != nil {
			return Entry{}, err
		}
		n, err := hashTable(h, filepath.Join(dir, filepath.FromSlash(r.Path)), r.Name)
		if err != nil {
			return Entry{}, err
		}
		rows[r.Name] = n
	}
	return Entry{Version: version, Date: day(created), Fingerprint: hex.EncodeToString(h.Sum(nil)), Rows: rows}, nil
}

// hashTable writes name, a NUL, the CSV file's bytes and a NUL to h and
// returns the file's rows (records after the header).
func hashTable(h io.Writer, path, name string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	io.WriteString(h, name+"\x00")
	r := csv.NewReader(bufio.NewReaderSize(io.TeeReader(f, h), 256<<10))
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	n := -1
	for {
		if _, err := r.Read(); err == io.EOF {
			break
		} else if err != nil {
			return 0, fmt.Errorf("%s: %w", path, err)
		}
		n++
	}
	h.Write([]byte{0})
	return max(n, 0), nil
}

// checkEntry compares the version's entry in index.json with what its
// files give (dirEntry), so that index.json, which SHA256SUMS does not
// cover, cannot disagree with them unnoticed. A version index.json does
// not list is not checked here (Repair lists it or moves it aside).
func checkEntry(ctx context.Context, out, version, dir string) error {
	entries, err := Index(out)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrVerify, err)
	}
	i := slices.IndexFunc(entries, func(e Entry) bool { return e.Version == version })
	if i < 0 {
		return nil
	}
	got, err := dirEntry(ctx, dir, version)
	if err != nil {
		return fmt.Errorf("%w: %s: %w", ErrVerify, dir, err)
	}
	idx := filepath.Join(releasesDir(out), indexFile)
	switch e := entries[i]; {
	case e.Fingerprint != got.Fingerprint:
		return fmt.Errorf("%w: %s: %s has fingerprint %s, its CSV files give %s", ErrVerify, idx, version, e.Fingerprint, got.Fingerprint)
	case !maps.Equal(e.Rows, got.Rows):
		return fmt.Errorf("%w: %s: %s has rows %v, its CSV files hold %v", ErrVerify, idx, version, e.Rows, got.Rows)
	case e.Date != got.Date:
		return fmt.Errorf("%w: %s: %s has date %s, its datapackage.json says %s", ErrVerify, idx, version, e.Date, got.Date)
	}
	return nil
}
