package datasets

import (
	"iter"
	"slices"
)

// Columns holds the rows of one fact table. Code reads a row with At or
// All (a copy of the row: changing it changes nothing stored), writes one
// with Set, adds rows with Append and rewrites every row with Edit.
//
// Columns is a handle: a copy of it shares its rows with the original,
// as a copy of a slice shares its array; Clone gives an independent copy.
// The zero value holds no rows and is ready to use.
type Columns[T any] struct {
	s *store[T]
}

// store is where the rows are kept.
type store[T any] struct {
	rows []T
}

// Of holds rows in a new Columns; the caller hands the slice over.
func Of[T any](rows ...T) Columns[T] {
	if len(rows) == 0 {
		return Columns[T]{}
	}
	return Columns[T]{&store[T]{rows: rows}}
}

// Len is the number of rows.
func (c Columns[T]) Len() int {
	if c.s == nil {
		return 0
	}
	return len(c.s.rows)
}

// At returns a copy of row i; it panics if i is out of range.
func (c Columns[T]) At(i int) T { return c.s.rows[i] }

// Set replaces row i; it panics if i is out of range.
func (c Columns[T]) Set(i int, r T) { c.s.rows[i] = r }

// Append adds rows at the end.
func (c *Columns[T]) Append(rows ...T) {
	if len(rows) == 0 {
		return
	}
	if c.s == nil {
		c.s = &store[T]{}
	}
	c.s.rows = append(c.s.rows, rows...)
}

// All yields each row's index and a copy of the row, in order.
func (c Columns[T]) All() iter.Seq2[int, T] {
	return func(yield func(int, T) bool) {
		for i := range c.Len() {
			if !yield(i, c.s.rows[i]) {
				return
			}
		}
	}
}

// Rows returns a copy of every row as a slice (for small tables and
// tests; a large table is better read with All).
func (c Columns[T]) Rows() []T {
	if c.s == nil {
		return nil
	}
	return slices.Clone(c.s.rows)
}

// Edit calls fn with each row's index and the row, in order, and stores
// the row as fn leaves it.
func (c Columns[T]) Edit(fn func(i int, r *T)) {
	for i := range c.Len() {
		fn(i, &c.s.rows[i])
	}
}

// Clone returns a copy of c that shares nothing with it.
func (c Columns[T]) Clone() Columns[T] { return Of(c.Rows()...) }

// permute puts the rows in the order idx gives (row j becomes the old row
// idx[j]); it overwrites idx.
func (c Columns[T]) permute(idx []int) {
	if c.s != nil {
		permute(c.s.rows, idx)
	}
}

// slice is the stored rows, shared (for this package's writers).
func (c Columns[T]) slice() []T {
	if c.s == nil {
		return nil
	}
	return c.s.rows
}
