package schemas

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// docs/codebook.md is the codebook of the published tables, generated from
// their declarations; it must never drift from them.
func TestCodebookGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCodebook(&buf, All()); err != nil {
		t.Fatal(err)
	}
	const golden = "../docs/codebook.md"
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("%s is out of date with the table declarations; run go test ./schemas -update and review the diff", golden)
	}
}
