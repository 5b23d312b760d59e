package xlsxtable

import (
	"cmp"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources"
	"github.com/cubaexports/cubaexports/sources/normalize"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// doc is what every row of one document shares.
type doc struct {
	src      sources.Entry
	snap     snapshot.Snapshot
	params   Params
	sheet    string
	sourceID string
}

var statusWords = map[string]string{"nil": "nil", "not_available": "not available", "withheld": "withheld"}

// note says, in our words, how the figure was read from its cell.
func (p *plan) note(d doc, o obs) string {
	pub := cmp.Or(d.params.Publisher, "ONEI")
	var b strings.Builder
	if o.v.status == "reported" {
		if p.Multiplier == 1 {
			fmt.Fprintf(&b, "%s table in %s; no multiplier", pub, p.unitsText)
		} else {
			fmt.Fprintf(&b, "%s table in %s; multiplied by %s", pub, p.unitsText, normalize.FormatNumber(p.Multiplier))
		}
	} else if o.v.symbol == "" {
		fmt.Fprintf(&b, "%s table leaves the cell empty (%s)", pub, statusWords[o.v.status])
	} else {
		fmt.Fprintf(&b, "%s table shows %q (%s)", pub, o.v.symbol, statusWords[o.v.status])
	}
	if p.table == schemas.WorkerCountsName {
		fmt.Fprintf(&b, "; edition %s", p.Name)
	}
	if p.EditionYear > 0 {
		fmt.Fprintf(&b, ", published %d", p.EditionYear)
	}
	return b.String()
}

// emit builds the output rows of a document's figures.
func (p *plan) emit(d doc, figures []obs) (datasets.Rows, error) {
	var out datasets.Rows
	var errs []error
	for _, o := range figures {
		at := schemas.Origin{File: d.snap.Name, Sheet: d.sheet, Row: o.row}
		prov := schemas.Provenance{SourceID: d.sourceID, Locator: "sheet=" + d.sheet + "!" + o.ref(), At: at}
		f := o.series.fixed
		obsType := cmp.Or(f.ObservationType, "official_statistic")
		y := strconv.Itoa(o.year) // a yearbook figure covers its calendar year
		var v *float64
		if o.v.status == "reported" {
			x := scale(o.v.num, p.Multiplier)
			v = &x
		}
		if p.table == schemas.WorkerCountsName {
			w := schemas.WorkerCount{HostCountry: cmp.Or(f.PartnerCountry, "WLD"), Year: int64(o.year),
				PeriodStart: y, PeriodEnd: y, Aggregation: schemas.CountKindAggregation[f.CountKind], Sector: f.Sector,
				Role: f.Role, Qualifier: "exact", CountKind: f.CountKind, ObservationType: obsType, Status: o.v.status,
				Note: p.note(d, o), Provenance: prov}
			if v != nil {
				if *v != math.Trunc(*v) || math.Abs(*v) > 1<<53 {
					errs = append(errs, &datasets.LocatedError{At: at, Column: "count",
						Err: fmt.Errorf("cell %s: %s %s is not a whole number of persons", o.ref(), o.raw, p.Units)})
					continue
				}
				n := int64(*v)
				w.Count = &n
			}
			out.WorkerCounts.Append(w)
			continue
		}
		out.Revenue.Append(schemas.Revenue{Year: int64(o.year), PeriodStart: y, PeriodEnd: y, Aggregation: "flow", Concept: f.Concept,
			PartnerCountry: cmp.Or(f.PartnerCountry, "WLD"), Value: v, Qualifier: "exact", Currency: f.Currency,
			ObservationType: obsType, Status: o.v.status, Edition: p.Name, Note: p.note(d, o), Provenance: prov})
	}
	if len(errs) > 0 {
		return datasets.Rows{}, joinErrs(errs)
	}
	out.Sources = []schemas.Source{p.sourceRow(d)}
	return out, nil
}

// sourceRow is the sources row of the document, from the catalog entry.
func (p *plan) sourceRow(d doc) schemas.Source {
	s := schemas.Source{SourceID: d.sourceID, Title: cmp.Or(p.Title, d.src.Title+", "+p.Name),
		Publisher: cmp.Or(d.params.Publisher, "ONEI"), PublisherType: cmp.Or(d.params.PublisherType, "cuban_state"),
		URL: cmp.Or(d.snap.URL, d.src.URL), Language: cmp.Or(d.params.Language, "es"), License: d.src.License,
		SnapshotSHA256: d.snap.SHA256, At: schemas.Origin{File: d.snap.Name, Sheet: d.sheet}}
	if p.EditionYear > 0 {
		s.Published = strconv.Itoa(p.EditionYear)
	}
	if !d.snap.RetrievedAt.IsZero() {
		t := d.snap.RetrievedAt.UTC()
		s.RetrievedAt = &t
	}
	return s
}

// sourceID is the edition's source_id, by default <catalog id>_<edition>.
func (p *plan) sourceID(src sources.Entry) string {
	if p.SourceID != "" {
		return p.SourceID
	}
	var b strings.Builder
	for _, r := range fold(p.Name) {
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') {
			b.WriteRune(r)
		} else if s := b.String(); s != "" && s[len(s)-1] != '_' {
			b.WriteByte('_')
		}
	}
	return src.ID + "_" + strings.Trim(b.String(), "_")
}
