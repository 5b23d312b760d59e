package report

import (
	"errors"
	"fmt"
	"regexp"

	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources"
)

// Params are a report source's catalog params: the document's
// bibliographic fields and the figures to take from it.
type Params struct {
	// SourceID is the document's source_id in the sources table; default
	// the catalog id.
	SourceID      string `yaml:"source_id"`
	Publisher     string `yaml:"publisher"`
	PublisherType string `yaml:"publisher_type"`
	Language      string `yaml:"language"`  // ISO 639-1
	Published     string `yaml:"published"` // ISO 8601 date, month or year
	// Cites is the original source the document reports, when it is a
	// secondary source ("ONEI, Anuario Estadístico de Cuba 2022").
	Cites string `yaml:"cites"`
	// Format is pdf, html or text; empty: told from the document's bytes.
	Format  string   `yaml:"format"`
	Figures []Figure `yaml:"figures"`
}

// Figure is one declared figure: a regular expression over the
// normalized text of a page that must match exactly once in the document,
// with named groups holding the numbers, and the fixed fields of its row.
type Figure struct {
	Name string `yaml:"name"` // names the figure in errors; unique in the entry
	// Pattern is an RE2 regular expression (Go syntax) over a page's
	// normalized text. Named groups: value, or low and high for a range;
	// each group's text is read as a number with the claim finder's rules
	// ("4.882.234.500", "8 billion", "1,5 millones").
	Pattern string `yaml:"pattern"`
	// Multiplier scales the numbers read ("thousands": 1000); default 1.
	Multiplier float64 `yaml:"multiplier"`
	Table      string  `yaml:"table"` // revenue, contract_rates or worker_counts
	Row        Row     `yaml:"row"`

	re *regexp.Regexp
}

// Row holds the fields of a figure's row that the document does not
// vary: which are required depends on the table.
type Row struct {
	Year            int    `yaml:"year"`
	Qualifier       string `yaml:"qualifier"` // default exact, or range with low/high
	ObservationType string `yaml:"observation_type"`
	Note            string `yaml:"note"`
	Currency        string `yaml:"currency"`
	// every table: the period (default: the calendar year, year..year)
	// and how the figure relates to it (default: flow for revenue, the
	// aggregation per or count_kind implies for the other tables)
	PeriodStart string `yaml:"period_start"`
	PeriodEnd   string `yaml:"period_end"`
	Aggregation string `yaml:"aggregation"`
	// revenue
	Concept        string `yaml:"concept"`
	PartnerCountry string `yaml:"partner_country"`
	Edition        string `yaml:"edition"`
	// contract_rates and worker_counts
	HostCountry string `yaml:"host_country"`
	Subgroup    string `yaml:"subgroup"`
	// contract_rates (component default total; basis per_worker or
	// whole_contract, required)
	Profession      string `yaml:"profession"`
	ProfessionLabel string `yaml:"profession_label"`
	Measure         string `yaml:"measure"`
	Component       string `yaml:"component"`
	Basis           string `yaml:"basis"`
	Per             string `yaml:"per"`
	Workers         *int64 `yaml:"workers"`
	PaymentRoute    string `yaml:"payment_route"`
	// worker_counts
	Sector    string `yaml:"sector"`
	Role      string `yaml:"role"`
	CountKind string `yaml:"count_kind"`
}

// params decodes and checks a source's params, compiling the patterns.
func params(src sources.Entry) (Params, error) {
	var p Params
	if err := sources.DecodeParams(src, &p); err != nil {
		return p, err
	}
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	switch p.Format {
	case "", FormatPDF, FormatHTML, FormatText:
	default:
		bad("format %q: use pdf, html or text", p.Format)
	}
	if p.Publisher == "" || p.PublisherType == "" || p.Language == "" {
		bad("publisher, publisher_type and language are required")
	}
	if len(p.Figures) == 0 {
		bad("figures is empty")
	}
	seen := map[string]bool{}
	for i := range p.Figures {
		f := &p.Figures[i]
		if f.Name == "" {
			bad("figure %d: name is empty", i+1)
		} else if seen[f.Name] {
			bad("figure %q: name used twice", f.Name)
		}
		seen[f.Name] = true
		if err := f.compile(); err != nil {
			bad("figure %q: %v", f.Name, err)
		}
	}
	if len(errs) > 0 {
		return p, fmt.Errorf("source %s: params: %w", src.ID, errors.Join(errs...))
	}
	return p, nil
}

func (f *Figure) compile() error {
	re, err := regexp.Compile(f.Pattern)
	if err != nil {
		return fmt.Errorf("pattern: %w", err)
	}
	if f.Pattern == "" {
		return errors.New("pattern is empty")
	}
	f.re = re
	has := map[string]bool{}
	for _, n := range re.SubexpNames() {
		has[n] = true
	}
	switch {
	case has["value"] && (has["low"] || has["high"]):
		return errors.New("pattern: give a value group or low and high groups, not both")
	case !has["value"] && !(has["low"] && has["high"]):
		return errors.New("pattern: needs a named group value, or low and high (e.g. (?P<value>[0-9.,]+))")
	}
	if f.Multiplier == 0 {
		f.Multiplier = 1
	} else if f.Multiplier < 0 {
		return errors.New("multiplier must be positive")
	}
	r := f.Row
	if r.Year == 0 || r.ObservationType == "" {
		return errors.New("row: year and observation_type are required")
	}
	switch f.Table {
	case schemas.RevenueName:
		if r.Concept == "" || r.Currency == "" {
			return errors.New("row: revenue needs concept and currency")
		}
	case schemas.ContractRatesName:
		if r.HostCountry == "" || r.Profession == "" || r.Measure == "" || r.PaymentRoute == "" || r.Basis == "" {
			return errors.New("row: contract_rates needs host_country, profession, measure, basis and payment_route")
		}
	case schemas.WorkerCountsName:
		if r.Sector == "" || r.Role == "" || r.CountKind == "" {
			return errors.New("row: worker_counts needs sector, role and count_kind")
		}
	default:
		return fmt.Errorf("table %q: use revenue, contract_rates or worker_counts", f.Table)
	}
	return nil
}
