package worldbank

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources"
)

// reporter is the country whose figures go to the revenue table: the
// project publishes Cuba's exports, with the world as partner.
const reporter = "CUB"

// ErrValue is wrapped by errors about a cell that is not a usable figure.
var ErrValue = errors.New("not a usable figure")

// obs is one published cell: a country's value for a year, and where it
// stands in its document.
type obs struct {
	country string
	year    int64
	raw     string // the value as published; "" when missing
	status  string // the API's obs_status, when it gives one
	at      schemas.Origin
	column  string // the cell's column or JSON field, for errors
	locator string
}

// emitter turns the observations of one document into rows of the table
// the params select, and describes the document as a sources row.
type emitter struct {
	p       *Params
	src     sources.Entry
	wanted  map[string][]string // World Bank code -> currencies (fx) or nil (revenue)
	name    string              // the indicator's name as published
	updated string              // the document's last-updated date
	rows    datasets.Rows
}

func newEmitter(p *Params, src sources.Entry) *emitter {
	e := &emitter{p: p, src: src, wanted: p.byCountry()}
	switch {
	case p.macro():
		e.wanted = map[string][]string{}
		for _, c := range p.Countries {
			e.wanted[c] = nil
		}
	case !p.fx():
		e.wanted = map[string][]string{reporter: nil}
	}
	return e
}

// wants reports whether rows of a country are taken.
func (e *emitter) wants(country string) bool {
	_, ok := e.wanted[country]
	return ok
}

// add turns one observation into rows; years outside from..to and rows
// of other countries are skipped.
func (e *emitter) add(o obs) error {
	if o.year < e.p.From || o.year > e.p.To || !e.wants(o.country) {
		return nil
	}
	v, err := e.value(o.raw)
	if err != nil {
		return &datasets.LocatedError{At: o.at, Column: o.column, Err: fmt.Errorf("%s: %w", o.locator, err)}
	}
	if e.p.macro() {
		if v != nil { // a year without a value has no row
			m := schemas.MacroIndicator{Country: o.country, Year: o.year, Indicator: e.p.Indicator, Value: *v, Unit: e.p.Unit}
			m.SourceID, m.Locator, m.At = e.src.ID, o.locator, o.at
			datasets.FactsOf[schemas.MacroIndicator](&e.rows).Append(m)
		}
		return nil
	}
	if e.p.fx() {
		if v == nil {
			return nil // no rate published: nothing to convert with
		}
		for _, cur := range e.wanted[o.country] {
			e.rows.FXRates = append(e.rows.FXRates, schemas.AnnualAverage(schemas.FXRate{Currency: cur, Year: o.year, RatePerUSD: *v,
				SourceID: e.src.ID, Locator: o.locator, At: o.at}))
		}
		return nil
	}
	y := strconv.FormatInt(o.year, 10) // an annual series: one calendar year's flow
	r := schemas.Revenue{Year: o.year, PeriodStart: y, PeriodEnd: y, Aggregation: "flow", Concept: e.p.Concept, PartnerCountry: "WLD", Value: v, Qualifier: "exact",
		Currency: e.p.Currency, ObservationType: "official_statistic", Status: "reported", Note: e.note(o)}
	if v == nil {
		r.Status = "not_available"
	}
	r.SourceID, r.Locator, r.At = e.src.ID, o.locator, o.at
	e.rows.Revenue.Append(r)
	return nil
}

// value parses a published figure: nil when missing; plain or scientific
// notation; never NaN or infinite; a rate must be above zero, a revenue
// figure not below it (a macro indicator may be: a balance is).
func (e *emitter) value(raw string) (*float64, error) {
	if raw == "" {
		return nil, nil
	}
	v, err := strconv.ParseFloat(raw, 64)
	switch {
	case err != nil || !schemas.FiniteDecimal(raw) || math.IsNaN(v) || math.IsInf(v, 0):
		return nil, fmt.Errorf("%w: %q is not a finite number (in decimal)", ErrValue, raw)
	case e.p.fx() && v <= 0:
		return nil, fmt.Errorf("%w: %q is not a rate above zero", ErrValue, raw)
	case v < 0 && !e.p.macro():
		return nil, fmt.Errorf("%w: %q is negative", ErrValue, raw)
	}
	return &v, nil
}

// note records, in our words, what the row is and the publisher's
// last-updated date and observation status.
func (e *emitter) note(o obs) string {
	s := fmt.Sprintf("World Bank WDI %s for %s", e.p.Indicator, o.country)
	if e.updated != "" {
		s += "; last updated " + e.updated
	}
	if o.status != "" {
		s += "; obs_status " + o.status
	}
	if o.raw == "" {
		s += "; no value published (null or empty)"
	}
	return s
}

// setUpdated records the document's last-updated date, which must be a
// YYYY-MM-DD date when given.
func (e *emitter) setUpdated(s string, at schemas.Origin, column string) error {
	if s == "" {
		return nil
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		return &datasets.LocatedError{At: at, Column: column, Err: fmt.Errorf("%w: last-updated date %q is not YYYY-MM-DD", sources.ErrLayoutChanged, s)}
	}
	e.updated = s
	return nil
}

// finish appends the sources row describing the document and returns the
// rows. Every page of a source gives the same row, so the engine can
// dedupe them; the snapshot columns are the engine's to stamp.
func (e *emitter) finish(file string) datasets.Rows {
	name := cmp.Or(e.name, e.p.name, e.p.Indicator)
	e.rows.Sources = append(e.rows.Sources, schemas.Source{
		SourceID: e.src.ID, Title: "World Development Indicators: " + name + ", " + e.p.Indicator,
		Publisher: "World Bank", PublisherType: "international_organization", URL: e.src.URL,
		Language: "en", Published: e.updated, License: "CC-BY-4.0", At: schemas.Origin{File: file},
	})
	return e.rows
}
