package csvtable

import (
	"fmt"
	"maps"
	"path"
	"regexp"
	"slices"
	"time"

	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources"
)

// Orientations of the values of an exchange-rate file.
const (
	PerUSD     = "per_usd"      // units of the currency per US dollar (kept)
	USDPerUnit = "usd_per_unit" // US dollars per unit of the currency (inverted)
)

// Params are a csvtable source's catalog params, decoded strictly.
type Params struct {
	// Table is the table the rows go to: fx_rates or us_cpi.
	Table string `yaml:"table"`
	// Document is the base name of the embedded bootstrap document the
	// source reads (the kind embeds several).
	Document string `yaml:"document"`
	// Header is the file's header line, exactly; any other header is a
	// layout change.
	Header []string `yaml:"header"`
	// Date is the column holding the date, and DateFormat its Go layout
	// (default 2006-01-02). fx_rates takes the year, us_cpi the year and
	// month.
	Date       string `yaml:"date"`
	DateFormat string `yaml:"date_format,omitempty"`
	// Value is the column holding the rate or index.
	Value string `yaml:"value"`
	// Key is the column whose value selects the currency (fx_rates only),
	// and Currencies maps an ISO 4217 code to the key value its rates are
	// read from; rows with other key values are skipped.
	Key        string            `yaml:"key,omitempty"`
	Currencies map[string]string `yaml:"currencies,omitempty"`
	// Filters keep only the rows whose column equals the value.
	Filters map[string]string `yaml:"filters,omitempty"`
	// Orientation is per_usd or usd_per_unit (fx_rates only).
	Orientation string `yaml:"orientation,omitempty"`
	// From and To bound the years taken, inclusive.
	From int64 `yaml:"from"`
	To   int64 `yaml:"to"`
	// Publisher and PublisherType describe the document in the sources table.
	Publisher     string `yaml:"publisher"`
	PublisherType string `yaml:"publisher_type"`
}

var isoRE = regexp.MustCompile(`^[A-Z]{3}$`)

// decodeParams decodes and checks a source's params.
func decodeParams(src sources.Entry) (*Params, error) {
	var p Params
	if err := sources.DecodeParams(src, &p); err != nil {
		return nil, err
	}
	if err := p.check(); err != nil {
		return nil, fmt.Errorf("source %s: params: %w", src.ID, err)
	}
	return &p, nil
}

func (p *Params) check() error {
	if p.DateFormat == "" {
		p.DateFormat = time.DateOnly
	}
	switch {
	case p.Table != schemas.FXRatesName && p.Table != schemas.CPIName:
		return fmt.Errorf("table %q: use %s or %s", p.Table, schemas.FXRatesName, schemas.CPIName)
	case p.Document == "" || path.Base(p.Document) != p.Document:
		return fmt.Errorf("document %q: want the base name of an embedded file", p.Document)
	case len(p.Header) == 0:
		return fmt.Errorf("header is empty: list the file's columns")
	case p.From < 1900 || p.To > 2100 || p.From > p.To:
		return fmt.Errorf("years from %d to %d: want 1900 <= from <= to <= 2100", p.From, p.To)
	case p.Publisher == "":
		return fmt.Errorf("publisher is empty")
	}
	if v, ok := schemas.VocabByName("publisher_type"); ok {
		if _, ok := v.Term(p.PublisherType); !ok {
			return fmt.Errorf("publisher_type %q is not in the publisher_type vocabulary", p.PublisherType)
		}
	}
	if _, err := time.Parse(p.DateFormat, time.Date(2001, 2, 3, 0, 0, 0, 0, time.UTC).Format(p.DateFormat)); err != nil {
		return fmt.Errorf("date_format %q: %w", p.DateFormat, err)
	}
	cols := []string{p.Date, p.Value}
	for c := range p.Filters {
		cols = append(cols, c)
	}
	if p.Table == schemas.FXRatesName {
		if p.Key == "" || len(p.Currencies) == 0 {
			return fmt.Errorf("fx_rates needs key (the column that selects the currency) and currencies")
		}
		cols = append(cols, p.Key)
		if p.Orientation != PerUSD && p.Orientation != USDPerUnit {
			return fmt.Errorf("orientation %q: want %s or %s", p.Orientation, PerUSD, USDPerUnit)
		}
		seen := map[string]string{}
		for _, cur := range slices.Sorted(maps.Keys(p.Currencies)) {
			k := p.Currencies[cur]
			if !isoRE.MatchString(cur) || k == "" {
				return fmt.Errorf("currencies: %q: %q: want an ISO 4217 code mapped to a non-empty key value", cur, k)
			}
			if other, dup := seen[k]; dup {
				return fmt.Errorf("currencies: %s and %s both read key value %q", other, cur, k)
			}
			seen[k] = cur
		}
	} else if p.Key != "" || len(p.Currencies) > 0 || p.Orientation != "" {
		return fmt.Errorf("key, currencies and orientation are for fx_rates")
	}
	for _, c := range cols {
		if !slices.Contains(p.Header, c) {
			return fmt.Errorf("column %q is not in the header %q", c, p.Header)
		}
	}
	return nil
}
