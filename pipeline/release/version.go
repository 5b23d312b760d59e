package release

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"

	"github.com/cubaexports/cubaexports/pipeline/release/diff"
)

// firstVersion is the version of the first release.
const firstVersion = "v1.0.0"

// semver is a parsed vMAJOR.MINOR.PATCH.
type semver struct{ major, minor, patch int }

func (v semver) String() string { return fmt.Sprintf("v%d.%d.%d", v.major, v.minor, v.patch) }

// parseVersion parses "vMAJOR.MINOR.PATCH" (decimal numbers without
// leading zeros, no pre-release or build suffix).
func parseVersion(s string) (semver, error) {
	parts := strings.Split(strings.TrimPrefix(s, "v"), ".")
	if !strings.HasPrefix(s, "v") || len(parts) != 3 {
		return semver{}, fmt.Errorf("version %q is not vMAJOR.MINOR.PATCH", s)
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 || strconv.Itoa(v) != p {
			return semver{}, fmt.Errorf("version %q is not vMAJOR.MINOR.PATCH", s)
		}
		n[i] = v
	}
	return semver{n[0], n[1], n[2]}, nil
}

// compareVersions orders valid versions semantically; invalid ones sort
// first, by string.
func compareVersions(a, b string) int {
	va, errA := parseVersion(a)
	vb, errB := parseVersion(b)
	if errA != nil || errB != nil {
		return cmp.Or(cmp.Compare(boolInt(errA == nil), boolInt(errB == nil)), cmp.Compare(a, b))
	}
	return cmp.Or(cmp.Compare(va.major, vb.major), cmp.Compare(va.minor, vb.minor), cmp.Compare(va.patch, vb.patch))
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// nextVersion is the version after prev ("" when there is none) for a
// change of the given level: the first release is v1.0.0; Major resets
// MINOR and PATCH, Minor resets PATCH. NoChange (a build whose tables
// differ in bytes but not in any cell) counts as Patch.
func nextVersion(prev string, level diff.Level) (string, error) {
	if prev == "" {
		return firstVersion, nil
	}
	v, err := parseVersion(prev)
	if err != nil {
		return "", err
	}
	switch level {
	case diff.Major:
		return semver{v.major + 1, 0, 0}.String(), nil
	case diff.Minor:
		return semver{v.major, v.minor + 1, 0}.String(), nil
	}
	return semver{v.major, v.minor, v.patch + 1}.String(), nil
}
