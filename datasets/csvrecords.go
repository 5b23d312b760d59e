package datasets

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"

	"github.com/cubaexports/cubaexports/schemas"
)

// EachCSVRecord reads cr to the end of its input and calls fn with every
// record and the line it starts on; the context is checked between
// records. A malformed record is a LocatedError at its line of file,
// naming the character where reading failed.
func EachCSVRecord(ctx context.Context, cr *csv.Reader, file string, fn func(rec []string, line int) error) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return &LocatedError{At: schemas.Origin{File: file, Row: pe.StartLine}, Err: fmt.Errorf("character %d: %w", pe.Column, pe.Err)}
			}
			return fmt.Errorf("%s: %w", file, err)
		}
		line, _ := cr.FieldPos(0)
		if err := fn(rec, line); err != nil {
			return err
		}
	}
}
