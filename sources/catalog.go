package sources

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"go.yaml.in/yaml/v3"
	"io"
	"regexp"
	"time"
)

//go:embed catalog.yaml
var defaultCatalog []byte

// Source is one catalog entry: a concrete source of a registered kind.
type Source struct {
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
}

// ParamsChecker is implemented by kinds that take params; the catalog
// calls it at load so a bad layout map fails before any run.
type ParamsChecker interface {
	CheckParams(src Source) error
}

// DecodeParams decodes a source's params into v strictly: unknown keys
// are errors naming their line.
func DecodeParams(src Source, v any) error {
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

// Catalog is the list of concrete sources.
type Catalog struct {
	Sources []Source `yaml:"sources"`
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
	return DecodeCatalog("sources/catalog.yaml", bytes.NewReader(defaultCatalog))
}

// DecodeCatalog decodes and checks a catalog. Unknown keys, duplicate or
// malformed ids, unknown kinds and invalid cron specs are errors naming
// the file and the entry.
func DecodeCatalog(name string, r io.Reader) (*Catalog, error) {
	dec := yaml.NewDecoder(r)
	dec.KnownFields(true)
	var c Catalog
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("%s: %w: %w", name, ErrCatalog, err)
	}
	seen := map[string]bool{}
	for i, s := range c.Sources {
		if err := s.check(); err != nil {
			return nil, fmt.Errorf("%s: source %d (%q): %w: %w", name, i+1, s.ID, ErrCatalog, err)
		}
		if seen[s.ID] {
			return nil, fmt.Errorf("%s: source %d (%q): %w: id used twice", name, i+1, s.ID, ErrCatalog)
		}
		seen[s.ID] = true
	}
	return &c, nil
}

func (s Source) check() error {
	if !idRE.MatchString(s.ID) {
		return fmt.Errorf("id %q does not match %s", s.ID, idRE)
	}
	if _, ok := Lookup(s.Kind); !ok {
		return fmt.Errorf("kind %q is not registered (known: %v)", s.Kind, Kinds())
	}
	if s.URL == "" {
		return errors.New("url is empty")
	}
	if s.Schedule != "" {
		if _, err := ParseSchedule(s.Schedule); err != nil {
			return fmt.Errorf("schedule %q: %w", s.Schedule, err)
		}
	}
	if s.UpdatePeriod != "" {
		if _, err := ParsePeriod(s.UpdatePeriod); err != nil {
			return fmt.Errorf("update_period %q: %w", s.UpdatePeriod, err)
		}
	}
	if s.Retrieved != "" {
		if _, err := time.Parse(time.DateOnly, s.Retrieved); err != nil {
			return fmt.Errorf("retrieved %q is not a YYYY-MM-DD date", s.Retrieved)
		}
	}
	if s.Bootstrap != "" && s.Bootstrap != "embed:" {
		return fmt.Errorf("bootstrap %q: only \"embed:\" is supported", s.Bootstrap)
	}
	e, _ := Lookup(s.Kind)
	if pc, ok := e.(ParamsChecker); ok {
		if err := pc.CheckParams(s); err != nil {
			return err
		}
	} else if !s.Params.IsZero() {
		return fmt.Errorf("kind %s takes no params", s.Kind)
	}
	return nil
}

// Apply applies overrides by source id; an override for an unknown id is
// an error.
func (c *Catalog) Apply(over map[string]Override) error {
	for id, o := range over {
		i := c.index(id)
		if i < 0 {
			return fmt.Errorf("%w: override for unknown source %q", ErrCatalog, id)
		}
		s := &c.Sources[i]
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
		if err := s.check(); err != nil {
			return fmt.Errorf("override of source %q: %w: %w", id, ErrCatalog, err)
		}
	}
	return nil
}

func (c *Catalog) index(id string) int {
	for i, s := range c.Sources {
		if s.ID == id {
			return i
		}
	}
	return -1
}
