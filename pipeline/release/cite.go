package release

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/cubaexports/cubaexports/pipeline/release/cite"
)

// ReadCitation reads the citation of the release version in out ("" for
// the latest) from its CITATION.cff and datapackage.json.
func ReadCitation(out, version string) (cite.Citation, error) {
	if version == "" {
		v, err := Latest(out)
		if err != nil {
			return cite.Citation{}, err
		}
		if v == "" {
			return cite.Citation{}, fmt.Errorf("release: %s: nothing has been released", releasesDir(out))
		}
		version = v
	}
	dir, err := VersionDir(out, version)
	if err != nil {
		return cite.Citation{}, err
	}
	return cite.Read(dir)
}

// Cite returns the citation of the release version in out ("" for the
// latest) in one of cite.Formats; "cff" is the version's CITATION.cff as
// published.
func Cite(out, version, format string) ([]byte, error) {
	c, err := ReadCitation(out, version)
	if err != nil {
		return nil, err
	}
	if format == "cff" {
		b, err := os.ReadFile(filepath.Join(releasesDir(out), c.Version, "CITATION.cff"))
		if err != nil {
			return nil, fmt.Errorf("release %s: %w", c.Version, err)
		}
		return b, nil
	}
	return c.Format(format)
}
