package release

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"io"
	"slices"
)

// provenance is provenance.json; the field order is the key order.
type provenance struct {
	Version      string      `json:"version"`
	Date         string      `json:"date"`
	Program      programJSON `json:"program"`
	ConfigSHA256 string      `json:"config_sha256"`
	// Catalog is the effective catalog the release was built with (every
	// source, with its params); config_sha256 is the SHA-256 of its
	// compact JSON. A rebuild uses it instead of today's catalog.
	Catalog json.RawMessage `json:"catalog,omitempty"`
	// AcceptRegressions and Stale are the other inputs of the changelog.
	AcceptRegressions string            `json:"accept_regressions,omitempty"`
	Stale             map[string]string `json:"stale,omitempty"`
	Inputs            []inputJSON       `json:"inputs"`
	Tables            tableProvenance   `json:"tables"`
}

type programJSON struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Commit  string `json:"commit"`
	Go      string `json:"go"`
}

type inputJSON struct {
	SourceID    string `json:"source_id"`
	Kind        string `json:"kind"`
	Name        string `json:"name,omitempty"`
	URL         string `json:"url"`
	SHA256      string `json:"sha256"`
	Bytes       int64  `json:"bytes"`
	RetrievedAt string `json:"retrieved_at"`
}

type tableJSON struct {
	Name          string `json:"-"`
	Rows          int    `json:"rows"`
	CSVSHA256     string `json:"csv_sha256"`
	ParquetSHA256 string `json:"parquet_sha256"`
}

// tableProvenance encodes as an object keyed by table name, in release
// order (a map would be in alphabetical order).
type tableProvenance []tableJSON

// MarshalJSON implements json.Marshaler.
func (tp tableProvenance) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, t := range tp {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(t.Name)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(t)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// writeProvenance writes provenance.json: the version, the date (RFC 3339,
// UTC), the program, the configuration's hash and the effective catalog,
// the reason regressions were accepted and the stale sources (when any),
// the input snapshots by source in the order they were read, and each table's row
// count and file hashes. Maps encode with sorted keys, so the file is
// deterministic.
func (d *draft) writeProvenance(ctx context.Context) error {
	p := provenance{
		Version: d.version, Date: rfc3339(d.in.Date), ConfigSHA256: d.in.ConfigSHA256,
		Program: programJSON{Name: d.in.Program.Name, Version: d.in.Program.Version,
			Commit: d.in.Program.Commit, Go: d.in.Program.GoVersion},
		Inputs: []inputJSON{}, Catalog: d.in.Catalog, AcceptRegressions: d.in.AcceptRegressions,
	}
	for id, at := range d.in.Stale {
		if p.Stale == nil {
			p.Stale = map[string]string{}
		}
		p.Stale[id] = rfc3339(at)
	}
	for _, f := range d.in.Inputs {
		p.Inputs = append(p.Inputs, inputJSON{SourceID: f.SourceID, Kind: f.Kind, Name: f.Name, URL: f.URL,
			SHA256: f.SHA256, Bytes: f.Bytes, RetrievedAt: rfc3339(f.RetrievedAt)})
	}
	// By source; a source's documents stay in the order they were read
	// (a rebuild reads them in this order: the first one of a paged
	// source describes it in the sources table).
	slices.SortStableFunc(p.Inputs, func(a, b inputJSON) int { return cmp.Compare(a.SourceID, b.SourceID) })
	for _, t := range d.tables {
		name := t.Schema().Name
		p.Tables = append(p.Tables, tableJSON{Name: name, Rows: t.Len(),
			CSVSHA256:     d.sum("data/" + name + ".csv").SHA256,
			ParquetSHA256: d.sum("data/" + name + ".parquet").SHA256})
	}
	return d.write(ctx, "provenance.json", func(w io.Writer) error { return writeJSON(w, p) })
}
