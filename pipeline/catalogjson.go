package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"go.yaml.in/yaml/v3"

	"github.com/cubaexports/cubaexports/sources"
)

// sourceJSON is a catalog entry as recorded in provenance.json.
type sourceJSON struct {
	ID        string          `json:"id"`
	Kind      string          `json:"kind"`
	Title     string          `json:"title,omitempty"`
	URL       string          `json:"url"`
	Schedule  string          `json:"schedule,omitempty"`
	Retrieved string          `json:"retrieved,omitempty"`
	Citation  string          `json:"citation,omitempty"`
	License   string          `json:"license,omitempty"`
	Disabled  bool            `json:"disabled,omitempty"`
	Note      string          `json:"note,omitempty"`
	Bootstrap string          `json:"bootstrap,omitempty"`
	Params    json.RawMessage `json:"params,omitempty"`
}

// catalogJSON is the effective catalog as compact JSON: every source in
// catalog order, its params with their keys in the catalog's order. It is
// what provenance.json records and what the configuration hash hashes.
func catalogJSON(cat *sources.Catalog) ([]byte, error) {
	list := make([]sourceJSON, 0, len(cat.Entries))
	for _, s := range cat.Entries {
		j := sourceJSON{ID: s.ID, Kind: s.Kind, Title: s.Title, URL: s.URL, Schedule: s.Schedule,
			Retrieved: s.Retrieved, Citation: s.Citation, License: s.License, Disabled: s.Disabled,
			Note: s.Note, Bootstrap: s.Bootstrap}
		if !s.Params.IsZero() {
			var b bytes.Buffer
			if err := nodeJSON(&b, &s.Params); err != nil {
				return nil, fmt.Errorf("source %s: params: %w", s.ID, err)
			}
			j.Params = b.Bytes()
		}
		list = append(list, j)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(list); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// configHash is the hex SHA-256 of the catalog's JSON (catalogJSON).
func configHash(catJSON []byte) string {
	h := sha256.Sum256(catJSON)
	return hex.EncodeToString(h[:])
}

// catalogFromJSON decodes a catalog recorded by catalogJSON, checking it
// as a catalog file is checked.
func catalogFromJSON(b []byte) (*sources.Catalog, error) {
	var list []sourceJSON
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&list); err != nil {
		return nil, fmt.Errorf("recorded catalog: %w", err)
	}
	// JSON is YAML: the recorded catalog decodes as a catalog file.
	doc := struct {
		Sources []sourceJSON `json:"sources"`
	}{list}
	raw, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	cat, err := sources.DecodeCatalog("recorded catalog", bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	return cat, nil
}

// nodeJSON writes a YAML node as JSON, keeping mapping keys in order:
// strings, numbers, booleans and null by their resolved tags.
func nodeJSON(b *bytes.Buffer, n *yaml.Node) error {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) != 1 {
			return fmt.Errorf("line %d: a document of %d nodes", n.Line, len(n.Content))
		}
		return nodeJSON(b, n.Content[0])
	case yaml.AliasNode:
		return nodeJSON(b, n.Alias)
	case yaml.MappingNode:
		b.WriteByte('{')
		for i := 0; i+1 < len(n.Content); i += 2 {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := stringJSON(b, n.Content[i].Value); err != nil {
				return err
			}
			b.WriteByte(':')
			if err := nodeJSON(b, n.Content[i+1]); err != nil {
				return err
			}
		}
		b.WriteByte('}')
		return nil
	case yaml.SequenceNode:
		b.WriteByte('[')
		for i, c := range n.Content {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := nodeJSON(b, c); err != nil {
				return err
			}
		}
		b.WriteByte(']')
		return nil
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			b.WriteString("null")
			return nil
		case "!!bool":
			var v bool
			if err := n.Decode(&v); err != nil {
				return err
			}
			b.WriteString(strconv.FormatBool(v))
			return nil
		case "!!int":
			var v int64
			if err := n.Decode(&v); err != nil {
				return err
			}
			b.WriteString(strconv.FormatInt(v, 10))
			return nil
		case "!!float":
			var v float64
			if err := n.Decode(&v); err == nil && !math.IsInf(v, 0) && !math.IsNaN(v) {
				b.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
				return nil
			}
		}
		return stringJSON(b, n.Value)
	}
	return fmt.Errorf("line %d: unsupported YAML node", n.Line)
}

func stringJSON(b *bytes.Buffer, s string) error {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return err
	}
	b.Truncate(b.Len() - 1) // the encoder's newline
	return nil
}
