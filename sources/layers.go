package sources

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The layers of the effective catalog, lowest first. A later layer
// replaces an entry of an earlier one by id, or adds it.
const (
	LayerEmbedded = "embedded" // sources/catalog.yaml, compiled into the binary
	LayerDir      = "catalog"  // a file of a catalog directory (--catalog DIR)
	LayerConfig   = "config"   // the sources list of cubaexports.yaml
)

// Origin says where an entry was declared, and what set its URL when
// that was not the entry itself (a field override or the environment).
type Origin struct {
	Layer string // LayerEmbedded, LayerDir or LayerConfig
	File  string // the file, as named to the decoder
	Line  int    // the line of the entry's "- id:" (0: not known)
	// Overrides names the field overrides applied to the entry since
	// ("cubaexports.yaml (url)", "environment CUBAEXPORTS_URL_X (url)").
	Overrides []string
}

// String is "embedded sources/catalog.yaml:12", "config cubaexports.yaml:7
// + environment CUBAEXPORTS_URL_X (url)".
func (o Origin) String() string {
	if o.Layer == "" {
		return "code"
	}
	s := o.Layer + " " + o.File
	if o.Line > 0 {
		s += ":" + strconv.Itoa(o.Line)
	}
	for _, x := range o.Overrides {
		s += " + " + x
	}
	return s
}

// topMapping is the top-level mapping of a YAML document, for the lines
// of its keys and entries (nil when there is none).
func topMapping(raw []byte) *yaml.Node {
	var root yaml.Node
	if yaml.Unmarshal(raw, &root) != nil || root.Kind != yaml.DocumentNode || len(root.Content) != 1 {
		return nil
	}
	if n := root.Content[0]; n.Kind == yaml.MappingNode {
		return n
	}
	return nil
}

// valueOf is the value of key in the mapping node n, or nil.
func valueOf(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// decodeEntries decodes the sources list of a catalog document and checks
// every entry (its kind opens it). withOthers allows other top-level keys
// (a cubaexports.yaml holds more than its sources). Errors name the file
// and line: of the entry, or of the offending key where known.
func decodeEntries(name string, raw []byte, origin Origin, withOthers bool) ([]Entry, error) {
	var doc struct {
		Sources []Entry              `yaml:"sources"`
		Others  map[string]yaml.Node `yaml:",inline"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		return nil, yamlError(name, err)
	}
	top := topMapping(raw) // decoded strictly above; only the lines are wanted
	if len(doc.Others) > 0 && !withOthers {
		keys := make([]string, 0, len(doc.Others))
		for k := range doc.Others {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		return nil, fmt.Errorf("%s:%d: %w: unknown top-level key %q (a catalog file holds only sources)", name, lineOf(top, keys[0]), ErrCatalog, keys[0])
	}
	var list []*yaml.Node
	if n := valueOf(top, "sources"); n != nil && n.Kind == yaml.SequenceNode {
		list = n.Content
	}
	seen := map[string]int{}
	for i := range doc.Sources {
		s := &doc.Sources[i]
		var n *yaml.Node
		if i < len(list) {
			n = list[i]
		}
		o := origin
		o.File, o.Line = name, lineOf(n, "")
		s.Origin = o
		if err := s.check(); err != nil {
			var fe fieldError
			line := o.Line
			if errors.As(err, &fe) {
				line = max(lineOf(n, fe.field), line)
			}
			return nil, fmt.Errorf("%s:%d: source %d (%q): %w: %w", name, line, i+1, s.ID, ErrCatalog, err)
		}
		if first, dup := seen[s.ID]; dup {
			return nil, fmt.Errorf("%s:%d: source %d (%q): %w: id used twice (first at line %d)", name, o.Line, i+1, s.ID, ErrCatalog, first)
		}
		seen[s.ID] = o.Line
	}
	return doc.Sources, nil
}

// yamlLine finds yaml's "line N: message" parts.
var yamlLine = regexp.MustCompile(`^line (\d+): (.*)$`)

// yamlError rewrites yaml's errors as "FILE:LINE: invalid catalog: ...",
// one line per problem.
func yamlError(name string, err error) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			return fmt.Errorf("%s:%s: %w: %s", name, m[1], ErrCatalog, m[2])
		}
		return fmt.Errorf("%s: %w: %s", name, ErrCatalog, msg)
	}
	var b strings.Builder
	for i, e := range te.Errors {
		if i > 0 {
			b.WriteString("\n  ")
		}
		if m := yamlLine.FindStringSubmatch(e); m != nil {
			b.WriteString(name + ":" + m[1] + ": ")
			e = m[2]
		} else {
			b.WriteString(name + ": ")
		}
		if i == 0 {
			b.WriteString(ErrCatalog.Error() + ": ")
		}
		b.WriteString(e)
	}
	return fmt.Errorf("%w", catalogError{b.String()})
}

// catalogError is a message that already names ErrCatalog.
type catalogError struct{ msg string }

func (e catalogError) Error() string { return e.msg }
func (e catalogError) Unwrap() error { return ErrCatalog }

// lineOf is the line of key in the mapping node n, or of n itself when
// key is empty or absent (0 for no node).
func lineOf(n *yaml.Node, key string) int {
	if n == nil {
		return 0
	}
	if key != "" && n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				return n.Content[i].Line
			}
		}
	}
	return n.Line
}

// fieldError is a check error about one key of an entry, so the error
// can name that key's line.
type fieldError struct {
	field string
	err   error
}

func (e fieldError) Error() string { return e.err.Error() }
func (e fieldError) Unwrap() error { return e.err }

// DecodeConfigEntries decodes the sources list of a configuration file
// (cubaexports.yaml), in the catalog's format, with the catalog's checks;
// its other top-level keys are the caller's.
func DecodeConfigEntries(name string, raw []byte) ([]Entry, error) {
	return decodeEntries(name, raw, Origin{Layer: LayerConfig}, true)
}

// LoadDir reads every catalog file (*.yaml, *.yml) of dir in name order,
// each decoded and checked as sources/catalog.yaml is. An id declared in
// two files of the directory is an error; relative local URLs of its
// entries are relative to dir.
func LoadDir(dir string) ([]Entry, error) {
	var files []string
	for _, pat := range []string{"*.yaml", "*.yml"} {
		m, err := filepath.Glob(filepath.Join(dir, pat))
		if err != nil {
			return nil, err
		}
		files = append(files, m...)
	}
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("catalog directory: %w", err)
	}
	sort.Strings(files)
	var all []Entry
	where := map[string]string{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		es, err := decodeEntries(f, raw, Origin{Layer: LayerDir}, false)
		if err != nil {
			return nil, err
		}
		for _, e := range es {
			at := e.Origin.File + ":" + strconv.Itoa(e.Origin.Line)
			if first, dup := where[e.ID]; dup {
				return nil, fmt.Errorf("%s: source %q: %w: id also declared at %s", at, e.ID, ErrCatalog, first)
			}
			where[e.ID] = at
			e.Dir = dir
			all = append(all, e)
		}
	}
	return all, nil
}

// Merge lays entries over the catalog: each replaces the entry of the
// same id in place (keeping the catalog's order), or is appended. The
// entries must have been checked (decoded by this package).
func (c *Catalog) Merge(entries []Entry) {
	for _, e := range entries {
		if i := c.index(e.ID); i >= 0 {
			c.Entries[i] = e
			continue
		}
		c.Entries = append(c.Entries, e)
	}
}
