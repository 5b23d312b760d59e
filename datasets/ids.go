package datasets

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"reflect"
	"runtime"
	"sync"

	"github.com/cubaexports/cubaexports/schemas"
)

// ObsID derives the stable identifier of a fact row from its source, its
// locator and the table's identity columns (never from its values), as
// "<prefix>_<12 hex digits>". The same observation keeps its id across
// releases, so a corrected value diffs as a change.
func ObsID(t *schemas.Table, row any) string { return obsID(t, row, true) }

// obsID derives the id, with or without the locator. Kinds whose locators
// are positions that shift when the publisher adds data (a row index in an
// API response, a yearbook cell) leave the locator out: their identifying
// fields are unique within the source.
func obsID(t *schemas.Table, row any, withLocator bool) string {
	var scratch []byte
	return string(appendObsID(nil, &scratch, t, reflect.Indirect(reflect.ValueOf(row)), withLocator))
}

// appendObsID appends the obs_id of row to dst, using *scratch for the
// identity text; it returns dst. The identity text is the table's
// name, then for each identity column (and source_id, and the locator
// when it counts) a unit separator, the column's name, '=' and the value
// as fmt's %v prints it (a null prints as nothing).
func appendObsID(dst []byte, scratch *[]byte, t *schemas.Table, rv reflect.Value, withLocator bool) []byte {
	buf := append((*scratch)[:0], t.Name...)
	for _, c := range t.Columns {
		if c.Identity || c.Name == "source_id" || (c.Name == "locator" && withLocator) {
			buf = append(append(append(buf, '\x1f'), c.Name...), '=')
			buf = appendValue(buf, c.Field(rv))
		}
	}
	*scratch = buf
	sum := sha256.Sum256(buf)
	dst = append(append(dst, t.IDPrefix...), '_')
	return hex.AppendEncode(dst, sum[:6])
}

// appendValue appends v as fmt's %v prints it; a nil pointer appends nothing.
func appendValue(buf []byte, v reflect.Value) []byte {
	if out, ok := schemas.AppendText(buf, v); ok {
		return out
	}
	if v.Kind() == reflect.Pointer {
		v = v.Elem() // not nil: AppendText took that case
	}
	return fmt.Append(buf, v.Interface())
}

// AssignIDs sets the obs_id of every fact row in r, from its source,
// locator and identifying fields.
func AssignIDs(r *Rows) { AssignIDsBy(r, func(string) bool { return true }) }

// AssignIDsBy sets the obs_id of every fact row in r; withLocator says, by
// the row's extractor (kind@version), whether its locator is part of its
// identity.
func AssignIDsBy(r *Rows, withLocator func(extractor string) bool) {
	r.eachFact(func(_ *schemas.Table, h factHolder) { h.assignIDs(withLocator) })
}

// EditProvenance calls fn with the provenance of every fact row in r,
// and keeps the rows as fn leaves them.
func EditProvenance(r *Rows, fn func(*schemas.Provenance)) {
	r.eachFact(func(_ *schemas.Table, h factHolder) { h.editProvenance(fn) })
}

func (c *Columns[T]) assignIDs(withLocator func(string) bool) {
	assignIDs(schemas.TableOf[T](), *c, withLocator)
}

// assignIDs sets the obs_id of every row. The ids are derived on every
// core (each worker reads its share of the rows and keeps one scratch
// buffer), then written into the obs_id column in order.
// withLocator is asked again only when the extractor changes.
func assignIDs[T any](t *schemas.Table, rows Columns[T], withLocator func(string) bool) {
	n := rows.Len()
	if n == 0 {
		return
	}
	ids := make([]string, n)
	workers := max(1, min(runtime.GOMAXPROCS(0), n/4096))
	var mu sync.Mutex // withLocator is the caller's: called by one worker at a time
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := n*w/workers, n*(w+1)/workers
		wg.Go(func() {
			r := new(T)
			rv := reflect.ValueOf(r).Elem()
			sl := slab{n: slabValues}
			var scratch, buf []byte
			lastExtractor, withLoc := "", false
			for i := lo; i < hi; i++ {
				rows.s.load(i, r, &sl)
				if e := any(r).(provenanced).Prov().Extractor; i == lo || e != lastExtractor {
					mu.Lock()
					lastExtractor, withLoc = e, withLocator(e)
					mu.Unlock()
				}
				buf = appendObsID(buf[:0], &scratch, t, rv, withLoc)
				ids[i] = string(buf)
			}
		})
	}
	wg.Wait()
	rows.s.base().textOf("obs_id").fill(ids)
}
