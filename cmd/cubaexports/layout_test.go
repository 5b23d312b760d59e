package main

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

// layers ranks the module's top-level folders: a package may import
// packages of its own folder or of folders ranked below it, never above
// (docs/architecture.md, "Packages"). The folders match the import graph.
var layers = map[string]int{"schemas": 1, "datasets": 2, "sources": 3, "pipeline": 4, "cmd": 5, "testdata": 6}

const module = "github.com/cubaexports/cubaexports/"

// TestImportLayout fails when a package imports one whose folder sits
// above its own in the layout (as sources importing pipeline/snapshot
// did), naming every such import.
func TestImportLayout(t *testing.T) {
	out, err := exec.Command("go", "list", "-json=ImportPath,Imports", "../../...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	n := 0
	for dec.More() {
		var p struct {
			ImportPath string
			Imports    []string
		}
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		from, ok := layer(t, p.ImportPath)
		if !ok {
			continue
		}
		n++
		for _, imp := range p.Imports {
			if to, ok := layer(t, imp); ok && to > from {
				t.Errorf("%s imports %s, which sits above it", strings.TrimPrefix(p.ImportPath, module), strings.TrimPrefix(imp, module))
			}
		}
	}
	if n < 20 {
		t.Fatalf("go list gave %d packages of the module", n)
	}
}

// layer is the rank of a package of the module by its top-level folder.
func layer(t *testing.T, path string) (int, bool) {
	rel, ok := strings.CutPrefix(path, module)
	if !ok {
		return 0, false
	}
	top, _, _ := strings.Cut(rel, "/")
	rank, ok := layers[top]
	if !ok {
		t.Errorf("package %s is in no known top-level folder", path)
	}
	return rank, ok
}
