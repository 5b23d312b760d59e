package diff

import (
	"context"
	"io"
	"strings"
	"testing"
)

func docSide(label, revenue string) *Side {
	return &Side{Label: label, Tables: []string{"revenue"},
		Types: map[string]map[string]string{"revenue": {"obs_id": "string", "doc_check": "string"}},
		Open:  func(string) (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(revenue)), nil }}
}

// A row not found now that was found before, or is new, is listed; one
// not found in both versions is not; the table's found rate counts
// found over rows with an archived document.
func TestCheckDocs(t *testing.T) {
	prev := docSide("v1.0.0", "obs_id,source_id,locator,doc_check\na,s,p. 1,found\nb,s,p. 2,not_found\nc,s,p. 3,found\n")
	cur := docSide("build", "obs_id,source_id,locator,doc_check\na,s,p. 1,not_found\nb,s,p. 2,not_found\nc,s,p. 3,found\nd,t,p. 9,not_found\ne,u,,not_archived\nf,w,,extracted\n")
	d, err := CheckDocs(context.Background(), prev, cur)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.NewlyNot) != 2 || d.NewlyNot[0].ObsID != "a" || d.NewlyNot[0].Before != "found" || d.NewlyNot[1].ObsID != "d" || d.NewlyNot[1].Before != "" {
		t.Errorf("newly not found %+v, want a (found before) and d (new)", d.NewlyNot)
	}
	var b strings.Builder
	Changelog{Previous: "v1.0.0", DocChecks: d}.writeDocChecks(&b)
	for _, want := range []string{"| revenue | 5 | 1 | 3 | 0 | 1 | 25.0% |", "- `revenue` a: `s` p. 1 (before: found)", "- `revenue` d: `t` p. 9 (before: absent)"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("changelog lacks %q:\n%s", want, b.String())
		}
	}
	if strings.Contains(b.String(), "`revenue` b:") {
		t.Error("a row not found in both versions is listed as newly not found")
	}
}
