package zenodo_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/pipeline/publish/zenodo"
)

// --with-inputs: the input snapshots are a record of their own, published
// before the version's, which links to it (isDerivedFrom); it links back
// (isSourceOf). A second publish deposits nothing.
func TestWithInputs(t *testing.T) {
	f := newFixture(t)
	dir := t.TempDir()
	var inputs []zenodo.InputFile
	for _, name := range []string{"aaaa-revenue.csv", "bbbb-yearbook.xlsx"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("snapshot "+name+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, zenodo.InputFile{Name: name, Path: p})
	}
	asked := 0
	z := f.depositor(func(_ context.Context, version string) ([]zenodo.InputFile, error) {
		asked++
		if version != "v1.0.0" {
			t.Errorf("inputs of %s asked for", version)
		}
		return inputs, nil
	})
	v1 := f.mustRelease(1, z.Reserve)
	res, err := z.Publish(context.Background())
	if err != nil || !slices.Equal(res.Inputs, []string{"v1.0.0"}) || !slices.Equal(res.Deposited, []string{"v1.0.0"}) {
		t.Fatalf("publish: %+v, %v", res, err)
	}
	deps := f.srv.Depositions()
	if len(deps) != 2 {
		t.Fatalf("%d depositions, want the version's and its inputs': %s", len(deps), summary(deps))
	}
	var in, ver = deps[0], deps[1]
	if depositionOf(t, f.doi(v1).Version) == in.ID {
		in, ver = ver, in
	}
	if !in.Submitted || len(in.Files) != 2 || string(in.Files[0].Data) != "snapshot aaaa-revenue.csv\n" {
		t.Errorf("the inputs' record: %s", summary(deps))
	}
	inDOI := "10.5072/zenodo." + itoa(in.ID)
	if rel := jsonString(ver.Metadata["related_identifiers"]); !strings.Contains(rel, `"identifier":"`+inDOI+`","relation":"isDerivedFrom"`) {
		t.Errorf("the version's record does not link to its inputs: %s", rel)
	}
	if rel := jsonString(in.Metadata["related_identifiers"]); !strings.Contains(rel, `"identifier":"`+f.doi(v1).Version+`","relation":"isSourceOf"`) {
		t.Errorf("the inputs' record does not link to the version: %s", rel)
	}
	if res, err := z.Publish(context.Background()); err != nil || res.Uploaded != 0 || len(res.Inputs) != 0 || asked != 1 {
		t.Errorf("second publish: %+v, %v (inputs asked %d times)", res, err, asked)
	}
}
