package ledger_test

import (
	"fmt"
	"strings"

	"github.com/cubaexports/cubaexports/pipeline/ledger"
)

// Reading a ledger whose last line was torn by a crash: the complete
// lines are read, the torn one is skipped.
func ExampleDecode() {
	runs := `{"id":"fetch:worldbank_fx@2026-12-02T06:00:00Z","job":"fetch","source":"worldbank_fx","start":"2026-12-02T06:00:00Z","end":"2026-12-02T06:00:02Z","outcome":"ok","bytes":234408,"new_snapshot":true}
{"id":"release@2026-12-02T06:00:02.000Z","job":"release","start":"2026-12-02T06:00:02Z","end":"2026-12-02T06:00:05Z","outcome":"ok","version":"v1.3.0"}
{"id":"fetch:worldbank_fx@2026-12-03T06:00:00Z","job":"fet`
	recs, err := ledger.Decode(strings.NewReader(runs))
	if err != nil {
		panic(err)
	}
	for _, r := range recs {
		fmt.Printf("%s %q %s %s %q\n", r.Job, r.Source, r.Outcome, r.Duration(), r.Version)
	}
	// Output:
	// fetch "worldbank_fx" ok 2s ""
	// release "" ok 3s "v1.3.0"
}
