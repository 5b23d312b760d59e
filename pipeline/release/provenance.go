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
	Version      string          `json:"version"`
	Date         string          `json:"date"`
	Program      programJSON     `json:"program"`
	ConfigSHA256 string          `json:"config_sha256"`
	Inputs       []inputJSON     `json:"inputs"`
	Tables       tableProvenance `json:"tables"`
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
// UTC), the program, the configuration's hash, the input snapshots sorted
// by source and hash, and each table's row count and file hashes.
func (d *draft) writeProvenance(ctx context.Context) error {
	p := provenance{
		Version: d.version, Date: stamp(d.in.Date), ConfigSHA256: d.in.ConfigSHA256,
		Program: programJSON{Name: d.in.Program.Name, Version: d.in.Program.Version,
			Commit: d.in.Program.Commit, Go: d.in.Program.GoVersion},
		Inputs: []inputJSON{},
	}
	for _, f := range d.in.Inputs {
		p.Inputs = append(p.Inputs, inputJSON{SourceID: f.SourceID, Kind: f.Kind, URL: f.URL,
			SHA256: f.SHA256, Bytes: f.Bytes, RetrievedAt: stamp(f.RetrievedAt)})
	}
	slices.SortStableFunc(p.Inputs, func(a, b inputJSON) int {
		return cmp.Or(cmp.Compare(a.SourceID, b.SourceID), cmp.Compare(a.SHA256, b.SHA256))
	})
	for _, t := range d.tables {
		name := t.Schema().Name
		p.Tables = append(p.Tables, tableJSON{Name: name, Rows: t.Len(),
			CSVSHA256:     d.sum("data/" + name + ".csv").SHA256,
			ParquetSHA256: d.sum("data/" + name + ".parquet").SHA256})
	}
	return d.write(ctx, "provenance.json", func(w io.Writer) error { return writeJSON(w, p) })
}
