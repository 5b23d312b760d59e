package diff

// Level is how much a release changes, as semantic versioning counts it.
type Level int

// The levels, in increasing order.
const (
	NoChange Level = iota // nothing to release
	Patch                 // corrections of our own errors, metadata
	Minor                 // new rows, columns, tables or sources; upstream revisions
	Major                 // a change that breaks readers: a column or table removed, renamed or retyped
)

// String is the level's name: none, PATCH, MINOR or MAJOR.
func (l Level) String() string {
	switch l {
	case Patch:
		return "PATCH"
	case Minor:
		return "MINOR"
	case Major:
		return "MAJOR"
	}
	return "none"
}

// MarshalText encodes the level as its name.
func (l Level) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// Bump is the version bump a Diff calls for, with the reasons for that
// level (one per table and kind of change, in release order).
type Bump struct {
	Level   Level    `json:"level"`
	Reasons []string `json:"reasons"`
}

// raise records a reason at level l: a higher level replaces the reasons
// collected so far, a lower one is ignored.
func (b *Bump) raise(l Level, reason string) {
	switch {
	case l > b.Level:
		b.Level, b.Reasons = l, []string{reason}
	case l == b.Level:
		b.Reasons = append(b.Reasons, reason)
	}
}
