package normalize

import (
	"errors"
	"fmt"
)

// Sentinel errors. Every error returned by this package wraps exactly one of
// them, so callers can classify failures with errors.Is.
var (
	// ErrUnknownCountry reports a country name, alias or code that is not in
	// the ISO 3166-1 table (nor the special code WLD).
	ErrUnknownCountry = errors.New("unknown country")
	// ErrNotISO4217 reports a currency code, symbol or word that cannot be
	// resolved to exactly one ISO 4217 code.
	ErrNotISO4217 = errors.New("not an ISO 4217 currency")
	// ErrNotANumber reports text that is not a number (or quantity) in the
	// requested locale.
	ErrNotANumber = errors.New("not a number")
	// ErrAmbiguousNumber reports a number that LocaleAuto could read in two
	// ways, such as "1,600" (1.6 or 1600); the caller must name the locale.
	ErrAmbiguousNumber = errors.New("ambiguous number")
)

// valueError carries a message written for the maintainer who must fix the
// input, and wraps the sentinel (or inner error) that classifies it.
type valueError struct {
	msg string
	err error
}

func (e *valueError) Error() string { return e.msg }

func (e *valueError) Unwrap() error { return e.err }

// newError returns an error with the formatted message that wraps sentinel.
func newError(sentinel error, format string, args ...any) error {
	return &valueError{msg: fmt.Sprintf(format, args...), err: sentinel}
}
