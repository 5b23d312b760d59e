package worldbank

import (
	"fmt"
	"maps"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources"
)

// Modes of a World Bank source.
const (
	ModeAPI  = "api"  // the Indicators API v2, JSON pages
	ModeBulk = "bulk" // the bulk CSV download, a ZIP or the CSV itself
)

// Params are a World Bank source's catalog params, decoded strictly.
//
// A source feeds exactly one table: macro_indicators when Table says so
// (Countries and Unit are then required), fx_rates when Currencies is
// set, else revenue (Cuba's figures; Concept and Currency are then
// required).
type Params struct {
	// Indicator is the WDI code, e.g. PA.NUS.FCRF or NE.EXP.GNFS.CD.
	Indicator string `yaml:"indicator"`
	// Mode is "api" or "bulk".
	Mode string `yaml:"mode"`
	// Countries are the country codes the URL asks for, as in its
	// /country/<a;b>/ segment ("all" for every country), in mode api; for
	// macro_indicators (any mode) also the countries whose rows are kept.
	Countries []string `yaml:"countries,omitempty"`
	// Table is macro_indicators for a macroeconomic series; empty for the
	// tables chosen by Currencies or Concept.
	Table string `yaml:"table,omitempty"`
	// Unit is the indicator_unit of the values (macro_indicators only).
	Unit string `yaml:"unit,omitempty"`
	// Document is the base name of the embedded bootstrap document the
	// entry reads (the kind embeds several); empty: the embedded bulk file
	// API_<indicator>_*.csv, if any. A document <name>.csv published with
	// a <name>.datapackage.json must be the entry's indicator by it.
	Document string `yaml:"document,omitempty"`

	// name is the indicator's name from the bootstrap document's
	// datapackage.json, for the sources row when the document names none.
	name string
	// From and To bound the years taken, inclusive; others are skipped.
	From int64 `yaml:"from"`
	To   int64 `yaml:"to"`
	// Currencies maps an ISO 4217 code to the World Bank row (country or
	// aggregate code, e.g. EUR: EMU) whose values are its rates per US$.
	Currencies map[string]string `yaml:"currencies,omitempty"`
	// Concept is the revenue concept of the figures (revenue only).
	Concept string `yaml:"concept,omitempty"`
	// Currency is the ISO 4217 unit of the figures (revenue only; USD for
	// the "current US$" indicators).
	Currency string `yaml:"currency,omitempty"`
}

// fx reports whether the source feeds the fx_rates table.
func (p *Params) fx() bool { return len(p.Currencies) > 0 }

var (
	indicatorRE = regexp.MustCompile(`^[A-Z0-9]+(\.[A-Z0-9]+)+$`)
	isoRE       = regexp.MustCompile(`^[A-Z]{3}$`)
	wbCodeRE    = regexp.MustCompile(`^[A-Z0-9]{3}$`)
)

// decodeParams decodes and checks a source's params.
func decodeParams(src sources.Entry) (*Params, error) {
	var p Params
	if err := sources.DecodeParams(src, &p); err != nil {
		return nil, err
	}
	if err := p.check(src.URL); err != nil {
		return nil, fmt.Errorf("source %s: params: %w", src.ID, err)
	}
	return &p, nil
}

func (p *Params) check(rawURL string) error {
	switch {
	case !indicatorRE.MatchString(p.Indicator):
		return fmt.Errorf("indicator %q is not a WDI code such as PA.NUS.FCRF", p.Indicator)
	case p.Mode != ModeAPI && p.Mode != ModeBulk:
		return fmt.Errorf("mode %q: want %q or %q", p.Mode, ModeAPI, ModeBulk)
	case p.From < 1960 || p.To > 2100 || p.From > p.To:
		return fmt.Errorf("years from %d to %d: want 1960 <= from <= to <= 2100", p.From, p.To)
	}
	if err := p.checkTable(); err != nil {
		return err
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return fmt.Errorf("url: %w", err)
	}
	if !strings.Contains(strings.ToUpper(u.Path), "/INDICATOR/"+p.Indicator) && !strings.Contains(path.Base(u.Path), p.Indicator) {
		return fmt.Errorf("url %q does not name indicator %s", rawURL, p.Indicator)
	}
	if p.Mode == ModeAPI {
		return p.checkAPI(u)
	}
	if len(p.Countries) > 0 && !p.macro() {
		return fmt.Errorf("countries are for mode api or macro_indicators; a bulk file holds every country")
	}
	return nil
}

func (p *Params) checkTable() error {
	if p.Document != "" && path.Base(p.Document) != p.Document {
		return fmt.Errorf("document %q: want the base name of an embedded file", p.Document)
	}
	switch {
	case p.Table == schemas.MacroName:
		return p.checkMacro()
	case p.Table != "":
		return fmt.Errorf("table %q: name only %s; fx_rates and revenue follow from currencies or concept", p.Table, schemas.MacroName)
	case p.Unit != "":
		return fmt.Errorf("unit is for %s", schemas.MacroName)
	}
	if !p.fx() {
		if _, ok := conceptTerm(p.Concept); !ok {
			return fmt.Errorf("concept %q is not a revenue concept (set currencies for exchange rates, or a concept for revenue)", p.Concept)
		}
		if !isoRE.MatchString(p.Currency) {
			return fmt.Errorf("currency %q is not an ISO 4217 code", p.Currency)
		}
		return nil
	}
	if p.Concept != "" || p.Currency != "" {
		return fmt.Errorf("concept and currency are for revenue; a source with currencies gives exchange rates")
	}
	for _, cur := range slices.Sorted(maps.Keys(p.Currencies)) {
		if !isoRE.MatchString(cur) || !wbCodeRE.MatchString(p.Currencies[cur]) {
			return fmt.Errorf("currencies: %q: %q: want an ISO 4217 code mapped to a World Bank country code (e.g. EUR: EMU)", cur, p.Currencies[cur])
		}
	}
	return nil
}

// macro reports whether the source feeds the macro_indicators table.
func (p *Params) macro() bool { return p.Table == schemas.MacroName }

// checkMacro checks the params of a macro_indicators source: the unit and
// the countries kept, and none of the other tables' params.
func (p *Params) checkMacro() error {
	if v, ok := schemas.VocabByName("indicator_unit"); !ok || !v.Has(p.Unit) {
		return fmt.Errorf("unit %q is not an indicator_unit (usd_current, percent_of_gdp)", p.Unit)
	}
	if p.fx() || p.Concept != "" || p.Currency != "" {
		return fmt.Errorf("currencies, concept and currency are not for %s", schemas.MacroName)
	}
	if len(p.Countries) == 0 {
		return fmt.Errorf("%s needs countries (the country codes whose rows are kept)", schemas.MacroName)
	}
	for _, c := range p.Countries {
		if !isoRE.MatchString(c) {
			return fmt.Errorf("countries: %q is not an ISO 3166-1 alpha-3 code", c)
		}
	}
	return nil
}

// checkAPI checks that an API URL asks for JSON, for the countries and
// years the params name, and leaves paging to the kind.
func (p *Params) checkAPI(u *url.URL) error {
	q := u.Query()
	if q.Get("format") != "json" {
		return fmt.Errorf("url %q: mode api needs format=json", u)
	}
	if q.Has("page") {
		return fmt.Errorf("url %q: leave out page=, every page is fetched", u)
	}
	if d := q.Get("date"); d != "" && d != fmt.Sprintf("%d:%d", p.From, p.To) {
		return fmt.Errorf("url %q: date=%s disagrees with from %d and to %d", u, d, p.From, p.To)
	}
	parts := strings.Split(u.Path, "/")
	i := slices.Index(parts, "country")
	if i < 0 || i+1 >= len(parts) {
		return fmt.Errorf("url %q has no /country/<codes>/ segment", u)
	}
	got := strings.Split(strings.ToUpper(parts[i+1]), ";")
	want := make([]string, len(p.Countries))
	for j, c := range p.Countries {
		want[j] = strings.ToUpper(c)
	}
	slices.Sort(got)
	slices.Sort(want)
	if len(want) == 0 || !slices.Equal(got, want) {
		return fmt.Errorf("countries %v disagree with the url's country segment %q", p.Countries, parts[i+1])
	}
	return nil
}

// byCountry inverts Currencies: World Bank code to its currencies, sorted.
func (p *Params) byCountry() map[string][]string {
	m := map[string][]string{}
	for _, cur := range slices.Sorted(maps.Keys(p.Currencies)) {
		m[p.Currencies[cur]] = append(m[p.Currencies[cur]], cur)
	}
	return m
}

func conceptTerm(code string) (schemas.Term, bool) {
	v, ok := schemas.VocabByName("concept")
	if !ok {
		return schemas.Term{}, false
	}
	return v.Term(code)
}

func year(s string) (int64, bool) {
	if len(s) != 4 {
		return 0, false
	}
	y, err := strconv.ParseInt(s, 10, 64)
	return y, err == nil && y > 0
}
