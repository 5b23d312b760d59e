package worldbank

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources"
)

// extractPage turns one API page into rows. Each row's locator is
// json=page N, $[1][i] (N from the page's own metadata) and its origin's
// Row is i+1, the 1-based position in the rows array. The page's
// lastupdated date and each row's obs_status go to the revenue note.
func extractPage(ctx context.Context, e *emitter, file string, body io.Reader) (datasets.Rows, error) {
	pg, err := decodePage(file, body)
	if err != nil {
		return datasets.Rows{}, err
	}
	if err := e.setUpdated(pg.meta.LastUpdated, schemas.Origin{File: file}, "lastupdated"); err != nil {
		return datasets.Rows{}, err
	}
	for i, raw := range pg.rows {
		if err := ctx.Err(); err != nil {
			return datasets.Rows{}, err
		}
		o, err := e.entry(file, int(pg.meta.Page), i, raw)
		if err != nil {
			return datasets.Rows{}, err
		}
		if err := e.add(o); err != nil {
			return datasets.Rows{}, err
		}
	}
	return e.finish(file), nil
}

// entry reads the i-th element of a page's rows array.
func (e *emitter) entry(file string, pageNo, i int, raw json.RawMessage) (obs, error) {
	loc := fmt.Sprintf("json=page %d, $[1][%d]", pageNo, i)
	at := schemas.Origin{File: file, Row: i + 1}
	fail := func(column string, err error) (obs, error) {
		return obs{}, &datasets.LocatedError{At: at, Column: column, Err: fmt.Errorf("%s: %w", loc, err)}
	}
	var en entry
	if err := json.Unmarshal(raw, &en); err != nil {
		return fail("", fmt.Errorf("%w: %w", sources.ErrLayoutChanged, err))
	}
	if en.Indicator.ID != e.p.Indicator {
		return fail("indicator", fmt.Errorf("%w: indicator %q, want %s", sources.ErrLayoutChanged, en.Indicator.ID, e.p.Indicator))
	}
	y, ok := year(en.Date)
	if !ok {
		return fail("date", fmt.Errorf("%w: date %q is not a year", sources.ErrLayoutChanged, en.Date))
	}
	if en.Value == nil {
		return fail("value", fmt.Errorf("%w: the value field is missing", sources.ErrLayoutChanged))
	}
	country := en.ISO3
	if country == "" {
		country = en.Country.ID // some aggregates publish no ISO-3 code
	}
	if e.name == "" {
		e.name = en.Indicator.Value
	}
	o := obs{country: country, year: y, status: en.ObsStatus, at: at, column: "value", locator: loc}
	if v := bytes.TrimSpace(en.Value); !bytes.Equal(v, []byte("null")) {
		o.raw = string(v)
		if o.raw == "" || o.raw[0] == '"' {
			return fail("value", fmt.Errorf("%w: value %s is not a JSON number", ErrValue, v))
		}
	}
	return o, nil
}
