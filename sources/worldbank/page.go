package worldbank

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources"
)

// Errors of an API answer, checked with errors.Is.
var (
	// ErrAPI: the World Bank answered (HTTP 200) with an error message,
	// e.g. for an unknown indicator or country.
	ErrAPI = errors.New("the World Bank API answered with an error")
	// ErrNoRows: the query is valid but the World Bank has no rows for
	// it ([metadata, null]).
	ErrNoRows = errors.New("the World Bank returned no rows")
)

// meta is a page's paging metadata. The API writes the counts as numbers
// or as strings ("per_page":"50"), so they are read as either.
type meta struct {
	Page        flexInt `json:"page"`
	Pages       flexInt `json:"pages"`
	PerPage     flexInt `json:"per_page"`
	Total       flexInt `json:"total"`
	LastUpdated string  `json:"lastupdated"`
}

// entry is one element of a page's rows array.
type entry struct {
	Indicator struct {
		ID    string `json:"id"`
		Value string `json:"value"`
	} `json:"indicator"`
	Country struct {
		ID    string `json:"id"`
		Value string `json:"value"`
	} `json:"country"`
	ISO3      string          `json:"countryiso3code"`
	Date      string          `json:"date"`
	Value     json.RawMessage `json:"value"`
	ObsStatus string          `json:"obs_status"`
}

// page is one decoded API answer: its metadata and its raw rows.
type page struct {
	meta meta
	rows []json.RawMessage
}

// decodePage reads one API page. An error answer wraps ErrAPI, a page
// without rows ErrNoRows; a document that is not a page gives a located
// error naming the byte offset.
func decodePage(file string, r io.Reader) (page, error) {
	at := schemas.Origin{File: file}
	var top []json.RawMessage
	dec := json.NewDecoder(r)
	if err := dec.Decode(&top); err != nil {
		return page{}, &datasets.LocatedError{At: at, Err: jsonErr(dec, err)}
	}
	if _, err := dec.Token(); err != io.EOF {
		return page{}, &datasets.LocatedError{At: at, Err: fmt.Errorf("byte %d: data after the top-level array", dec.InputOffset())}
	}
	switch len(top) {
	case 1:
		return page{}, apiError(file, top[0])
	case 2:
	default:
		return page{}, &datasets.LocatedError{At: at, Err: fmt.Errorf("%w: $ has %d elements, want [metadata, rows]", sources.ErrLayoutChanged, len(top))}
	}
	var p page
	if err := json.Unmarshal(top[0], &p.meta); err != nil {
		return page{}, &datasets.LocatedError{At: at, Err: fmt.Errorf("$[0]: %w: %w", sources.ErrLayoutChanged, err)}
	}
	if bytes.Equal(bytes.TrimSpace(top[1]), []byte("null")) {
		return page{}, fmt.Errorf("%s: page %d of %d: %w (total %d)", file, p.meta.Page, p.meta.Pages, ErrNoRows, p.meta.Total)
	}
	if err := json.Unmarshal(top[1], &p.rows); err != nil {
		return page{}, &datasets.LocatedError{At: at, Err: fmt.Errorf("$[1]: %w: %w", sources.ErrLayoutChanged, err)}
	}
	if p.meta.Page < 1 || p.meta.Pages < p.meta.Page {
		return page{}, &datasets.LocatedError{At: at, Err: fmt.Errorf("$[0]: %w: page %d of %d", sources.ErrLayoutChanged, p.meta.Page, p.meta.Pages)}
	}
	return p, nil
}

// apiError reads the HTTP-200 error answer,
// [{"message":[{"id":"120","key":"Invalid value","value":"..."}]}].
func apiError(file string, raw json.RawMessage) error {
	var body struct {
		Message []struct{ ID, Key, Value string } `json:"message"`
	}
	if err := json.Unmarshal(raw, &body); err != nil || len(body.Message) == 0 {
		return &datasets.LocatedError{At: schemas.Origin{File: file},
			Err: fmt.Errorf("%w: $ has one element and it is not an error message", sources.ErrLayoutChanged)}
	}
	var msgs []string
	for _, m := range body.Message {
		msgs = append(msgs, fmt.Sprintf("%s %s: %s", m.ID, m.Key, m.Value))
	}
	return fmt.Errorf("%s: %w: %s", file, ErrAPI, strings.Join(msgs, "; "))
}

// jsonErr says where a JSON document stopped making sense.
func jsonErr(dec *json.Decoder, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Errorf("byte %d: %w", se.Offset, err)
	case errors.As(err, &te):
		return fmt.Errorf("byte %d: %w: %w", te.Offset, sources.ErrLayoutChanged, err)
	case err == io.EOF:
		return errors.New("empty document")
	}
	return fmt.Errorf("byte %d: %w", dec.InputOffset(), err)
}

// flexInt is a count the API writes as a number or a string.
type flexInt int64

// UnmarshalJSON reads 50 or "50".
func (n *flexInt) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if s == "null" || s == "" {
		*n = 0
		return nil
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return fmt.Errorf("count %s is not a whole number", b)
	}
	*n = flexInt(v)
	return nil
}
