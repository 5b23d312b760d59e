package sources

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"go.yaml.in/yaml/v3"
	"io"
	"regexp"
	"sort"
	"strings"
	"time"
)

//go:embed catalog.yaml
var defaultCatalog []byte

// Entry is one catalog entry: a concrete source of a registered kind,
// whose documents the kind reads. (The documents an entry's rows cite are
// rows of the sources table; "source" alone names neither here.)
type Entry struct {
	ID       string `yaml:"id"`
	Kind     string `yaml:"kind"`
	Title    string `yaml:"title"`
	URL      string `yaml:"url"`
	Schedule string `yaml:"schedule,omitempty"`
	// UpdatePeriod is how often the source is expected to publish
	// ("40d", "6w", "720h"; see ParsePeriod): a source whose last
	// successful fetch is older is stale.
	UpdatePeriod string `yaml:"update_period,omitempty"`
	Retrieved    string `yaml:"retrieved,omitempty"` // date the embedded documents were compiled (embed: URLs)
	Citation     string `yaml:"citation,omitempty"`
	License      string `yaml:"license,omitempty"`
	Disabled     bool   `yaml:"disabled,omitempty"`
	// Note is shown by `cubaexports sources`, e.g. that a layout map still
	// needs a real file to be confirmed.
	Note string `yaml:"note,omitempty"`
	// Bootstrap names documents to use while the store holds no snapshot
	// of the source ("embed:" = the kind's embedded documents), so an
	// offline build still has data.
	Bootstrap string `yaml:"bootstrap,omitempty"`
	// Params are the kind's own parameters (e.g. a yearbook layout map),
	// decoded strictly by the kind with DecodeParams.
	Params yaml.Node `yaml:"params,omitempty"`

	// Origin is where the entry was declared (not read from YAML).
	Origin Origin `yaml:"-"`
	// Dir is the directory a relative local URL is relative to ("": the
	// configuration file's); set for the entries of a catalog directory.
	Dir string `yaml:"-"`

	// reader is the entry opened by its kind when the catalog loaded.
	reader *Reader
}

// Reader is the entry opened by its kind when its catalog loaded (see
// Kind.Open); nil for an entry that no catalog decoded or added. An entry
// changed afterwards in code is opened again by Catalog.Add (the
// catalog's overrides reopen the entries they change).
func (src Entry) Reader() *Reader { return src.reader }

// Open opens an entry with its registered kind: the kind checks and
// compiles the entry's params into a Reader. A catalog opens every entry
// when it loads; tests open the entries they build.
func Open(src Entry) (*Reader, error) {
	k, ok := Lookup(src.Kind)
	if !ok {
		return nil, fmt.Errorf("kind %q is not registered (known: %v)", src.Kind, Kinds())
	}
	r, err := k.Open(src)
	if err != nil {
		return nil, err
	}
	if r.Extractor == nil {
		return nil, fmt.Errorf("kind %s opened entry %s without an extractor", k.Name, src.ID)
	}
	r.Kind = k
	if r.Format == "" {
		r.Format = k.Format
	}
	if r.Embedded == nil {
		r.Embedded = k.Embedded
	}
	if r.SourceID == "" {
		r.SourceID = src.ID
	}
	return &r, nil
}

// NoParams is the Open check of a kind that takes no params.
func (src Entry) NoParams() error {
	if !src.Params.IsZero() {
		return fmt.Errorf("kind %s takes no params", src.Kind)
	}
	return nil
}

// DecodeParams decodes an entry's params into v strictly: unknown keys
// are errors naming their line.
func DecodeParams(src Entry, v any) error {
	if src.Params.IsZero() {
		return fmt.Errorf("source %s: params are missing", src.ID)
	}
	raw, err := yaml.Marshal(&src.Params)
	if err != nil {
		return fmt.Errorf("source %s: params: %w", src.ID, err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("source %s: params (line %d of the catalog entry): %w", src.ID, src.Params.Line, err)
	}
	return nil
}

// Catalog is the list of catalog entries, each opened by its kind.
type Catalog struct {
	Entries []Entry `yaml:"sources"`
}

// Override changes fields of a catalog entry; empty fields are kept.
type Override struct {
	URL          string `yaml:"url,omitempty"`
	Schedule     string `yaml:"schedule,omitempty"`
	UpdatePeriod string `yaml:"update_period,omitempty"`
	Retrieved    string `yaml:"retrieved,omitempty"`
	Disabled     *bool  `yaml:"disabled,omitempty"`
}

var idRE = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// ErrCatalog is wrapped by every catalog error.
var ErrCatalog = errors.New("invalid catalog")

// DefaultCatalog decodes the catalog embedded in the binary.
func DefaultCatalog() (*Catalog, error) {
	es, err := decodeEntries("sources/catalog.yaml", defaultCatalog, Origin{Layer: LayerEmbedded}, false)
	if err != nil {
		return nil, err
	}
	return &Catalog{Entries: es}, nil
}

// DecodeCatalog decodes and checks a catalog file. Unknown keys,
// duplicate or malformed ids, unknown kinds, bad params and invalid cron
// specs are errors naming the file, the line and the entry.
func DecodeCatalog(name string, r io.Reader) (*Catalog, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	es, err := decodeEntries(name, raw, Origin{Layer: LayerDir}, false)
	if err != nil {
		return nil, err
	}
	return &Catalog{Entries: es}, nil
}

// check checks an entry and opens it with its kind.
func (s *Entry) check() error {
	bad := func(field, format string, a ...any) error {
		return fieldError{field, fmt.Errorf(format, a...)}
	}
	if !idRE.MatchString(s.ID) {
		return bad("id", "id %q does not match %s", s.ID, idRE)
	}
	if _, ok := Lookup(s.Kind); !ok {
		return bad("kind", "kind %q is not registered (known: %v)", s.Kind, Kinds())
	}
	s.reader = nil
	if s.URL == "" {
		return errors.New("url is empty")
	}
	if s.Schedule != "" {
		if _, err := ParseSchedule(s.Schedule); err != nil {
			return bad("schedule", "schedule %q: %w", s.Schedule, err)
		}
	}
	if s.UpdatePeriod != "" {
		if _, err := ParsePeriod(s.UpdatePeriod); err != nil {
			return bad("update_period", "update_period %q: %w", s.UpdatePeriod, err)
		}
	}
	if s.Retrieved != "" {
		if _, err := time.Parse(time.DateOnly, s.Retrieved); err != nil {
			return bad("retrieved", "retrieved %q is not a YYYY-MM-DD date", s.Retrieved)
		}
	}
	if s.Bootstrap != "" && s.Bootstrap != "embed:" {
		return bad("bootstrap", "bootstrap %q: only \"embed:\" is supported", s.Bootstrap)
	}
	r, err := Open(*s)
	if err != nil {
		return fieldError{"params", err}
	}
	s.reader = r
	return nil
}

// Add checks an entry as a catalog file's entries are checked, opens it
// and appends it.
func (c *Catalog) Add(s Entry) error {
	if err := s.check(); err != nil {
		return fmt.Errorf("source %q: %w: %w", s.ID, ErrCatalog, err)
	}
	if c.index(s.ID) >= 0 {
		return fmt.Errorf("source %q: %w: id used twice", s.ID, ErrCatalog)
	}
	c.Entries = append(c.Entries, s)
	return nil
}

// Apply applies overrides by source id; an override for an unknown id is
// an error.
func (c *Catalog) Apply(over map[string]Override) error { return c.ApplyFrom("", over) }

// ApplyFrom applies overrides as Apply does and records them in each
// changed entry's Origin as from (e.g. "cubaexports.yaml"), with the
// fields they set.
func (c *Catalog) ApplyFrom(from string, over map[string]Override) error {
	ids := make([]string, 0, len(over))
	for id := range over {
		ids = append(ids, id)
	}
	sort.Strings(ids) // the first error is the same on every run
	for _, id := range ids {
		o := over[id]
		i := c.index(id)
		if i < 0 {
			return fmt.Errorf("%w: override for unknown source %q", ErrCatalog, id)
		}
		s := &c.Entries[i]
		if o.URL != "" {
			s.URL = o.URL
		}
		if o.Schedule != "" {
			s.Schedule = o.Schedule
		}
		if o.UpdatePeriod != "" {
			s.UpdatePeriod = o.UpdatePeriod
		}
		if o.Retrieved != "" {
			s.Retrieved = o.Retrieved
		}
		if o.Disabled != nil {
			s.Disabled = *o.Disabled
		}
		if f := o.fields(); from != "" && f != "" {
			s.Origin.Overrides = append(s.Origin.Overrides, from+" ("+f+")")
		}
		if err := s.check(); err != nil {
			return fmt.Errorf("override of source %q: %w: %w", id, ErrCatalog, err)
		}
	}
	return nil
}

// fields lists the fields an override sets ("url, schedule").
func (o Override) fields() string {
	var fs []string
	for _, f := range []struct {
		name string
		set  bool
	}{{"url", o.URL != ""}, {"schedule", o.Schedule != ""}, {"update_period", o.UpdatePeriod != ""},
		{"retrieved", o.Retrieved != ""}, {"disabled", o.Disabled != nil}} {
		if f.set {
			fs = append(fs, f.name)
		}
	}
	return strings.Join(fs, ", ")
}

func (c *Catalog) index(id string) int {
	for i, s := range c.Entries {
		if s.ID == id {
			return i
		}
	}
	return -1
}
