package worldbank

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/cubaexports/cubaexports/sources"
)

// embeddedDoc is the part of the kind's embedded documents an entry
// reads: params.document, or else the embedded bulk file of its
// indicator (API_<indicator>_*.csv); nil when there is neither. With
// bootstrap "embed:" the document must exist. A document published with
// a datapackage.json (<name>.datapackage.json beside <name>.csv, as the
// WDI files of datahub are) must be the entry's indicator by it and under
// CC-BY-4.0; its title becomes the indicator's name.
func embeddedDoc(fsys fs.FS, src sources.Entry, p *Params) (fs.FS, error) {
	name := p.Document
	if name == "" {
		m, _ := fs.Glob(fsys, "API_"+p.Indicator+"_*.csv")
		if len(m) != 1 {
			return nil, nil
		}
		name = m[0]
	}
	if _, err := fs.Stat(fsys, name); err != nil {
		if src.Bootstrap == "embed:" {
			return nil, fmt.Errorf("source %s: params: document %q is not embedded in the worldbank kind", src.ID, name)
		}
		return nil, nil
	}
	pkg := strings.TrimSuffix(name, path.Ext(name)) + ".datapackage.json"
	b, err := fs.ReadFile(fsys, pkg)
	if err != nil {
		return sources.OneFile(fsys, name), nil // no package: nothing to check
	}
	var dp struct {
		Title     string `json:"title"`
		Worldbank struct {
			Indicator string `json:"indicator"`
		} `json:"worldbank"`
		Licenses []struct {
			Name string `json:"name"`
		} `json:"licenses"`
	}
	if err := json.Unmarshal(b, &dp); err != nil {
		return nil, fmt.Errorf("source %s: %s: %w", src.ID, pkg, err)
	}
	if !strings.EqualFold(dp.Worldbank.Indicator, p.Indicator) {
		return nil, fmt.Errorf("source %s: params: document %q is indicator %q by %s, not %s", src.ID, name, dp.Worldbank.Indicator, pkg, p.Indicator)
	}
	if len(dp.Licenses) != 1 || dp.Licenses[0].Name != "CC-BY-4.0" {
		return nil, fmt.Errorf("source %s: %s: licenses %v, want CC-BY-4.0", src.ID, pkg, dp.Licenses)
	}
	p.name = dp.Title
	return sources.OneFile(fsys, name), nil
}
