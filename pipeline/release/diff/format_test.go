package diff

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

func TestWriteTextTruncates(t *testing.T) {
	td := TableDiff{Table: "revenue", Status: TableChanged, OldRows: 60, NewRows: 120}
	for i := range 60 {
		td.Added = append(td.Added, fmt.Sprintf("rev_%03d", i))
	}
	var b bytes.Buffer
	if err := diffOf(td).WriteText(&b); err != nil {
		t.Fatal(err)
	}
	if got := b.String(); strings.Count(got, "\n  + ") != maxTextLines || !strings.Contains(got, "… and 10 more lines; --format csv lists every change") {
		t.Errorf("text:\n%s", got)
	}
}
