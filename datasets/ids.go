package datasets

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"reflect"
	"strings"

	"github.com/cubaexports/cubaexports/schemas"
)

// Prefixes of obs_id per fact table.
var idPrefix = map[string]string{
	schemas.RevenueName:       "rev",
	schemas.ContractRatesName: "rate",
	schemas.WorkerCountsName:  "wkr",
}

// ObsID derives the stable identifier of a fact row from its source, its
// locator and the table's identity columns (never from its values), as
// "<prefix>_<12 hex digits>". The same observation keeps its id across
// releases, so a corrected value diffs as a change.
func ObsID(t *schemas.Table, row any) string { return obsID(t, row, true) }

// obsID derives the id, with or without the locator. Kinds whose locators
// are positions that shift when the publisher adds data (a row index in an
// API response) leave the locator out: their identifying fields are unique
// within the source.
func obsID(t *schemas.Table, row any, withLocator bool) string {
	rv := reflect.Indirect(reflect.ValueOf(row))
	var b strings.Builder
	b.WriteString(t.Name)
	for _, c := range t.Columns {
		if c.Identity || c.Name == "source_id" || (c.Name == "locator" && withLocator) {
			fmt.Fprintf(&b, "\x1f%s=%v", c.Name, deref(c.Field(rv)))
		}
	}
	sum := sha256.Sum256([]byte(b.String()))
	return idPrefix[t.Name] + "_" + hex.EncodeToString(sum[:6])
}

func deref(v reflect.Value) any {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return ""
		}
		return v.Elem().Interface()
	}
	return v.Interface()
}

// AssignIDs sets the obs_id of every fact row in r, from its source,
// locator and identifying fields.
func AssignIDs(r *Rows) { AssignIDsBy(r, func(string) bool { return true }) }

// AssignIDsBy sets the obs_id of every fact row in r; withLocator says, by
// the row's extractor (kind@version), whether its locator is part of its
// identity.
func AssignIDsBy(r *Rows, withLocator func(extractor string) bool) {
	rev, rates, wkr := table(schemas.RevenueName), table(schemas.ContractRatesName), table(schemas.WorkerCountsName)
	for i := range r.Revenue {
		r.Revenue[i].ObsID = obsID(rev, &r.Revenue[i], withLocator(r.Revenue[i].Extractor))
	}
	for i := range r.ContractRates {
		r.ContractRates[i].ObsID = obsID(rates, &r.ContractRates[i], withLocator(r.ContractRates[i].Extractor))
	}
	for i := range r.WorkerCounts {
		r.WorkerCounts[i].ObsID = obsID(wkr, &r.WorkerCounts[i], withLocator(r.WorkerCounts[i].Extractor))
	}
}
