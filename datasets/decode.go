package datasets

import (
	"reflect"
	"strconv"
	"strings"
	"time"
)

// A RecordDecoder sets the fields of *r that its header names from one
// CSV record (a record shorter than the header reads as padded with
// empty cells). It reads each cell exactly as gocsv's decoding does
// (gocsv stays the reference: the tests hold the two equal), without
// reflection; on the first cell it cannot read it returns an error, and
// *r is then partly set. Fields the header does not name are left as
// they are.
type RecordDecoder[T any] func(rec []string, r *T) error

// decoderMaker is a row type's fields and the maker of its decoder for a
// header that puts field j at column at[j] (-1: absent).
type decoderMaker struct {
	fields []fieldAt
	make   func(at []int) any
}

// DecoderFor returns the typed decoder of T's records under header
// head, or nil when T has no generated code (a test's table): then
// gocsv decodes them.
func DecoderFor[T any](head []string) RecordDecoder[T] {
	m, ok := generatedDecoders[reflect.TypeFor[T]()]
	if !ok {
		return nil
	}
	at := make([]int, len(m.fields))
	for j, f := range m.fields {
		at[j] = -1
		for k, h := range head {
			if f.csv != "" && h == f.csv {
				at[j] = k
				break
			}
		}
	}
	return m.make(at).(RecordDecoder[T])
}

func cell(rec []string, k int) string {
	if k < len(rec) {
		return rec[k]
	}
	return ""
}

// The cell readers below mirror gocsv's (types.go: toInt, toFloat,
// toBool, and encoding.TextUnmarshaler for times), quirks included: an
// empty cell is 0 or false, an integer cell is cut at its first '.', a
// decimal comma reads as a point, "yes" and "no" are booleans. The
// curated reader refuses most of these before decoding (badNumbers);
// what is left must read as gocsv reads it, so that the typed path and
// gocsv's agree on every record.

func decodeInt(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	s, _, _ = strings.Cut(s, ".")
	return strconv.ParseInt(s, 0, 64)
}

func decodeFloat(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	if strings.Contains(s, ",") {
		s = strings.ReplaceAll(s, ",", ".")
	}
	return strconv.ParseFloat(s, 64)
}

func decodeBool(s string) (bool, error) {
	s = strings.TrimSpace(s)
	switch {
	case strings.EqualFold(s, "yes"):
		return true, nil
	case strings.EqualFold(s, "no"), s == "":
		return false, nil
	}
	return strconv.ParseBool(s)
}

func decodeTime(s string) (time.Time, error) {
	var t time.Time
	err := t.UnmarshalText([]byte(s))
	return t, err
}

// decodePtr reads a pointer field: nil for an empty cell under
// omitempty, else a pointer to the value read.
func decodePtr[V any](s string, omitEmpty bool, read func(string) (V, error)) (*V, error) {
	if omitEmpty && s == "" {
		return nil, nil
	}
	v, err := read(s)
	if err != nil {
		return nil, err
	}
	return &v, nil
}

func decodeIntPtr(s string, omitEmpty bool) (*int64, error) {
	return decodePtr(s, omitEmpty, decodeInt)
}

func decodeFloatPtr(s string, omitEmpty bool) (*float64, error) {
	return decodePtr(s, omitEmpty, decodeFloat)
}

func decodeBoolPtr(s string, omitEmpty bool) (*bool, error) {
	return decodePtr(s, omitEmpty, decodeBool)
}

func decodeTimePtr(s string, omitEmpty bool) (*time.Time, error) {
	return decodePtr(s, omitEmpty, decodeTime)
}
